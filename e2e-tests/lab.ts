import { execFileSync } from 'child_process';
import fs from 'fs';
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

/** The running lab's control endpoint (its port is in the lab's state.json). */
function controlUrl(route: string): string {
  const state = JSON.parse(
    fs.readFileSync(path.join(labDir, 'state.json'), 'utf8'),
  );
  return `http://127.0.0.1:${state.ports.control}${route}`;
}

/**
 * Re-onboards a cluster on the lab's loopback GitHub: a merged pull request that annotates the
 * cluster's catalog file in platform/infrastructure with its link (returned). `undo` takes the
 * annotation off again.
 */
export async function onboarding(
  command: 'start' | 'undo',
  cluster: string,
): Promise<string | undefined> {
  const res = await fetch(controlUrl(`/onboarding/${cluster}`), {
    method: command === 'start' ? 'POST' : 'DELETE',
  });
  const body = (await res.json()) as { pullRequest?: string; error?: string };
  if (!res.ok)
    throw new Error(`lab onboarding ${command} ${cluster}: ${body.error}`);
  return body.pullRequest;
}
