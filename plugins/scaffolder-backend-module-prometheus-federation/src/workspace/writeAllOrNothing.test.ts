import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAllOrNothing } from './writeAllOrNothing';

describe('writeAllOrNothing', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-write-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes every file, creating folders', async () => {
    fs.writeFileSync(path.join(root, 'a.txt'), 'old');
    await writeAllOrNothing(root, [
      { path: 'a.txt', content: 'new' },
      { path: 'b/c.txt', content: 'created' },
    ]);
    expect(fs.readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('new');
    expect(fs.readFileSync(path.join(root, 'b/c.txt'), 'utf8')).toBe('created');
    expect(fs.readdirSync(root).sort()).toEqual(['a.txt', 'b']);
  });

  it('leaves no staged copy behind when a rename fails', async () => {
    // A folder where a file should go: staging works, the rename cannot.
    fs.mkdirSync(path.join(root, 'taken/sub'), { recursive: true });
    await expect(
      writeAllOrNothing(root, [{ path: 'taken', content: 'x' }]),
    ).rejects.toThrow();
    expect(fs.readdirSync(root)).toEqual(['taken']);
  });

  it('refuses a path outside the folder', async () => {
    await expect(
      writeAllOrNothing(root, [{ path: '../escape.txt', content: 'x' }]),
    ).rejects.toThrow();
    expect(fs.existsSync(path.join(root, '../escape.txt'))).toBe(false);
  });
});
