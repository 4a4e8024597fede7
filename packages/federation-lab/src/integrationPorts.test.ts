import fs from 'node:fs';
import path from 'node:path';

// scripts/test runs two integration files at a time, each with a lab on fixed ports from its
// BASE_PORT: two files sharing a range would fail with EADDRINUSE only when they happen to
// run side by side. A lab of up to 9 clusters stays inside 100 ports.
const REPO_ROOT = path.resolve(__dirname, '../../..');

function integrationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' ? [] : integrationFiles(full);
    return entry.name.endsWith('.integration.test.ts') ? [full] : [];
  });
}

describe('integration test ports', () => {
  it('gives every integration file its own range of 100 ports', () => {
    const files = ['plugins', 'packages'].flatMap(d =>
      integrationFiles(path.join(REPO_ROOT, d)),
    );
    expect(files.length).toBeGreaterThan(5);
    const ranges = files.flatMap(file => {
      const m = /const BASE_PORT = (\d+);/.exec(fs.readFileSync(file, 'utf8'));
      return m ? [{ file: path.relative(REPO_ROOT, file), start: +m[1] }] : [];
    });
    const clashes = ranges.flatMap((a, i) =>
      ranges
        .slice(i + 1)
        .filter(b => Math.abs(a.start - b.start) < 100)
        .map(b => `${a.file} (${a.start}) and ${b.file} (${b.start})`),
    );
    expect(clashes).toEqual([]);
  });
});
