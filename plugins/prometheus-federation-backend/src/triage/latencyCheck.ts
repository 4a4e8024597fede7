import { Check, Evidence } from '@promfed/plugin-prometheus-federation-common';
import { check, parseDuration, unknownFrom } from './check';
import { TriageContext } from './context';

/** Duration or samples above this share of their limit warn. */
export const NEAR_LIMIT = 0.8;

/** 8. Scrape duration against the timeout; samples against the limit. */
export function latencyCheck(ctx: TriageContext): Check {
  if (!ctx.ops.ok) return unknownFrom('latency', ctx.ops);
  const target = ctx.target;
  if (!target)
    return check('latency', 'unknown', 'No target to measure.', [], {
      reason: `no ${ctx.job} target`,
    });
  const ops = ctx.ops.value;
  const duration = ops.scrapeDuration[target.job] ?? target.lastScrapeDuration;
  const timeout = parseDuration(target.scrapeTimeout);
  const samples = ops.samplesScraped[target.job];
  const limit = ctx.scrapeJob?.sampleLimit;
  const evidence: Evidence[] = [
    { label: 'Scrape duration', value: `${duration.toFixed(3)}s` },
    { label: 'Scrape timeout', value: target.scrapeTimeout },
  ];
  if (samples !== undefined)
    evidence.push({ label: 'Samples scraped', value: String(samples) });
  if (ops.seriesAdded[target.job] !== undefined)
    evidence.push({
      label: 'Series added',
      value: String(ops.seriesAdded[target.job]),
    });
  if (limit) evidence.push({ label: 'Sample limit', value: String(limit) });
  if (!(Date.parse(target.lastScrape) > 0)) {
    return check('latency', 'unknown', 'Not scraped yet.', evidence, {
      reason: 'never scraped',
    });
  }
  if (timeout && duration >= timeout * 0.999) {
    return check(
      'latency',
      'fail',
      `The scrape of ${target.job} hits its ${target.scrapeTimeout} timeout.`,
      evidence,
    );
  }
  if (timeout && duration > NEAR_LIMIT * timeout) {
    return check(
      'latency',
      'warn',
      `The scrape of ${target.job} takes ${duration.toFixed(1)}s of its ${
        target.scrapeTimeout
      } timeout.`,
      evidence,
    );
  }
  if (limit && samples !== undefined && samples > limit) {
    // The last scrape predates the limit (a reload): the next one fails.
    return check(
      'latency',
      'fail',
      `${target.job} returns ${samples} samples, over its sample_limit of ${limit}: its next scrape fails (sample limit exceeded).`,
      evidence,
      { cause: 'sample-limit' },
    );
  }
  if (limit && samples !== undefined && samples > NEAR_LIMIT * limit) {
    return check(
      'latency',
      'warn',
      `${target.job} returns ${samples} samples of its ${limit} limit.`,
      evidence,
    );
  }
  return check(
    'latency',
    'pass',
    `The scrape takes ${duration.toFixed(2)}s of its ${
      target.scrapeTimeout
    } timeout.`,
    evidence,
  );
}
