import { mockCredentials } from '@backstage/backend-test-utils';
import { Lab, LAB_FAULTS, LabFault, startLab } from '@promfed/federation-lab';
import {
  ClusterDetail,
  ClusterSummary,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  DIAGNOSES,
  expectedText,
  matches,
  namesCause,
  observedText,
} from './__testUtils__/diagnosisMatrix';
import { refreshOverview, startLabBackend } from './__testUtils__/labBackend';
import { DEFAULT_REFRESH_INTERVAL_SECONDS } from './config/options';
import { STALE_INTERVALS } from './triage/freshness';

// The diagnosis matrix (docs/federation-setup.md#headline-policy): every lab fault in turn, on one
// shared lab of three leaves. Its own ports (23400+), clear of the lab's tests (22000) and
// lab.integration.test.ts (23000).
const BASE_PORT = 23400;
const CLUSTERS = ['blue', 'green', 'orange'];
const SCRAPE_INTERVAL = 3;
const WAIT_MS = 60_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-diagnosis-it-'));
const auth = { Authorization: mockCredentials.user.header() };

let lab: Lab;
let server: Parameters<typeof request>[0];
const rows: Array<{
  fault: LabFault;
  cluster: string;
  expected: string;
  observed: string;
  firstTry: boolean;
  firstSeen: string;
}> = [];
const measured: string[] = [];

jest.setTimeout(30 * 60_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const refresh = () => refreshOverview(server);

async function detail(cluster: string): Promise<ClusterDetail> {
  return (
    await request(server)
      .get(`/api/prometheus-federation/clusters/${cluster}`)
      .set(auth)
  ).body;
}

/** Refreshes back to back until `until` holds for the overview; every overview seen goes to `seen`. */
async function poll(
  until: (o: FederationOverview) => boolean,
  what: string,
  seen?: (o: FederationOverview) => void,
): Promise<FederationOverview> {
  const deadline = Date.now() + WAIT_MS;
  let last: FederationOverview | undefined;
  while (Date.now() < deadline) {
    last = await refresh();
    seen?.(last);
    if (until(last)) return last;
    await sleep(300);
  }
  throw new Error(
    `not ${what} within ${WAIT_MS / 1000}s; last seen ${JSON.stringify(
      last?.clusters.map(c => [c.name, observedText(c)]),
    )}`,
  );
}

const find = (o: FederationOverview, name: string) =>
  o.clusters.find(c => c.name === name) as ClusterSummary;
const allHealthy = (o: FederationOverview) =>
  CLUSTERS.every(n => find(o, n)?.state === 'healthy');

/**
 * Every cluster healthy in refreshes spanning two scrape intervals: the previous fault and its
 * after-effects (a cut kept-alive connection, a reloaded scrape pool) are over.
 */
async function settle() {
  let since: number | undefined;
  await poll(o => {
    if (!allHealthy(o)) since = undefined;
    else since ??= Date.now();
    return (
      since !== undefined && Date.now() - since >= 2 * SCRAPE_INTERVAL * 1000
    );
  }, 'all healthy for two scrape intervals');
}

beforeAll(async () => {
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: CLUSTERS,
    scrapeIntervalSeconds: SCRAPE_INTERVAL,
  });
  server = await startLabBackend(lab);
  await poll(allHealthy, 'all healthy');
});

