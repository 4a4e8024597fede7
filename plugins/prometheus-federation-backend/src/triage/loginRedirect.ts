import { ScrapeErrorCause } from '@promfed/plugin-prometheus-federation-common';
import { ProbeFacts } from '../collectors/types';
import { TriageContext } from './context';

/** Where a redirect goes, without its query (a login page's return address may be long). */
export function redirectOf(probe: ProbeFacts): string | undefined {
  if (!probe.status || probe.status < 300 || probe.status >= 400)
    return undefined;
  if (!probe.location) return undefined;
  return probe.location.split('?')[0];
}

/**
 * A down target whose answer is not Prometheus' while the portal's probe, which does not follow
 * redirects, saw one: an auth proxy sends /federate to its login page. Prometheus follows the
 * redirect and fails on the HTML, which is all its lastError says.
 */
export function loginRedirect(
  ctx: TriageContext,
  cause: ScrapeErrorCause,
): { words: string; seen: string } | undefined {
  if (cause !== 'invalid-content-type' && cause !== 'other') return undefined;
  const probe = ctx.facts.probe;
  if (!probe?.ok) return undefined;
  const location = redirectOf(probe.value);
  if (!location) return undefined;
  return {
    words: `/federate redirects to a login page (${location}), and Prometheus cannot read the HTML it gets`,
    seen: `HTTP ${probe.value.status} Location: ${location}`,
  };
}
