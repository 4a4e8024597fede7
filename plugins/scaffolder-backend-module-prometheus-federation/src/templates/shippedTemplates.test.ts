import fs from 'node:fs';
import path from 'node:path';

// templates/ at the repository root is the source; the package ships a copy (files: templates),
// written by scripts/copy-templates.
const source = path.resolve(__dirname, '../../../../templates');
const shipped = path.resolve(__dirname, '../../templates');

const listFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => fs.statSync(path.join(dir, name)).isFile())
    .sort();

describe('templates shipped in the package', () => {
  it('are the same files as templates/ (run scripts/copy-templates after editing one)', () => {
    const files = listFiles(source);
    expect(files).toContain('add-cluster-to-federation/template.yaml');
    expect(listFiles(shipped)).toEqual(files);
    for (const file of files) {
      expect([file, fs.readFileSync(path.join(shipped, file), 'utf8')]).toEqual(
        [file, fs.readFileSync(path.join(source, file), 'utf8')],
      );
    }
  });

  it('are in the package files, so that npm pack includes them', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
    );
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'templates']));
  });
});
