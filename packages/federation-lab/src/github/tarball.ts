import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';

/**
 * A gzipped tar of `files` (path to content) under one `topFolder`, as GitHub's tarball
 * endpoint answers (`<owner>-<repo>-<short sha>/...`): the URL readers strip that folder.
 */
export async function tarball(
  topFolder: string,
  files: Record<string, string>,
): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopback-tarball-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      const out = path.join(dir, topFolder, file);
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, content);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of tar.create(
      { gzip: true, cwd: dir, portable: true },
      [topFolder],
    )) {
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
