import type { RepoReader } from '../workspace/repoReader';

/** A repository held in memory: planning and the inventory read through RepoReader only. */
export function memoryRepo(files: Record<string, string>): RepoReader {
  return {
    read: async file => files[file],
    list: async dir => [
      ...new Set(
        Object.keys(files)
          .filter(f => f.startsWith(`${dir}/`))
          .map(f => f.slice(dir.length + 1).split('/')[0]),
      ),
    ],
    files: async () => Object.keys(files).sort(),
  };
}
