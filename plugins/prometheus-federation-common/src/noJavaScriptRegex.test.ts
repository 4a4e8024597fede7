/**
 * No regex from outside (a dashboard, a rule, a selector, a form) is compiled with JavaScript's
 * `RegExp`: it backtracks (one dashboard could hold the backend's event loop for seconds) and reads
 * some patterns differently from Prometheus. Such regexes go through `compilePrometheusRegex`.
 * This test reads every source file of the plugins and the lab; a `RegExp(` call is allowed only
 * where listed below, with the reason its pattern is not from outside.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const ROOTS = ['plugins', 'packages/federation-lab'];

/** File (from the repository root) -> why its `RegExp(` calls compile no outside regex. */
const ALLOWED: Record<string, string> = {
  'plugins/scaffolder-backend-module-prometheus-federation/src/editors/clusterLists.ts':
    'a copy of a constant pattern of the file',
  'plugins/scaffolder-backend-module-prometheus-federation/src/editors/securityRules.ts':
    'a validated cluster name (letters, digits, dashes)',
  'plugins/scaffolder-backend-module-prometheus-federation/src/editors/terraform.ts':
    'constant Terraform keys',
  'plugins/scaffolder-backend-module-prometheus-federation/src/editors/terraformCollections.ts':
    'a Terraform identifier ([A-Za-z0-9_]+, read by collectionRef) or the constant key default',
  'plugins/scaffolder-backend-module-prometheus-federation/src/editors/swapCluster.ts':
    'validated cluster names',
  'plugins/scaffolder-backend-module-prometheus-federation/src/validation/templateForm.test.ts':
    "the template form's JSON-schema patterns (ECMAScript regexes by the JSON Schema spec) and the test's own selectors",
  'packages/federation-lab/src/ec2/query.ts': 'constant AWS query prefixes',
  'packages/federation-lab/src/ec2/sigv4.ts': 'a constant header pattern',
  'packages/federation-lab/src/apps/appServer.ts': "the lab app's own routes",
  'packages/federation-lab/src/github/loopbackGitHub.ts':
    "the loopback GitHub's own routes",
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'dist-types'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe('regexes from outside', () => {
  it('are never compiled with JavaScript RegExp outside the listed files', () => {
    const offenders = ROOTS.flatMap(root => sourceFiles(path.join(REPO, root)))
      .map(file => path.relative(REPO, file))
      .filter(file => file !== path.relative(REPO, __filename))
      .filter(file =>
        /\bRegExp\s*\(/.test(fs.readFileSync(path.join(REPO, file), 'utf8')),
      )
      .filter(file => !(file in ALLOWED));
    expect(offenders).toEqual([]);
  });

  it('lists only files that still call RegExp', () => {
    const stale = Object.keys(ALLOWED).filter(
      file =>
        !/\bRegExp\s*\(/.test(fs.readFileSync(path.join(REPO, file), 'utf8')),
    );
    expect(stale).toEqual([]);
  });
});
