import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { FederationEditError } from '../errors';

/** Reads the repository folder in the workspace. Paths are relative to it and cannot leave it. */
export interface RepoReader {
  /** The file's text, or undefined when there is no such file. */
  read(file: string): Promise<string | undefined>;
  /** The names in a folder. */
  list(dir: string): Promise<string[]>;
}

export function repoReader(root: string): RepoReader {
  return {
    async read(file) {
      try {
        return await fs.readFile(resolveSafeChildPath(root, file), 'utf8');
      } catch (error: any) {
        if (error?.code === 'ENOENT') return undefined;
        throw new FederationEditError(file, error);
      }
    },
    async list(dir) {
      return fs.readdir(resolveSafeChildPath(root, dir));
    },
  };
}
