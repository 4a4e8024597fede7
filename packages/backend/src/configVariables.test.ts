import fs from 'node:fs';
import path from 'node:path';
import {
  assertConfigVariables,
  configFiles,
  missingVariables,
  referencedVariables,
} from './configVariables';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PRODUCTION = path.join(ROOT, 'app-config.production.yaml');
const argv = [
  'node',
  'index.ts',
  '--config',
  'app-config.yaml',
  '--config',
  PRODUCTION,
];

describe('config variables', () => {
  it('finds the variables a config substitutes, not escaped ones or those in comments', () => {
    expect(
      referencedVariables(
        'a: ${ONE}\nb: x-${TWO}-y\nc: $${LITERAL}\n# d: ${COMMENTED}\ne: ${ONE}\n',
      ),
    ).toEqual(['ONE', 'TWO']);
    expect(configFiles(['--config', 'a.yaml', '--config=b.yaml'])).toEqual([
      'a.yaml',
      'b.yaml',
    ]);
  });

  it('checks only production config files, and names each missing or empty variable with its file', () => {
    const read = (file: string) =>
      file.includes('production')
        ? 'x: ${SET}\ny: ${UNSET}\nz: ${EMPTY}\n'
        : 'w: ${DEV_ONLY}\n';
    expect(
      missingVariables(
        [
          '--config',
          'app-config.yaml',
          '--config',
          'app-config.production.yaml',
        ],
        { SET: 'v', EMPTY: '' },
        read,
      ),
    ).toEqual([
      { name: 'UNSET', file: 'app-config.production.yaml' },
      { name: 'EMPTY', file: 'app-config.production.yaml' },
    ]);
  });

  it('stops the start naming what app-config.production.yaml needs, and lets it go when all are set', () => {
    const all = Object.fromEntries(
      referencedVariables(fs.readFileSync(PRODUCTION, 'utf8')).map(n => [
        n,
        'x',
      ]),
    );
    expect(() => assertConfigVariables(argv, all)).not.toThrow();
    const { AWS_REGION: _, ...withoutRegion } = all;
    expect(() => assertConfigVariables(argv, withoutRegion)).toThrow(
      'The production config needs these environment variables, which are not set: AWS_REGION (app-config.production.yaml)',
    );
    // A development start (no production file) is not checked.
    expect(() =>
      assertConfigVariables(['--config', 'app-config.yaml'], {}),
    ).not.toThrow();
  });

  it('documents every variable of app-config.production.yaml in the README, and no other', () => {
    const readme = fs.readFileSync(
      path.join(__dirname, '..', 'README.md'),
      'utf8',
    );
    const section = readme.slice(readme.indexOf('## Production'));
    const documented = new Set(
      [...section.matchAll(/^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) +\|/gm)].flatMap(
        m => m[1].split(', ').map(n => n.replace(/`/g, '')),
      ),
    );
    expect([...documented].sort()).toEqual(
      referencedVariables(fs.readFileSync(PRODUCTION, 'utf8')).sort(),
    );
  });
});
