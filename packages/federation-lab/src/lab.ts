import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildBackendConfig, LabBackendConfig } from './backendConfig';
import { spawnDaemon } from './daemon/spawnDaemon';
import {
  LabOptionsInput,
  labPorts,
  resolveOptions,
  ResolvedLabOptions,
} from './options';
import { prepareLab } from './prepare';
import { loadOrCreateSecrets } from './secrets';
import {
  LAB_FAULTS,
  LabFault,
  LabState,
  isAlive,
  labPaths,
  readPids,
  readState,
  writeState,
} from './state';

export interface Lab {
  dir: string;
  clusters: string[];
  opsPrometheusUrl: string;
  backendConfig: LabBackendConfig;
  /** What the lab's EC2 endpoint accepts (SigV4). */
  awsCredentials: { accessKeyId: string; secretAccessKey: string };
  fault(fault: LabFault, cluster: string): Promise<void>;
  revert(fault: LabFault, cluster: string): Promise<void>;
  stop(): Promise<void>;
}

function sleep(ms: number) {
  return new Promise(r => setTimeout(r, ms));
}

/** Sends a fault or revert to the daemon's control endpoint. */
async function control(
  state: LabState,
  method: 'POST' | 'DELETE',
  fault: LabFault,
  cluster: string,
) {
  if (!LAB_FAULTS.includes(fault)) {
    throw new Error(
      `fault: "${fault}" is unknown; use one of ${LAB_FAULTS.join(', ')}`,
    );
  }
  const res = await fetch(
    `http://127.0.0.1:${state.ports.control}/faults/${encodeURIComponent(
      fault,
    )}/${encodeURIComponent(cluster)}`,
    { method },
  );
  const body = (await res.json()) as { error?: string };
  if (!res.ok)
    throw new Error(
      `lab ${method === 'POST' ? 'fault' : 'revert'} ${fault} ${cluster}: ${
        body.error
      }`,
    );
}

/** A handle on the lab running in `dir` (started by this process or another). */
export function attachLab(dir: string): Lab {
  const state = readState(dir);
  if (!state || state.phase !== 'ready' || !isAlive(state.daemonPid)) {
    throw new Error(
      `no running lab in ${dir}: start one with \`federation-lab start\``,
    );
  }
  const secrets = loadOrCreateSecrets(dir);
  return {
    dir,
    clusters: state.options.clusters,
    opsPrometheusUrl: `http://127.0.0.1:${state.ports.opsPrometheus}`,
    backendConfig: buildBackendConfig(state.options, state.ports),
    awsCredentials: {
      accessKeyId: secrets.awsAccessKeyId,
      secretAccessKey: secrets.awsSecretAccessKey,
    },
    fault: (fault, cluster) => control(state, 'POST', fault, cluster),
    revert: (fault, cluster) => control(state, 'DELETE', fault, cluster),
    stop: () => stopLab(dir),
  };
}

function sameWorld(a: ResolvedLabOptions, b: ResolvedLabOptions): boolean {
  return (
    a.basePort === b.basePort &&
    a.domain === b.domain &&
    a.scrapeIntervalSeconds === b.scrapeIntervalSeconds &&
    a.clusters.join(',') === b.clusters.join(',') &&
    (a.gatewayClusters ?? []).join(',') === (b.gatewayClusters ?? []).join(',')
  );
}

// tsx as a loader keeps the daemon one process (its cli would fork a second one). The lab
// always runs from source, never from a build, so __dirname is the source folder.
// eslint-disable-next-line no-restricted-syntax
const DAEMON_ENTRY = path.join(__dirname, 'daemon', 'main.ts');

/** Generous for many leaves on two cores; a normal start takes about 10 s. */
function readyTimeoutMs(clusters: number): number {
  return 60_000 + 2000 * clusters;
}

async function waitForDaemon(
  dir: string,
  pid: number,
  clusters: number,
): Promise<LabState> {
  const timeoutMs = readyTimeoutMs(clusters);
  const deadline = Date.now() + timeoutMs;
  const log = labPaths(dir).log;
  while (Date.now() < deadline) {
    const state = readState(dir);
    if (state?.daemonPid === pid && state.phase === 'ready') return state;
    if (state?.daemonPid === pid && state.phase === 'failed') {
      throw new Error(`lab failed to start: ${state.error} (log: ${log})`);
    }
    if (!isAlive(pid)) {
      const tail = fs.existsSync(log)
        ? fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')
        : '';
      throw new Error(`lab daemon exited during start (log: ${log}):\n${tail}`);
    }
    await sleep(150);
  }
  await stopLab(dir);
  throw new Error(`lab not ready after ${timeoutMs / 1000}s (log: ${log})`);
}

/**
 * Starts the lab as a detached daemon writing its pids and state.json into `dir`, and returns once
 * the ops Prometheus has its federate targets up. A lab already running in `dir` with the same
 * options is reused.
 */
export async function startLab(input: LabOptionsInput = {}): Promise<Lab> {
  const options = resolveOptions(input);
  const existing = readState(options.dir);
  if (existing && isAlive(existing.daemonPid) && existing.phase !== 'stopped') {
    if (!sameWorld(existing.options, options)) {
      throw new Error(
        `a lab with other options already runs in ${
          options.dir
        } (clusters ${existing.options.clusters.join(',')}, ` +
          `base port ${existing.options.basePort}); stop it first with \`federation-lab stop\``,
      );
    }
    if (existing.phase === 'starting')
      await waitForDaemon(
        options.dir,
        existing.daemonPid,
        options.clusters.length,
      );
    return attachLab(options.dir);
  }
  // Whatever a crashed daemon left behind goes first.
  await stopLab(options.dir);
  await prepareLab(options);

  const pid = spawnDaemon(DAEMON_ENTRY, options.dir, options);
  await waitForDaemon(options.dir, pid, options.clusters.length);
  return attachLab(options.dir);
}

/**
 * Stops the lab running in `dir`, whichever process started it: SIGTERM to the daemon's process
 * group (the daemon and every Prometheus it spawned), then SIGKILL to whatever is left.
 */
export async function stopLab(dir: string): Promise<void> {
  const pids = readPids(dir);
  const daemon = pids.daemon;
  const signal = (sig: NodeJS.Signals) => {
    if (daemon) {
      try {
        process.kill(-daemon, sig);
      } catch {
        // group already gone
      }
    }
    for (const pid of Object.values(pids)) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  const alive = () => Object.values(pids).filter(isAlive);
  if (alive().length) {
    signal('SIGTERM');
    const deadline = Date.now() + 8000;
    while (alive().length && Date.now() < deadline) await sleep(100);
    if (alive().length) {
      signal('SIGKILL');
      while (alive().length && Date.now() < deadline + 3000) await sleep(100);
    }
  }
  const paths = labPaths(dir);
  fs.rmSync(paths.pids, { recursive: true, force: true });
  const state = readState(dir);
  if (state && state.phase !== 'stopped' && state.phase !== 'failed') {
    writeState(dir, { ...state, phase: 'stopped', faults: [] });
  }
}

/** Writes the lab's backend config as app-config YAML, for `backstage-cli --config <file>`. */
export async function writeBackendConfig(
  lab: Lab,
  file: string,
): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(
    file,
    `# Lab only: the federation lab in ${lab.dir}.\n${stringify(
      lab.backendConfig,
    )}`,
  );
}

export { labPorts };
