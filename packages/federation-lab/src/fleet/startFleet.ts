import fs from 'node:fs';
import path from 'node:path';
import { spawnDaemon } from '../daemon/spawnDaemon';
import { stopLab } from '../lab';
import { loadOrCreateSecrets } from '../secrets';
import { isAlive, labPaths } from '../state';
import { buildFleetBackendConfig, LabBackendConfig } from '../backendConfig';
import { FleetFault } from './faults';
import { FleetState, readFleetState, writeFleetState } from './fleetState';
import { FleetOptionsInput, resolveFleetOptions } from './options';
import { prepareFleet } from './prepareFleet';

export interface Fleet {
  dir: string;
  clusters: string[];
  /** The faulted clusters and their fault. */
  faults: Record<string, FleetFault>;
  opsPrometheusUrl: string;
  backendConfig: LabBackendConfig;
  awsCredentials: { accessKeyId: string; secretAccessKey: string };
  /** From the call to ready (every target scraped once), and the daemon's own steps. */
  startMs: number;
  timings: FleetState['timings'];
  stop(): Promise<void>;
}

// The fleet runs from source with tsx as a loader, as the lab daemon does.
// eslint-disable-next-line no-restricted-syntax
const ENTRY = path.join(__dirname, 'fleetMain.ts');

async function waitForFleet(
  dir: string,
  pid: number,
  timeoutMs: number,
): Promise<FleetState> {
  const deadline = Date.now() + timeoutMs;
  const log = labPaths(dir).log;
  while (Date.now() < deadline) {
    const state = readFleetState(dir);
    if (state?.daemonPid === pid && state.phase === 'ready') return state;
    if (state?.daemonPid === pid && state.phase === 'failed')
      throw new Error(`fleet failed to start: ${state.error} (log: ${log})`);
    if (!isAlive(pid)) {
      const tail = fs.existsSync(log)
        ? fs.readFileSync(log, 'utf8').slice(-2000)
        : '';
      throw new Error(
        `fleet daemon exited during start (log: ${log}):\n${tail}`,
      );
    }
    await new Promise(r => setTimeout(r, 150));
  }
  await stopFleet(dir);
  throw new Error(`fleet not ready after ${timeoutMs / 1000}s (log: ${log})`);
}

/**
 * Starts a fleet as a detached daemon in `dir` (stopping whatever lab or fleet ran there) and
 * returns once ops Prometheus has scraped every leaf once.
 */
export async function startFleet(input: FleetOptionsInput): Promise<Fleet> {
  const started = Date.now();
  const options = resolveFleetOptions(input);
  await stopFleet(options.dir);
  await prepareFleet(options);
  const pid = spawnDaemon(ENTRY, options.dir, options);
  const state = await waitForFleet(
    options.dir,
    pid,
    90_000 + 4 * options.scrapeIntervalSeconds * 1000,
  );
  const secrets = loadOrCreateSecrets(options.dir);
  return {
    dir: options.dir,
    clusters: options.clusters,
    faults: options.faults,
    opsPrometheusUrl: `http://127.0.0.1:${state.ports.opsPrometheus}`,
    backendConfig: buildFleetBackendConfig(options, state.ports),
    awsCredentials: {
      accessKeyId: secrets.awsAccessKeyId,
      secretAccessKey: secrets.awsSecretAccessKey,
    },
    startMs: Date.now() - started,
    timings: state.timings,
    stop: () => stopFleet(options.dir),
  };
}

/** Stops the fleet (or lab) daemon of `dir` and its ops Prometheus: the lab's stop, same pids. */
export async function stopFleet(dir: string): Promise<void> {
  await stopLab(dir);
  const state = readFleetState(dir);
  if (state && (state.phase === 'starting' || state.phase === 'ready'))
    writeFleetState(dir, { ...state, phase: 'stopped' });
}
