/** The footprint benchmark's table: one row per size, every Done-when figure side by side. */
import { markdownTable } from './fleetTable';

const s = (ms?: number) =>
  ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`;
const first = (a: any) =>
  a
    ? `${a.afterListeningMs} ms after listening, ${
        a.afterStartMs
      } ms after the fork (${a.kind}${
        a.dueInSeconds !== undefined ? `, due in ${a.dueInSeconds} s` : ''
      })`
    : '?';

const loop = (d: any) =>
  d ? `${d.maxMs}/${d.p99Ms} ms, ${d.longDelays}` : '?';

/** Each long turn: its length, its collection pause, who else lost it. */
function turns(ts?: any[]): string {
  if (!ts) return '?';
  if (ts.length === 0) return 'none';
  return ts
    .map(
      t =>
        `${t.ms} ms at ${t.afterStartS} s (CPU ${t.cpuMs} ms; GC ${t.gcMs} ms${
          t.gcKinds.length ? ` ${t.gcKinds.join('+')}` : ''
        }; ${t.alsoLate.length ? `also ${t.alsoLate.join(', ')}` : 'alone'})`,
    )
    .join('; ');
}

function footprintRow(r: any): Record<string, string | number> {
  if (r.error) return { clusters: r.clusters, error: r.error };
  return {
    clusters: r.clusters,
    'load avg (1 min, start→end)': `${r.loadAvg?.start}→${r.loadAvg?.end}`,
    'RSS after 1st → after GC → steady (30 s)': `${r.rssAfterFirstMb}→${r.rssAfterGcMb}→${r.rssSteadyMb} MB`,
    'main heap used / external, steady': `${r.heapUsedSteadyMb} / ${r.externalSteadyMb} MB`,
    'without the plugin: RSS / heap used, steady': `${r.baselineRssSteadyMb} / ${r.baselineHeapUsedSteadyMb} MB`,
    'loop delay max/p99, turns > 50 ms (idle process; without the plugin)': `${loop(
      r.loopDelay,
    )} (${loop(r.bareLoopDelay)}; ${loop(r.baselineLoopDelay)})`,
    "backend's turns > 50 ms": turns(r.longTurns?.backend),
    "baseline's turns > 50 ms": turns(r.longTurns?.baseline),
    'start-up window: refreshes; loop delay (idle process; without the plugin)':
      r.startUp
        ? `${r.startUp.refreshes}; ${loop(r.startUp.loopDelay)} (${loop(
            r.startUp.bareLoopDelay,
          )}; ${loop(r.startUp.baselineLoopDelay)})`
        : '?',
    "start-up window: backend's turns > 50 ms": turns(
      r.startUp?.longTurns?.backend,
    ),
    "start-up window: baseline's turns > 50 ms": turns(
      r.startUp?.longTurns?.baseline,
    ),
    'one reader p99/max': `${r.oneReader?.p99Ms}/${r.oneReader?.maxMs} ms (${r.oneReader?.samples} reads)`,
    'warm p99, 50 readers (bare)': `${r.warm?.backend?.p99Ms} ms (${r.warm?.bare?.p99Ms} ms)`,
    'warm p99 ratio': r.warm?.p99Ratio,
    cold: s(r.coldCollectMs),
    'warm (median, max)': `${s(r.warmCollectMedianMs)}, ${s(
      r.warmCollectMaxMs,
    )}`,
    'warm re-probing (median)': s(r.warmReprobingMedianMs),
    'first snapshot after first answer': s(r.firstSnapshotAfterAnswerMs),
    'POST /refresh (median)': s(r.refreshMedianMs),
    floor: `${r.floorMs} ms`,
    'first answer, no copy': first(r.firstAnswer?.withoutStoredCopy),
    'first answer, stored copy': first(r.firstAnswer?.withStoredCopy),
    'exit after SIGTERM': `${r.exitAfterSigtermMs} ms`,
  };
}

/** The rows as a Markdown table. */
export const footprintTable = (results: any[]) =>
  markdownTable(results, footprintRow);
