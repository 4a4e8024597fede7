import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../__fixtures__');

/** The fixture variants: each is the design-doc repository with some files replaced. */
export type FixtureVariant =
  | 'design-doc'
  | 'block-string'
  | 'comments-everywhere'
  | 'vpc-rule-style'
  | 'existing-cluster';

/** A fresh copy of a fixture repository in a temporary folder. */
export function fixtureRepo(variant: FixtureVariant): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `federation-${variant}-`));
  fs.cpSync(path.join(FIXTURES, 'design-doc'), dir, { recursive: true });
  if (variant !== 'design-doc') {
    fs.cpSync(path.join(FIXTURES, variant), dir, { recursive: true });
  }
  return dir;
}

/** Every file under a folder, relative path to content. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), {
      withFileTypes: true,
    })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}
