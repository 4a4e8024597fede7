import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';

/** A file to write: its path in the repository folder and its new text. */
export interface FileToWrite {
  path: string;
  content: string;
}

/**
 * Writes every file to a temporary name first, then renames them into place: no file is ever
 * half-written, and a failure while staging leaves every old file untouched and no copy behind. Renames within one
 * folder tree do not fail in practice; if one does, the staged copies are removed.
 */
export async function writeAllOrNothing(root: string, files: FileToWrite[]) {
  const staged: Array<{ tmp: string; target: string }> = [];
  const removeStaged = () =>
    Promise.all(staged.map(s => fs.rm(s.tmp, { force: true })));
  try {
    for (const file of files) {
      const target = resolveSafeChildPath(root, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      staged.push({ tmp, target });
      await fs.writeFile(tmp, file.content, 'utf8');
    }
  } catch (error) {
    await removeStaged();
    throw error;
  }
  try {
    for (const s of staged) await fs.rename(s.tmp, s.target);
  } catch (error) {
    await removeStaged();
    throw error;
  }
}
