import { metricsCheck } from './metricsCheck';
import {
  context,
  healthyFacts,
  iso,
  NOW,
  opsFacts,
  seriesAged,
  target,
} from '../__testUtils__/triageFixtures';

describe('metricsCheck', () => {
  const newest = seriesAged;

  it('fails when no http series arrive', () => {
    expect(
      metricsCheck(
        context(healthyFacts(), opsFacts({ series: { ok: true, value: {} } })),
      ).result,
    ).toBe('fail');
    expect(metricsCheck(context()).result).toBe('pass');
  });

  it('judges freshness by the scrape interval: stale after 2 intervals, not the 5-minute lookback', () => {
    // The fixture's job scrapes every 30s: 60s is the edge.
    expect(metricsCheck(context(healthyFacts(), newest(59))).result).toBe(
      'pass',
    );
    expect(metricsCheck(context(healthyFacts(), newest(61)))).toMatchObject({
      result: 'fail',
      summary:
        'No new http samples from blue for 61s (stale after 60s): the old series still answer queries for 5 minutes.',
    });
    // A 3s job is scraped every 3s: its last scrape is at most that old.
    const fast = newest(7, {
      targets: [target({ scrapeInterval: '3s', lastScrape: iso(-2) })],
    });
    expect(metricsCheck(context(healthyFacts(), fast)).result).toBe('fail');
  });

  it('does not degrade a target that just came back while the leaf catches up', () => {
    // Down until 10s ago; the newest sample predates that: the leaf has not scraped its apps yet.
    const back = newest(90, { lastDownAt: { 'federate-blue': NOW - 10 } });
    expect(metricsCheck(context(healthyFacts(), back)).result).toBe('unknown');
    // Once a stale period has passed since, stale is stale.
    const later = newest(190, { lastDownAt: { 'federate-blue': NOW - 100 } });
    expect(metricsCheck(context(healthyFacts(), later)).result).toBe('fail');
  });

  it('warns when every series arrives twice, from two fresh replica label values', () => {
    const doubled = opsFacts({
      replicaSamples: {
        blue: {
          '': NOW - 5,
          'prometheus-1': NOW - 4,
          'prometheus-2': NOW - 900,
        },
      },
    });
    expect(metricsCheck(context(healthyFacts(), doubled))).toMatchObject({
      result: 'warn',
      summary: expect.stringContaining('arrives 2 times'),
    });
  });
});
