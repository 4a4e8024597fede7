import { ResponseError } from '@backstage/errors';

/** One sentence per failure the user can act on; the backend's message is kept. */
export function describeError(error: Error, what: string): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const status = (error as ResponseError).response?.status;
    const message =
      (error as ResponseError).body?.error?.message ?? error.message;
    if (status === 401)
      return `You are not signed in: sign in again to see ${what}.`;
    if (status === 403)
      return `You are not allowed to see ${what} (403): ask for the prometheus-federation read permission. ${message}`;
    if (status === 404)
      return `Not found: ${what} is unknown to the prometheus-federation backend. ${message}`;
    if (status && status >= 500)
      return `The prometheus-federation backend failed (${status}) while reading ${what}: ${message}`;
  }
  return `Cannot reach the prometheus-federation backend to read ${what}: ${error.message}`;
}
