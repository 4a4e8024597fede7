import { mockCredentials } from '@backstage/backend-test-utils';
import { startLab, Lab } from '@promfed/federation-lab';
import {
  ClusterDetail,
  httpRoutePath,
} from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { refreshOverview, startLabBackend } from './__testUtils__/labBackend';

// One leaf in gateway mode: the lab serves its HTTPRoute and Gateway instead of the Ingress.
// Its own ports and folder, clear of the other integration tests.
const BASE_PORT = 23700;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-backend-gw-'));
const auth = { Authorization: mockCredentials.user.header() };

let lab: Lab;
let server: Parameters<typeof request>[0];

jest.setTimeout(5 * 60_000);

async function blueChecks() {
  await refreshOverview(server);
  const detail: ClusterDetail = (
    await request(server)
      .get('/api/prometheus-federation/clusters/blue')
      .set(auth)
  ).body;
  return detail.cluster.checks;
}

const exposureCheck = async () =>
  (await blueChecks()).find(c => c.id === 'ingress')!;

beforeAll(async () => {
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue'],
    gatewayClusters: ['blue'],
    scrapeIntervalSeconds: 3,
  });
  server = await startLabBackend(lab);
});

afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a lab leaf exposed by an HTTPRoute', () => {
  it('passes the exposure check from the HTTPRoute and its Gateway, and DNS against the Gateway', async () => {
    const dns = (await blueChecks()).find(c => c.id === 'dns')!;
    expect(dns.result).toBe('pass');
    const c = await exposureCheck();
    expect(c).toMatchObject({
      result: 'pass',
      summary:
        'HTTPRoute monitoring/prometheus serves prometheus-blue.federation.test on Gateway gateway-system/shared at blue-nlb.elb.federation.test.',
    });
  });

  it('fails with the HTTPRoute file and kubectl describe httproute when the route is missing', async () => {
    await lab.fault('ingress-missing', 'blue');
    try {
      const c = await exposureCheck();
      expect(c).toMatchObject({
        result: 'fail',
        summary: 'HTTPRoute monitoring/prometheus does not exist on blue.',
        remediation: {
          file: httpRoutePath('blue'),
          commands: expect.arrayContaining([
            'kubectl describe httproute prometheus -n monitoring --context=blue',
          ]),
        },
      });
    } finally {
      await lab.revert('ingress-missing', 'blue');
    }
    expect((await exposureCheck()).result).toBe('pass');
  });
});
