import { LAB_APPS } from '../options';

const ROUTES = [
  ['GET', '/api/items'],
  ['GET', '/api/items/:id'],
  ['POST', '/api/items'],
  ['GET', '/api/flaky'],
];
const STATUSES = ['200', '500'];
const BUCKETS = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.1',
  '0.25',
  '0.5',
  '1',
  '+Inf',
];

interface Series {
  /** The metric name: federation writes `_bucket`, `_sum` and `_count` as names of their own. */
  family: string;
  /** `name{labels} `, the line up to its value. */
  head: string;
  /** Growth per second: counters rise, `up` stays at 1. */
  rate: number;
  base: number;
}

const labels = (pairs: Array<[string, string]>) =>
  `{${pairs.map(([k, v]) => `${k}="${v}"`).join(',')}}`;

/**
 * A leaf's series as its `/federate` answers them: the three apps' `up`, `http_requests_total`
 * and `http_request_duration_seconds` histograms (as prom-client exports them), with the leaf's
 * external label `cluster`. Exactly `count` series, built once per leaf.
 */
export function leafSeries(cluster: string, count: number): Series[] {
  const series: Series[] = [];
  for (let k = 0; series.length < count; k++) {
    const app = LAB_APPS[k % LAB_APPS.length];
    const combo = Math.floor(k / LAB_APPS.length);
    const [method, route] = ROUTES[combo % ROUTES.length];
    const status =
      STATUSES[Math.floor(combo / ROUTES.length) % STATUSES.length];
    const pod = Math.floor(combo / (ROUTES.length * STATUSES.length));
    const instance = `10.0.${pod}.${(k % LAB_APPS.length) + 10}:8080`;
    const base: Array<[string, string]> = [
      ['cluster', cluster],
      ['instance', instance],
      ['job', app],
    ];
    const http: Array<[string, string]> = [
      ['method', method],
      ['route', route],
      ['status', status],
    ];
    const rate = status === '200' ? 2 : 0.1;
    if (combo % (ROUTES.length * STATUSES.length) === 0)
      series.push({
        family: 'up',
        head: `up${labels(base)} `,
        rate: 0,
        base: 1,
      });
    series.push({
      family: 'http_requests_total',
      head: `http_requests_total${labels([...base, ...http])} `,
      rate,
      base: 100 + k,
    });
    BUCKETS.forEach((le, b) =>
      series.push({
        family: 'http_request_duration_seconds_bucket',
        head: `http_request_duration_seconds_bucket${labels([
          ...base,
          ['le', le],
          ...http,
        ])} `,
        rate: (rate * (b + 1)) / BUCKETS.length,
        base: k,
      }),
    );
    for (const [suffix, factor] of [
      ['sum', 0.05],
      ['count', 1],
    ] as const) {
      const family = `http_request_duration_seconds_${suffix}`;
      series.push({
        family,
        head: `${family}${labels([...base, ...http])} `,
        rate: rate * factor,
        base: k,
      });
    }
  }
  // Grouped by family, as the federate handler writes them (stable: label order kept).
  return series
    .slice(0, count)
    .sort((a, b) => a.family.localeCompare(b.family));
}

/**
 * The text format 0.0.4 answer at `nowMs`: one `# TYPE ... untyped` per family (federation
 * keeps no metadata) and every sample with its timestamp, as Prometheus' federate handler writes.
 */
export function federateText(series: Series[], nowMs: number): string {
  const seconds = nowMs / 1000;
  const out: string[] = [];
  let family = '';
  for (const s of series) {
    if (s.family !== family) {
      family = s.family;
      out.push(`# TYPE ${family} untyped\n`);
    }
    const value =
      s.rate === 0 ? s.base : Math.floor(s.base + s.rate * (seconds % 1e6));
    out.push(`${s.head}${value} ${nowMs}\n`);
  }
  return out.join('');
}
