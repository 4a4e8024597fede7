import { execFileSync } from 'child_process';
import path from 'path';

const cli = path.resolve(
  __dirname,
  '../packages/federation-lab/bin/federation-lab',
);
const labDir =
  process.env.FEDERATION_LAB_DIR ?? path.resolve(__dirname, '../.lab');

/** Injects or reverts a fault in the running lab, as a person would from a shell. */
export function lab(
  command: 'fault' | 'revert',
  fault: string,
  cluster: string,
) {
  execFileSync(cli, [command, fault, cluster, '--dir', labDir], {
    stdio: 'inherit',
  });
}
