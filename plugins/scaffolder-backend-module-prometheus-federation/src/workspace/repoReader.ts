import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { FederationEditError } from '../errors';

/** Reads the repository folder in the workspace. Paths are relative to it and cannot leave it. */
export interface RepoReader {
  /** The file's text, or undefined when there is no such file. */
  read(file: string): Promise<string | undefined>;
  /** The names in a folder. */
  list(dir: string): Promise<string[]>;
  /** Every file's path, folders starting with `.` and `node_modules` left out. */
  files(): Promise<string[]>;
}

/** An infrastructure repository is small; past this, the inventory would not be a quick read. */
const MAX_FILES = 20000;

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
    async files() {
      const found: string[] = [];
      const walk = async (dir: string) => {
        const entries = await fs.readdir(path.join(root, dir), {
          withFileTypes: true,
        });
        for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
          const rel = dir ? `${dir}/${e.name}` : e.name;
          if (e.isDirectory()) {
            if (!e.name.startsWith('.') && e.name !== 'node_modules')
              await walk(rel);
          } else if (e.isFile()) {
            found.push(rel);
            if (found.length > MAX_FILES) {
              throw new FederationEditError(
                root,
                new Error(
                  `more than ${MAX_FILES} files: set repoPath to the infrastructure folder`,
                ),
              );
            }
          }
        }
      };
      await walk('');
      return found;
    },
  };
}

/** The repository as it would be with the planned files written and deleted. */
export function withChanges(
  repo: RepoReader,
  changes: Array<{ path: string; content: string; deleted?: boolean }>,
): RepoReader {
  const byPath = new Map(changes.map(c => [path.posix.normalize(c.path), c]));
  return {
    async read(file) {
      const change = byPath.get(path.posix.normalize(file));
      if (!change) return repo.read(file);
      return change.deleted ? undefined : change.content;
    },
    list: dir => repo.list(dir),
    async files() {
      const files = new Set(await repo.files());
      for (const [file, change] of byPath) {
        if (change.deleted) files.delete(file);
        else files.add(file);
      }
      return [...files].sort();
    },
  };
}