afterAll(async () => {
  const width = Math.max(...rows.map(r => r.fault.length), 5);
  const lines = rows.map(
    r =>
      `${r.fault.padEnd(width)}  ${r.cluster.padEnd(6)}  ${
        r.firstTry ? 'first-try' : 'later    '
      }  expected ${r.expected}\n${' '.repeat(width + 21)}observed ${
        r.observed
      }${
        r.firstTry ? '' : `\n${' '.repeat(width + 21)}first    ${r.firstSeen}`
      }`,
  );
  // eslint-disable-next-line no-console
  console.log(
    [
      `${'fault'.padEnd(width)}  cluster`,
      ...lines,
      ...measured,
      `diagnosis: ${rows.filter(r => r.firstTry).length}/${
        LAB_FAULTS.length
      } first-try`,
    ].join('\n'),
  );
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('diagnosis matrix against the federation lab', () => {
  it.each(LAB_FAULTS.map((fault, i) => [fault, CLUSTERS[i % CLUSTERS.length]]))(
    '%s on %s: the headline names the cause, the other clusters are unchanged',
    async (fault, cluster) => {
      const expected = DIAGNOSES[fault as LabFault];
      const others = CLUSTERS.filter(c => c !== cluster);
      let first: ClusterSummary | undefined;
      await settle();
      await lab.fault(fault as LabFault, cluster);
      try {
        const seen = await poll(
          o => matches(expected, find(o, cluster), cluster),
          `${fault}: ${expectedText(expected, cluster)}`,
          o => {
            const c = find(o, cluster);
            // The first diagnosis: unknown (a reloaded job's first scrape pending) is none yet.
            if (!first && (c.state === 'down' || c.state === 'degraded'))
              first = c;
          },
        );
        const faulted = find(seen, cluster);
        rows.push({
          fault: fault as LabFault,
          cluster,
          expected: expectedText(expected, cluster),
          observed: observedText(faulted),
          firstTry: !!first && namesCause(expected, first, cluster),
          firstSeen: observedText(first),
        });
        expect([
          faulted.state,
          faulted.headline?.check,
          faulted.headline?.cause,
        ]).toEqual([expected.state, expected.check, expected.cause]);
        // The probe is evidence beside a down target, never the headline.
        expect(faulted.headline?.probe !== undefined).toBe(
          expected.state === 'down',
        );
        const full = (await detail(cluster)).cluster;
        expect(full.remediation?.summary).toBeTruthy();
        for (const other of others)
          expect([
            other,
            find(seen, other).state,
            find(seen, other).headline,
          ]).toEqual([other, 'healthy', undefined]);
      } finally {
        await lab.revert(fault as LabFault, cluster);
      }
      await poll(
        o => find(o, cluster).state === 'healthy',
        `${cluster} healthy`,
      );
    },
  );

  it('detects a dead leaf within one refresh, its metrics within two scrape intervals, and recovers without a degraded refresh', async () => {
    const cluster = 'green';
    await settle();
    await lab.fault('leaf-down', cluster);
    const faultAt = Date.now();
    let downAfter: number | undefined;
    let metricsAfter: number | undefined;
    try {
      const deadline = Date.now() + WAIT_MS;
      while (metricsAfter === undefined && Date.now() < deadline) {
        const overview = await refresh();
        const elapsed = (Date.now() - faultAt) / 1000;
        if (downAfter === undefined && find(overview, cluster).state === 'down')
          downAfter = elapsed;
        const metrics = (await detail(cluster)).cluster.checks.find(
          c => c.id === 'metrics',
        );
        if (metrics && metrics.result !== 'pass') metricsAfter = elapsed;
        await sleep(200);
      }
    } finally {
      await lab.revert('leaf-down', cluster);
    }
    const states: string[] = [];
    const revertAt = Date.now();
    await poll(
      o => find(o, cluster).state === 'healthy',
      `${cluster} healthy after leaf-down`,
      o => states.push(find(o, cluster).state),
    );
    const recovered = (Date.now() - revertAt) / 1000;
    measured.push(
      `detection: leaf-down -> down after ${downAfter?.toFixed(
        1,
      )} s (one refresh interval: ${DEFAULT_REFRESH_INTERVAL_SECONDS} s); ` +
        `metrics not passing after ${metricsAfter?.toFixed(
          1,
        )} s (${STALE_INTERVALS} scrape intervals: ${
          STALE_INTERVALS * SCRAPE_INTERVAL
        } s); healthy ${recovered.toFixed(1)} s after the revert, states ${[
          ...new Set(states),
        ].join(' -> ')}`,
    );
    expect(downAfter).toBeLessThanOrEqual(DEFAULT_REFRESH_INTERVAL_SECONDS);
    // The last leaf sample is at most one leaf interval old at the fault; one refresh of slack.
    expect(metricsAfter).toBeLessThanOrEqual(
      STALE_INTERVALS * SCRAPE_INTERVAL + 1.5,
    );
    expect(states).not.toContain('degraded');
  });
});
