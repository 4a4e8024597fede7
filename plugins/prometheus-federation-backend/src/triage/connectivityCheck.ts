import {
  Check,
  SCRAPE_ERROR_CAUSE_TEXT,
} from '@internal/plugin-prometheus-federation-common';
import { check, notConfigured, unknownFrom } from './check';
import { classifyProbeError } from './classifyScrapeError';
import { TriageContext } from './context';

const NOTE =
  'The portal probes from outside the ops cluster; the ops Prometheus target is the authority.';

/**
 * 5. GET https://<host>/federate?match[]=up answers 200 in Prometheus text format, from the backend.
 * The portal is not in the ops cluster: while the ops target is up, a failed probe says more about
 * the portal's network than the leaf's, so it is reported as unknown and does not lower the state.
 */
export function connectivityCheck(ctx: TriageContext): Check {
  const probe = probeCheck(ctx);
  if (probe.result === 'fail' && ctx.target?.health === 'up') {
    return {
      ...probe,
      result: 'unknown',
      reason: 'the portal cannot reach the leaf, but ops Prometheus scrapes it',
    };
  }
  return probe;
}

function probeCheck(ctx: TriageContext): Check {
  const { cluster } = ctx;
  const source = ctx.facts.probe;
  if (!cluster || !source)
    return notConfigured('connectivity', 'prometheus.host');
  const url = `https://${cluster.host}${
    cluster.port === 443 ? '' : `:${cluster.port}`
  }/federate?match[]=up`;
  if (!source.ok) {
    if (source.timedOut) {
      // The leaf did not answer in time: that is a finding about the leaf, as a scrape timeout would be.
      return check(
        'connectivity',
        'fail',
        `${url} did not answer within ${ctx.options.upstreamTimeoutSeconds}s. ${NOTE}`,
        [{ label: 'Probe', value: url }],
        { cause: 'timeout' },
      );
    }
    return unknownFrom('connectivity', source);
  }
  const probe = source.value;
  const evidence = [
    { label: 'Probe', value: url },
    {
      label: 'Answer',
      value:
        probe.error ?? `HTTP ${probe.status} ${probe.contentType ?? ''}`.trim(),
    },
    { label: 'Duration', value: `${probe.durationMs} ms` },
  ];
  if (probe.error) {
    const cause = classifyProbeError(probe.errorCode, probe.error);
    return check(
      'connectivity',
      'fail',
      `${url} failed (${SCRAPE_ERROR_CAUSE_TEXT[cause]}): ${probe.error}. ${NOTE}`,
      evidence,
      { cause },
    );
  }
  if (probe.status === 404)
    return check(
      'connectivity',
      'fail',
      `${url} answered 404. ${NOTE}`,
      evidence,
      { cause: 'not-found' },
    );
  if (probe.status !== 200)
    return check(
      'connectivity',
      'fail',
      `${url} answered HTTP ${probe.status}. ${NOTE}`,
      evidence,
      { cause: 'http-status' },
    );
  if (!probe.textFormat) {
    return check(
      'connectivity',
      'fail',
      `${url} answered 200 but not in Prometheus text format (${probe.contentType}). ${NOTE}`,
      evidence,
      { cause: 'invalid-content-type' },
    );
  }
  return check(
    'connectivity',
    'pass',
    `${url} answers 200 in Prometheus text format in ${probe.durationMs} ms.`,
    evidence,
  );
}
