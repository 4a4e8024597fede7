/**
 * Inside a measured process (the bench backend, the bare server): the event loop's delay
 * (`monitorEventLoopDelay`) and the memory, answered over the fork's IPC channel, so that the
 * measuring costs the loop nothing while it runs. Questions and answers carry an id: tsx talks
 * on the same channel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LongTurn, recordLongTurns } from './longTurns';

/** What the bench asks: the loop's delay since the last reset, or the memory. */
export type ProbeQuery = { type: 'loop'; reset: boolean } | { type: 'memory' };

/** The process's memory in MB: RSS, the main thread's heap, and buffers outside it. */
export interface MemoryAnswer {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /**
   * About how many of the probe's turns came more than LONG_DELAY_MS late: on a shared machine
   * the maximum is one outlier, this says whether holds recur.
   */
  longDelays: number;
  /** The turns held longer than LONG_TURN_MS since the last reset, with their collection pauses. */
  turns: LongTurn[];
}

/** The aim for the serving thread's delay during refreshes. */
export const LONG_DELAY_MS = 50;

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/** Turns later than LONG_DELAY_MS, from the histogram's percentiles (its steps bound the error). */
function longDelays(loop: ReturnType<typeof monitorEventLoopDelay>): number {
  let within = 0;
  for (const [percentile, ns] of loop.percentiles)
    if (ns <= LONG_DELAY_MS * 1e6) within = Math.max(within, percentile);
  return Math.round((loop.count * (100 - within)) / 100);
}

export function answerProbeQueries(): void {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const longTurns = recordLongTurns();
  process.on('message', (query: ProbeQuery & { id?: number }) => {
    if (query?.id === undefined) return;
    const reply = (answer: object) => process.send!({ id: query.id, answer });
    if (query.type === 'memory') {
      const m = process.memoryUsage();
      const mb = (bytes: number) => bytes / 1048576;
      // RSS beside the main thread's heap and the buffers outside it: the rest is native.
      const answer: MemoryAnswer = {
        rssMb: mb(m.rss),
        heapTotalMb: mb(m.heapTotal),
        heapUsedMb: mb(m.heapUsed),
        externalMb: mb(m.external),
        arrayBuffersMb: mb(m.arrayBuffers),
      };
      reply(answer);
      return;
    }
    // Other questions (bench/memoryProbe.ts) are answered by their own listener.
    if (query.type !== 'loop') return;
    const delay: LoopDelay = {
      maxMs: ms(loop.max),
      p99Ms: ms(loop.percentile(99)),
      meanMs: ms(loop.mean),
      longDelays: longDelays(loop),
      turns: query.reset ? longTurns.take() : [],
    };
    if (query.reset) loop.reset();
    reply(delay);
  });
}
