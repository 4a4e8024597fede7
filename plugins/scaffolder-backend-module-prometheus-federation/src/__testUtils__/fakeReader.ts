import { NotFoundError } from '@backstage/errors';
import type { UrlReaderService } from '@backstage/backend-plugin-api';

/** A URL reader over an in-memory map of URL to text; records the tokens it was given. */
export function fakeReader(files: Record<string, string>) {
  const tokens: Array<string | undefined> = [];
  const reader = {
    async readUrl(url: string, options?: { token?: string }) {
      tokens.push(options?.token);
      if (!(url in files)) throw new NotFoundError(`${url} not found`);
      return { buffer: async () => Buffer.from(files[url]) };
    },
  } as unknown as UrlReaderService;
  return { reader, tokens };
}
