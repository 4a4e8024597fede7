import { ageText, parseDuration } from './check';
import { TriageContext } from './context';

/**
 * How late a scrape may be before it counts as overdue, in scrape intervals: ops Prometheus
 * scrapes a working job every interval, up or down; a quarter of one is slack for a slow scrape.
 */
const OVERDUE_INTERVALS = 1.25;

/**
 * Seconds ops Prometheus takes to hand a reloaded job's targets to its scrape loops: its discovery
 * and scrape managers each pass target updates on at most every 5 seconds.
 */
const TARGET_SYNC_SECONDS = 10;

/** Ops Prometheus' clock when it answered the freshness queries, else the collection time. */
export function opsNow(ctx: TriageContext): number {
  return (ctx.ops.ok ? ctx.ops.value.queriedAt : undefined) ?? ctx.now;
}

/**
 * Seconds since the target's last scrape when it is overdue: a job ops Prometheus just reloaded
 * keeps its old scrape until the first new one, and what it will federate is not known yet.
 */
export function scrapeOverdue(
  ctx: TriageContext,
  now: number,
  interval: number | undefined,
): number | undefined {
  const last = Date.parse(ctx.target?.lastScrape ?? '') / 1000;
  if (ctx.target?.health !== 'up' || !interval || !(last > 0)) return undefined;
  const age = now - last;
  return age > OVERDUE_INTERVALS * interval ? age : undefined;
}

/** A target ops Prometheus has never scraped, judged against its last configuration load. */
export interface FirstScrape {
  /** Its first scrape may still come: not a finding yet. */
  pending: boolean;
  /** Seconds since ops Prometheus loaded its configuration, when it said. */
  loadedAgo?: number;
  /** The headline's words. */
  summary: string;
}

/**
 * A target never scraped since ops Prometheus (re)loaded its configuration waits for its first
 * scrape: the new target reaches its scrape loop within TARGET_SYNC_SECONDS, the loop starts at an
 * offset within one interval, and the scrape ends within its timeout. Past that it is overdue.
 * Without the load time, the job's series from before (a scrape duration) say it was reloaded.
 */
export function firstScrape(ctx: TriageContext): FirstScrape | undefined {
  const target = ctx.target;
  if (!ctx.ops.ok || !target) return undefined;
  const { job, scrapeInterval } = target;
  const loadedAt = ctx.ops.value.configLoadedAt;
  if (loadedAt === undefined) {
    const pending = ctx.ops.value.scrapeDuration[job] !== undefined;
    return {
      pending,
      summary: pending
        ? `${job} restarted with a changed configuration (ops Prometheus reload): its first scrape is due within ${scrapeInterval}.`
        : `${job} has never been scraped.`,
    };
  }
  const interval = parseDuration(scrapeInterval) ?? 60;
  const timeout = parseDuration(target.scrapeTimeout) ?? interval;
  // The load time has whole seconds: one more of slack.
  const dueWithin = TARGET_SYNC_SECONDS + interval + timeout + 1;
  const loadedAgo = Math.max(0, opsNow(ctx) - loadedAt);
  const loaded = `ops Prometheus loaded its configuration ${ageText(
    loadedAgo,
  )} ago`;
  return loadedAgo <= dueWithin
    ? {
        pending: true,
        loadedAgo,
        summary: `${job} is new since ${loaded}: its first scrape is due within ${ageText(
          dueWithin,
        )} of the load.`,
      }
    : {
        pending: false,
        loadedAgo,
        summary: `${job} has never been scraped since ${loaded} (every ${scrapeInterval}).`,
      };
}
