import { CollectionTiming } from '../collectors/collectFacts';
import { slowCollectionWarning } from './slowCollection';

const kind = (finishedAfterMs: number, calls = 10) => ({
  limit: 32,
  calls,
  finishedAfterMs,
  slowest: { source: 'probe prometheus-c7.federation.test', ms: 900 },
});

const timing = (durationMs: number): CollectionTiming => ({
  durationMs,
  kinds: {
    opsPrometheus: kind(200, 1),
    kubernetes: kind(4000),
    probe: kind(38000),
    dns: kind(31000),
    ec2: kind(300, 1),
  },
});

describe('slowCollectionWarning', () => {
  it('is silent while a collection fits in its interval', () => {
    expect(slowCollectionWarning(timing(29000), 30)).toBeUndefined();
    expect(slowCollectionWarning(undefined, 30)).toBeUndefined();
  });

  it('names the duration and the kinds that outlasted the interval, slowest first', () => {
    const w = slowCollectionWarning(timing(38500), 30)!;
    expect(w.id).toBe('collection-slow');
    expect(w.message).toContain('took 38.5 s, longer than the 30 s');
    expect(w.message).toMatch(
      /Slow: TLS and federate probes done after 38\.0 s \(10 reads, 32 at once, slowest probe prometheus-c7\.federation\.test 0\.9 s\); DNS done after 31\.0 s/,
    );
    expect(w.message).not.toContain('Kubernetes');
    expect(w.remediation).toContain('concurrency.probe');
  });
});
