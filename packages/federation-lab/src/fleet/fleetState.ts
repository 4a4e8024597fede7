import fs from 'node:fs';
import path from 'node:path';
import type { FleetPorts, ResolvedFleetOptions } from './options';

/** What the fleet daemon writes to `<dir>/fleet.json`; the starting process waits on it. */
export interface FleetState {
  phase: 'starting' | 'ready' | 'failed' | 'stopped';
  error?: string;
  daemonPid: number;
  options: ResolvedFleetOptions;
  ports: FleetPorts;
  startedAt: string;
  readyAt?: string;
  /** Milliseconds from the daemon's start: servers listening, ops ready, every target scraped. */
  timings?: { serversMs: number; opsReadyMs: number; targetsScrapedMs: number };
}

const file = (dir: string) => path.join(dir, 'fleet.json');

export function readFleetState(dir: string): FleetState | undefined {
  try {
    return JSON.parse(fs.readFileSync(file(dir), 'utf8')) as FleetState;
  } catch {
    return undefined;
  }
}

/** Through a temporary file, so readers never see half a document. */
export function writeFleetState(dir: string, state: FleetState): void {
  fs.writeFileSync(`${file(dir)}.tmp`, `${JSON.stringify(state)}\n`);
  fs.renameSync(`${file(dir)}.tmp`, file(dir));
}
