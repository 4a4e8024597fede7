/**
 * Inside a measured process: each turn of its event loop that came more than LONG_TURN_MS late,
 * with the serving thread's CPU time and the main isolate's garbage-collection pauses in it. The
 * bench sets the processes' turns side by side by their wall-clock time: a turn the idle process
 * also lost is the machine's, one that is mostly a collection pause is the heap's, one the thread
 * spent running is the code's.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';

/** Below the aim (50 ms), so that the turns beside one over it are seen too. */
export const LONG_TURN_MS = 30;
const TICK_MS = 10;
const MAX_PAUSES = 20_000;

export interface LongTurn {
  /** Wall-clock time (ms since the epoch) when the turn began: comparable across processes. */
  at: number;
  /** Seconds since the process started. */
  afterStartS: number;
  /** How late the tick came: the turn's hold on the loop beyond TICK_MS. */
  ms: number;
  /**
   * The serving thread's own CPU time over the turn: less than `ms` when the thread waited (for
   * a core the other processes held, or the disk) rather than ran.
   */
  cpuMs: number;
  /** The main isolate's collection pauses inside the turn, and their kinds. */
  gcMs: number;
  gcKinds: string[];
}

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Starts recording; `take()` answers the turns since the last take, and starts over. */
export function recordLongTurns(): { take: () => LongTurn[] } {
  let turns: { start: number; end: number; cpuMs: number }[] = [];
  let pauses: { start: number; end: number; kind: string }[] = [];
  const cpu = () => {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  };
  let last = performance.now();
  let lastCpu = cpu();
  setInterval(() => {
    const now = performance.now();
    const nowCpu = cpu();
    if (now - last - TICK_MS > LONG_TURN_MS)
      turns.push({ start: last, end: now, cpuMs: nowCpu - lastCpu });
    last = now;
    lastCpu = nowCpu;
  }, TICK_MS).unref();
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      const detail = (e as { detail?: { kind?: number } }).detail;
      const kind = detail?.kind ?? 0;
      // Bounded between takes: the oldest pauses go first.
      if (pauses.length >= MAX_PAUSES) pauses.shift();
      pauses.push({
        start: e.startTime,
        end: e.startTime + e.duration,
        kind: KINDS[kind] ?? `kind ${kind}`,
      });
    }
  }).observe({ type: 'gc' });
  return {
    take() {
      const answer = turns.map(({ start, end, cpuMs }) => {
        const inside = pauses.filter(p => p.end > start && p.start < end);
        return {
          at: Math.round(performance.timeOrigin + start),
          afterStartS: round(start / 1000),
          ms: round(end - start - TICK_MS),
          cpuMs: round(cpuMs),
          gcMs: round(
            inside.reduce(
              (sum, p) => sum + Math.min(p.end, end) - Math.max(p.start, start),
              0,
            ),
          ),
          gcKinds: [...new Set(inside.map(p => p.kind))],
        };
      });
      turns = [];
      pauses = [];
      return answer;
    },
  };
}

/**
 * Each process's turns over `overMs`, with the other processes that lost a turn at the same
 * moment (an idle one: the machine's; Backstage without the plugin: Backstage's).
 */
export function turnsSideBySide<Name extends string>(
  byProcess: Record<Name, LongTurn[]>,
  overMs: number,
) {
  const overlaps = (a: LongTurn, b: LongTurn) =>
    b.at < a.at + a.ms + TICK_MS && a.at < b.at + b.ms + TICK_MS;
  const names = Object.keys(byProcess) as Name[];
  return Object.fromEntries(
    names.map(name => [
      name,
      byProcess[name]
        .filter(t => t.ms > overMs)
        .map(t => ({
          ...t,
          alsoLate: names.filter(
            other =>
              other !== name && byProcess[other].some(o => overlaps(t, o)),
          ),
        })),
    ]),
  ) as Record<Name, (LongTurn & { alsoLate: Name[] })[]>;
}
