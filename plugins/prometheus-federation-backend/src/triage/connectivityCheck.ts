import { Check } from '@promfed/plugin-prometheus-federation-common';
import { check, notConfigured, unknownFrom } from './check';
import { classifyProbeError } from './classifyScrapeError';
import { TriageContext } from './context';
import { redirectOf } from './loginRedirect';
import { scrapeErrorInWords } from './scrapeErrorWords';

/** The probed URL without its query (the job's match[] can be long), for one-line summaries. */
export function probeUrlText(url: string): string {
  return url.split('?')[0];
}

/** Why a refresh may use a leaf's earlier probe (collectors/probeReuse.ts). */
export const REUSED_BECAUSE =
  'ops Prometheus scrapes the leaf without error and nothing the probe depends on changed';

/**
 * 5. The portal's own GET of the leaf, made as the federate job scrapes (probePlan.ts). The
 * portal is not in the ops cluster: while the ops target is up, a failed probe says more about
 * the portal's network than the leaf's, so it is unknown and does not lower the state. It is
 * never the headline (headline.ts): on a down target it is evidence beside it.
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
  const plan = ctx.facts.probePlan;
  const source = ctx.facts.probe;
  if (!ctx.cluster || !source || !plan)
    return notConfigured('connectivity', 'prometheus.host');
  const url = probeUrlText(plan.url);
  const evidence = [
    { label: 'Probe', value: plan.url },
    {
      label: 'Scraped as',
      value:
        plan.from === 'job'
          ? `${ctx.job} (scheme, host, port, path, server_name ${plan.serverName}; match[] narrowed to up)`
          : 'the plugin config (no federate job to copy)',
    },
  ];
  if (!source.ok) {
    if (source.timedOut) {
      // The leaf did not answer in time: a finding about the leaf, as a scrape timeout would be.
      return check(
        'connectivity',
        'fail',
        `${url}: timeout after ${ctx.options.upstreamTimeoutSeconds} s`,
        evidence,
        { cause: 'timeout' },
      );
    }
    return unknownFrom('connectivity', source);
  }
  const probe = source.value;
  evidence.push(
    {
      label: 'Answer',
      value:
        probe.error ?? `HTTP ${probe.status} ${probe.contentType ?? ''}`.trim(),
    },
    { label: 'Duration', value: `${probe.durationMs} ms` },
  );
  if (ctx.facts.probeReusedFrom)
    evidence.push({
      label: 'Probed',
      value: `at ${ctx.facts.probeReusedFrom}, used again: ${REUSED_BECAUSE}`,
    });
  const fail = (summary: string, cause: Check['cause']) =>
    check('connectivity', 'fail', `${url}: ${summary}`, evidence, { cause });
  if (probe.error) {
    const cause = classifyProbeError(probe.errorCode, probe.error);
    return fail(
      scrapeErrorInWords(
        cause,
        cause === 'tls'
          ? `${probe.errorCode ?? ''} ${probe.error}`
          : probe.error,
      ),
      cause,
    );
  }
  if (
    (probe.status === 401 || probe.status === 403) &&
    plan.auth !== undefined
  ) {
    // Ops Prometheus redacts the job's credentials: the portal cannot send them.
    return check(
      'connectivity',
      'unknown',
      `${url} asks for credentials (HTTP ${probe.status}); the job's are redacted by ops Prometheus.`,
      evidence,
      { reason: `${ctx.job} authenticates (${plan.auth}); the probe cannot` },
    );
  }
  const redirect = redirectOf(probe);
  if (redirect)
    return fail(
      `HTTP ${probe.status} redirect to ${redirect} (an auth proxy's login page?)`,
      'login-redirect',
    );
  if (probe.status === 404) return fail('HTTP 404 (wrong path)', 'not-found');
  if (probe.status !== 200) return fail(`HTTP ${probe.status}`, 'http-status');
  if (!probe.textFormat)
    return fail(
      `answered 200 but not in Prometheus text format (${probe.contentType})`,
      'invalid-content-type',
    );
  return check(
    'connectivity',
    'pass',
    `${url} answers 200 in Prometheus text format in ${probe.durationMs} ms.`,
    evidence,
  );
}
