import { federatedNames } from './__fixtures__';
import { compilePrometheusRegex } from '@promfed/plugin-prometheus-federation-common';
import { keptPatterns, MATCH_ALL, proposeNarrowing } from './proposal';
import { matchSelectors } from './matchSelectors';
import { parsePromql } from './promqlNames';
import { metricUsage } from './usage';
import { ClusterVolume } from './types';

/** A small seeded generator, so that a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function pick<T>(next: () => number, items: T[]): T {
  return items[Math.floor(next() * items.length)];
}

const parts = ['http', 'app', 'go', 'process', 'node', 'kube', 'db', 'cache'];
const tails = ['_total', '_seconds', '_bytes', '_ratio', '_count', '_sum', ''];

function randomName(next: () => number): string {
  return `${pick(next, parts)}_${pick(next, parts)}${pick(next, tails)}`;
}

/** A random query over some names: functions, operators, regexes, subqueries, variables. */
function randomQuery(next: () => number, names: string[]): string {
  const n = pick(next, names);
  const forms = [
    () => n,
    () => `rate(${n}{source_cluster=~"$source_cluster"}[$__rate_interval])`,
    () => `sum by (job) (${n}) or ${pick(next, names)}`,
    () => `${n} unless on (job) ${pick(next, names)}`,
    () => `max_over_time(${n}[1h:5m])`,
    () => `label_replace(${n}, "a", "$1", "b", "(.*)")`,
    () => `{__name__="${n}"}`,
    () => `{__name__=~"${n.split('_')[0]}_.*"}`,
    () => `histogram_quantile(0.9, sum by (le) (rate(${n}[5m]))) > $threshold`,
    () => `sum(${n}) / (sum(${pick(next, names)})`, // unparsable
  ];
  return pick(next, forms)();
}

/** Whether one of the selectors, read back from its text, selects `name`. */
function narrowSelectorsAccept(selectors: string[], name: string): boolean {
  return selectors.some(selector => {
    const [matcher] = parsePromql(selector).selectors[0].matchers;
    const re = compilePrometheusRegex(matcher.value);
    return re.valid && re.matches(name);
  });
}

describe('proposeNarrowing', () => {
  const volume: ClusterVolume = {
    cluster: 'blue',
    seriesByName: Object.fromEntries(federatedNames.map(n => [n, 10])),
    samplesPerScrape: 320,
    bodyBytes: 86400,
  };

  it('keeps used names, up and the http metrics, in one selector', async () => {
    const usage = await metricUsage(
      [{ source: 'alert a', expr: 'rate(app_queue_depth[5m]) > 1' }],
      federatedNames,
    );
    const proposal = await proposeNarrowing(usage, volume);
    expect(proposal.selectors).toEqual([
      '{__name__=~"app_queue_depth|http_request_duration_seconds_bucket|http_request_duration_seconds_count|http_request_duration_seconds_sum|http_requests_total|up"}',
    ]);
    expect(proposal.keptNames).toHaveLength(6);
    expect(proposal.before).toEqual({
      series: 320,
      samplesPerScrape: 320,
      bodyBytes: 86400,
    });
    expect(proposal.after).toEqual({
      series: 60,
      samplesPerScrape: 60,
      bodyBytes: 16200,
    });
    expect(proposal.savedPercent).toBe(81.3);
  });

  it('stays match-all when a query selects every name', async () => {
    const usage = await metricUsage(
      [{ source: 'alert any', expr: 'count({job="x"})' }],
      federatedNames,
    );
    const proposal = await proposeNarrowing(usage, volume);
    expect(proposal).toMatchObject({
      selectors: [MATCH_ALL],
      narrowed: false,
      savedPercent: 0,
    });
    expect(proposal.reason).toContain('alert any');
  });

  it('never drops a used metric (random queries and names)', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const names = [
        ...new Set(Array.from({ length: 40 }, () => randomName(next))),
      ];
      const queries = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        (_, i) => ({
          source: `q${i}`,
          expr: randomQuery(next, names),
        }),
      );
      const usage = await metricUsage(queries, names);
      const proposal = await proposeNarrowing(usage, {
        cluster: 'c',
        seriesByName: Object.fromEntries(
          names.map(n => [n, 1 + Math.floor(next() * 50)]),
        ),
      });
      for (const name of usage.names) {
        expect({
          seed,
          name,
          kept: proposal.keptNames.includes(name) || !names.includes(name),
        }).toEqual({ seed, name, kept: true });
        expect(
          narrowSelectorsAccept(matchSelectors(keptPatterns(usage)), name),
        ).toBe(true);
      }
      for (const query of usage.unparsable) {
        for (const name of query.names)
          expect(proposal.keptNames).toContain(name);
      }
      expect(proposal.after.series).toBeLessThanOrEqual(proposal.before.series);
    }
  });
});
