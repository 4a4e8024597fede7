import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const cli = path.resolve(
  __dirname,
  '../../../federation-lab/bin/federation-lab',
);

/**
 * The federation lab through its command line, as scripts/e2e starts it: a lab of its own
 * (folder and ports), its generated app-config, and its AWS credentials in the environment.
 */
export function startLabProcess(dir: string, basePort: number) {
  const run = (...args: string[]) =>
    execFileSync(cli, [...args, '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  run('start', '--clusters', 'blue,green', '--base-port', String(basePort));
  for (const line of fs
    .readFileSync(path.join(dir, 'aws.env'), 'utf8')
    .split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
  }
  return {
    appConfig: path.join(dir, 'app-config.lab.yaml'),
    fault: (name: string, cluster: string) => run('fault', name, cluster),
    revert: (name: string, cluster: string) => run('revert', name, cluster),
    stop: () => run('stop'),
  };
}
