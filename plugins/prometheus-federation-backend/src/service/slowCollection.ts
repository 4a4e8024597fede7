import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import { CollectionTiming } from '../collectors/collectFacts';
import { UPSTREAM_KINDS } from '../collectors/limit';

const NAMES = {
  opsPrometheus: 'ops Prometheus',
  kubernetes: 'Kubernetes',
  probe: 'TLS and federate probes',
  dns: 'DNS',
  ec2: 'EC2',
} as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A collection that outlasted the refresh interval, reported rather than overlapped (the next one
 * waits for it): how long it took and which upstream kinds were slow, slowest first.
 */
export function slowCollectionWarning(
  timing: CollectionTiming | undefined,
  refreshIntervalSeconds: number,
): SetupWarning | undefined {
  if (!timing || timing.durationMs <= refreshIntervalSeconds * 1000)
    return undefined;
  const kinds = UPSTREAM_KINDS.filter(k => timing.kinds[k].calls > 0)
    .sort(
      (a, b) =>
        timing.kinds[b].finishedAfterMs - timing.kinds[a].finishedAfterMs,
    )
    .filter(
      (k, i) =>
        i === 0 ||
        timing.kinds[k].finishedAfterMs > refreshIntervalSeconds * 1000,
    );
  const described = kinds.map(k => {
    const t = timing.kinds[k];
    const slowest = t.slowest
      ? `, slowest ${t.slowest.source} ${seconds(t.slowest.ms)}`
      : '';
    return `${NAMES[k]} done after ${seconds(t.finishedAfterMs)} (${
      t.calls
    } reads, ${t.limit} at once${slowest})`;
  });
  return {
    id: 'collection-slow',
    message: `The last collection took ${seconds(
      timing.durationMs,
    )}, longer than the ${refreshIntervalSeconds} s refresh interval; the next one waited for it. Slow: ${described.join(
      '; ',
    )}.`,
    remediation: `Raise prometheusFederation.concurrency.${
      kinds[0] ?? 'kubernetes'
    } if that upstream can take more reads at once, lower upstreamTimeoutSeconds if single reads hang, or raise refreshIntervalSeconds.`,
  };
}
