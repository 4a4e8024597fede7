import { redact } from '../redact';
import { oneLine, reasonInWords } from './reasonText';
import { Sourced } from './types';

/** Thrown when an upstream did not answer within its per-source timeout. */
export class UpstreamTimeoutError extends Error {
  constructor(readonly upstream: string, readonly seconds: number) {
    super(`timeout after ${seconds} s`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** Rejects with UpstreamTimeoutError after `seconds`; aborts the signal so sockets are closed. */
export async function withTimeout<T>(
  upstream: string,
  seconds: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new UpstreamTimeoutError(upstream, seconds));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * Runs one source read, turning any failure into a reason instead of an exception: always
 * `<source>: <reason in words>` (`Kubernetes blue: timeout after 5 s`), the raw error kept as detail.
 */
export async function sourced<T>(
  upstream: string,
  seconds: number,
  secrets: string[],
  run: (signal: AbortSignal) => Promise<T>,
): Promise<Sourced<T>> {
  try {
    return { ok: true, value: await withTimeout(upstream, seconds, run) };
  } catch (error) {
    const timedOut = error instanceof UpstreamTimeoutError;
    return {
      ok: false,
      reason: redact(
        `${upstream}: ${timedOut ? error.message : reasonInWords(error)}`,
        secrets,
      ),
      timedOut,
      detail: redact(oneLine(errorText(error)), secrets),
    };
  }
}
