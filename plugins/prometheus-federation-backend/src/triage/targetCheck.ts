import { redactScrapeUrl } from '../redact';
import { Check } from '@promfed/plugin-prometheus-federation-common';
import { ageText, check, unknownFrom } from './check';
import { classifyScrapeError } from './classifyScrapeError';
import { scrapeErrorInWords } from './scrapeErrorWords';
import { TriageContext } from './context';
import { loginRedirect } from './loginRedirect';
import { firstScrape } from './scrapeSchedule';

/**
 * 6. The ops target federate-<c> (docs/federation-setup.md#federate-jobs) is up; else its
 * lastError, classified. The authority on federation.
 */
export function targetCheck(ctx: TriageContext): Check {
  if (!ctx.ops.ok) return unknownFrom('target', ctx.ops);
  const target = ctx.target;
  if (!target) {
    return check(
      'target',
      'fail',
      `not federated: ops Prometheus has no job ${ctx.job}`,
      [{ label: 'Job', value: ctx.job }],
    );
  }
  const evidence = [
    { label: 'Job', value: target.job },
    { label: 'Scrape URL', value: redactScrapeUrl(target.scrapeUrl) },
    { label: 'Health', value: target.health },
    { label: 'Last scrape', value: target.lastScrape },
    {
      label: 'Last scrape duration',
      value: `${target.lastScrapeDuration.toFixed(3)}s`,
    },
  ];
  const lastScrape = Date.parse(target.lastScrape) / 1000;
  const first =
    target.health === 'unknown' || !(lastScrape > 0)
      ? firstScrape(ctx)
      : undefined;
  if (first) {
    if (first.loadedAgo !== undefined)
      evidence.push({
        label: 'Configuration loaded',
        value: `${ageText(first.loadedAgo)} ago (ops Prometheus)`,
      });
    return first.pending
      ? check('target', 'unknown', first.summary, evidence, {
          reason: 'first scrape since a configuration reload pending',
        })
      : check('target', 'fail', first.summary, evidence);
  }
  if (target.health === 'down') {
    const cause = classifyScrapeError(target.lastError) ?? 'other';
    evidence.push({ label: 'Last error', value: target.lastError });
    const redirect = loginRedirect(ctx, cause);
    if (redirect) {
      evidence.push({ label: 'Probe saw', value: redirect.seen });
      return check(
        'target',
        'fail',
        `${target.job} is down: ${redirect.words}`,
        evidence,
        { cause: 'login-redirect' },
      );
    }
    return check(
      'target',
      'fail',
      `${target.job} is down: ${scrapeErrorInWords(cause, target.lastError)}`,
      evidence,
      { cause },
    );
  }
  return check(
    'target',
    'pass',
    `${target.job} is up, scraped ${ageText(
      Math.max(0, ctx.now - lastScrape),
    )} ago.`,
    evidence,
  );
}
