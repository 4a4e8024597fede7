import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';

/** Deletes files of the repository folder; a file already gone is fine. */
export async function deleteFiles(root: string, files: string[]) {
  for (const file of files) {
    await fs.rm(resolveSafeChildPath(root, file), { force: true });
  }
}
