/**
 * Hostile dashboards and rules against a large cluster: each answer within a stated bound, and the
 * event loop (shared by every plugin of the backend) never held longer than 50 ms.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MAX_MATCH_SELECTOR_CHARS } from '@promfed/plugin-prometheus-federation-common';
import { CostFacts } from '../collectors/types';
import { clusterCost } from './clusterCost';
import { Pacer } from './pacer';

/** Longest the event loop may be held by the cost work, in ms. */
const MAX_LOOP_DELAY_MS = 50;

/** 10 000 names of 26 to 60 characters, as a large cluster sends. */
const names = Array.from(
  { length: 10000 },
  (_, i) => `app_${'abcdefghij'[i % 10].repeat(5 + (i % 30))}_${i}_total`,
);

function facts(rules: string[]): CostFacts {
  return {
    cluster: 'big',
    job: 'federate-big',
    seriesByName: {
      ok: true,
      value: Object.fromEntries(names.map(n => [n, 3])),
    },
    scrape: { ok: true, value: { samplesPerScrape: 30000 } },
    durationTrend: { ok: true, value: undefined },
    rules: {
      ok: true,
      value: {
        groups: [
          {
            name: 'hostile',
            rules: rules.map((query, i) => ({
              name: `r${i}`,
              query,
              type: 'alerting',
            })),
          },
        ],
      },
    },
  };
}

const TICK_MS = 5;

/**
 * How long the event loop was held while `run` ran, in ms: the longest wait between two ticks of a
 * 5 ms timer beyond its interval, counting in each wait only the CPU time the process used
 * (`process.cpuUsage`): on a shared, loaded machine a wait can also be time this process had no
 * CPU at all, which is not the backend holding the loop. `monitorEventLoopDelay` runs alongside
 * (its maximum is returned for a failing run's message), but is not what is asserted: under Jest
 * it showed a 160 ms synchronous block as 5 ms, hence the timer of our own.
 */
async function loopHeldDuring(run: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  histogram.enable();
  let wallAt = performance.now();
  let cpuAt = process.cpuUsage();
  let held = 0;
  const ticker = setInterval(() => {
    const cpu = process.cpuUsage(cpuAt);
    const wall = performance.now() - wallAt;
    cpuAt = process.cpuUsage();
    wallAt = performance.now();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    held = Math.max(held, Math.min(wall - TICK_MS, cpuMs));
  }, TICK_MS);
  await run();
  // A tick after the run, so that a run that held the loop to its end is measured too.
  await new Promise(resolve => setTimeout(resolve, 4 * TICK_MS));
  clearInterval(ticker);
  histogram.disable();
  return { held, histogramMs: histogram.max / 1e6 };
}

/** Runs `clusterCost`, measuring its time and how long it held the event loop. */
async function measured(input: CostFacts, pacer?: Pacer) {
  let cost: Awaited<ReturnType<typeof clusterCost>> | undefined;
  const started = performance.now();
  const loop = await loopHeldDuring(async () => {
    cost = await clusterCost(input, { datasources: [], nowSeconds: 0, pacer });
  });
  return {
    cost: cost!,
    ms: performance.now() - started,
    maxDelayMs: loop.held,
  };
}

describe('hostile patterns', () => {
  // The first call compiles the code paths (JIT): start-up, not a request's cost.
  beforeAll(() => measured(facts(['count({__name__=~"warm_.*"})', 'up'])));

  it('matches catastrophic nesting in linear time: under 5 s, the loop never held 50 ms', async () => {
    const { cost, ms, maxDelayMs } = await measured(
      facts([
        'count({__name__=~"([a-z_]+)+Z"})',
        'count({__name__=~"(a|aa)+(b|bb)+(x+x+)+y"})',
        'up',
      ]),
    );
    expect(cost.proposal).toMatchObject({ narrowed: true });
    expect(cost.usage!.invalidRegexes).toEqual([]);
    expect(ms).toBeLessThan(5000);
    expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  });

  it('names an invalid regex and keeps match-all, never copying it into match[]', async () => {
    const { cost, maxDelayMs } = await measured(
      facts(['sum(rate({__name__=~"node_(cpu|mem"}[5m]))', 'up']),
    );
    expect(cost.usage!.invalidRegexes).toEqual([
      expect.objectContaining({
        source: 'alert hostile/r0',
        pattern: 'node_(cpu|mem',
        error: expect.stringMatching(/^invalid regex: /),
      }),
    ]);
    expect(cost.proposal).toMatchObject({
      narrowed: false,
      selectors: ['{__name__=~".+"}'],
    });
    expect(cost.proposal!.reason).toContain('alert hostile/r0');
    expect(cost.proposal!.selectors.join()).not.toContain('node_(cpu|mem');
    expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  });

  it('splits a union of 10 000 names into selectors that fit, keeping every name: under 5 s', async () => {
    // Short names, so that the query (about 60 000 characters) is read.
    const short = Array.from({ length: 10000 }, (_, i) => `m${i}`);
    const input = facts([`count({__name__=~"${short.join('|')}"})`]);
    input.seriesByName = {
      ok: true,
      value: Object.fromEntries([...short, ...names].map(n => [n, 3])),
    };
    const { cost, ms, maxDelayMs } = await measured(input);
    const proposal = cost.proposal!;
    expect(proposal.narrowed).toBe(true);
    expect(proposal.selectors.length).toBeGreaterThan(1);
    for (const selector of proposal.selectors)
      expect(selector.length).toBeLessThanOrEqual(MAX_MATCH_SELECTOR_CHARS);
    expect(proposal.keptNames).toHaveLength(short.length);
    expect(proposal.droppedNames).toHaveLength(names.length);
    expect(ms).toBeLessThan(5000);
    expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  });

  it('does not read a 300 000-character query: named, and it keeps match-all', async () => {
    const { cost, maxDelayMs } = await measured(
      facts([`count({__name__=~"${names.join('|')}"})`, 'up']),
    );
    expect(cost.usage!.unparsable[0]).toMatchObject({
      source: 'alert hostile/r0',
      error: expect.stringMatching(/longer than the 65536 read/),
    });
    expect(cost.proposal).toMatchObject({ narrowed: false });
    expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  });

  it('stops at the work budget with a note, not a proposal, the loop still free', async () => {
    // Many distinct long general regexes: each must be tried against every name.
    const rules = Array.from(
      { length: 400 },
      (_, i) => `count({__name__=~"(${'[a-j]+_'.repeat(60)}${i})+"})`,
    );
    const { cost, ms, maxDelayMs } = await measured(
      facts(rules),
      new Pacer(300),
    );
    expect(cost.proposal).toBeUndefined();
    expect(cost.notes.join()).toMatch(/too large to evaluate within 300 ms/);
    expect(ms).toBeLessThan(2000);
    expect(maxDelayMs).toBeLessThan(MAX_LOOP_DELAY_MS);
  });
});
