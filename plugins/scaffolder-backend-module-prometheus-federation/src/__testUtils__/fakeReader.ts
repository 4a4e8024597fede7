import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '@backstage/errors';
import type { UrlReaderService } from '@backstage/backend-plugin-api';

type TreeOptions = { token?: string; filter?: (p: string) => boolean };

/**
 * A URL reader over in-memory maps: `files`, URL to text, for `readUrl`; `trees`, tree URL to
 * (path to text), for `readTree`, whose `dir` writes the files its filter keeps. Records the
 * tokens it was given.
 */
export function fakeReader(
  files: Record<string, string>,
  trees: Record<string, Record<string, string>> = {},
) {
  const tokens: Array<string | undefined> = [];
  const reader = {
    async readUrl(url: string, options?: { token?: string }) {
      tokens.push(options?.token);
      if (!(url in files)) throw new NotFoundError(`${url} not found`);
      return { buffer: async () => Buffer.from(files[url]) };
    },
    async readTree(url: string, options?: TreeOptions) {
      tokens.push(options?.token);
      if (!(url in trees)) throw new NotFoundError(`${url} not found`);
      const kept = Object.entries(trees[url]).filter(
        ([p]) => options?.filter?.(p) ?? true,
      );
      return {
        async dir({ targetDir }: { targetDir: string }) {
          for (const [p, content] of kept) {
            fs.mkdirSync(path.dirname(path.join(targetDir, p)), {
              recursive: true,
            });
            fs.writeFileSync(path.join(targetDir, p), content);
          }
          return targetDir;
        },
      };
    },
  } as unknown as UrlReaderService;
  return { reader, tokens };
}
