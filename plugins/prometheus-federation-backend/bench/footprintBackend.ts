/**
 * The backend process the footprint benchmark measures (bench/footprint.bench.ts forks it):
 * backend-defaults with this plugin, SQLite files in a folder kept between starts, and inside
 * it the event loop's delay (`monitorEventLoopDelay`) and the process's memory, answered over
 * the fork's IPC channel so that the measuring costs the event loop nothing while it runs.
 *
 *   argv: <dir> <port> <federation JSON file>
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchBackend } from './benchBackend';

/** What the bench asks for: the loop's delay since the last reset, or the memory. */
export type FootprintQuery =
  | { type: 'loop'; reset: boolean }
  | { type: 'memory' };

export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

const [dir, port, federationFile] = process.argv.slice(2);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('message', (query: FootprintQuery & { id: number }) => {
  if (query?.id === undefined) return;
  const reply = (answer: object) => process.send!({ id: query.id, answer });
  if (query.type === 'memory') {
    const m = process.memoryUsage();
    reply({ rssMb: m.rss / 1048576, heapTotalMb: m.heapTotal / 1048576 });
    return;
  }
  const delay: LoopDelay = {
    maxMs: ms(loop.max),
    p99Ms: ms(loop.percentile(99)),
    meanMs: ms(loop.mean),
  };
  if (query.reset) loop.reset();
  reply(delay);
});

startBenchBackend({
  dir,
  port: Number(port),
  federation: JSON.parse(fs.readFileSync(federationFile, 'utf8')),
  databaseDirectory: path.join(dir, 'database'),
}).catch(error => {
  console.error(`bench backend failed to start: ${error}`);
  process.exit(1);
});
