import {
  DescribeSecurityGroupRulesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import dns from 'node:dns';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Fleet, startFleet, stopFleet } from '../index';
import { isAlive, readPids } from '../state';

// Its own ports and folder, beside a developer's lab on 19000 and the lab's test on 22000.
const BASE_PORT = 27500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-fleet-it-'));
let fleet: Fleet;

jest.setTimeout(90_000);

beforeAll(async () => {
  fleet = await startFleet({
    dir,
    basePort: BASE_PORT,
    clusters: 20,
    faultFraction: 0.25,
    seriesPerLeaf: 100,
    scrapeIntervalSeconds: 3,
  });
});

afterAll(async () => {
  await stopFleet(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

const faulted = (fault: string) =>
  Object.entries(fleet.faults).find(([, f]) => f === fault)![0];

async function prom(pathAndQuery: string) {
  const res = await fetch(`${fleet.opsPrometheusUrl}${pathAndQuery}`);
  return ((await res.json()) as { data: any }).data;
}

describe('a fleet of 20', () => {
  it('is scraped by the real ops Prometheus: healthy leaves up, failing leaves down for their reason', async () => {
    // Ready means every target was scraped once; the start is bounded by one scrape interval.
    expect(fleet.startMs).toBeLessThan(60_000);
    const { activeTargets } = await prom('/api/v1/targets?state=active');
    const byJob = new Map<
      string,
      { health: string; lastError: string; scrapeUrl: string }
    >(activeTargets.map((t: any) => [t.scrapePool, t]));
    expect(byJob.size).toBe(20);
    const target = (fault: string) =>
      byJob.get(federateJobName(faulted(fault)))!;
    expect(target('leaf-error-500').lastError).toMatch(/HTTP status 500/);
    expect(target('connection-reset').lastError).toMatch(
      /connection reset by peer/,
    );
    expect(target('certificate-expired').lastError).toMatch(
      /x509: certificate has expired/,
    );
    expect(target('ingress-missing').health).toBe('up');
    const healthy = fleet.clusters.filter(c => !fleet.faults[c]);
    expect(healthy).toHaveLength(15);
    for (const c of healthy) {
      const t = byJob.get(federateJobName(c))!;
      expect(t.health).toBe('up');
      // Every job dials the one shared port; server_name tells the leaves apart.
      expect(t.scrapeUrl).toMatch(
        `https://127.0.0.1:${BASE_PORT + 5}/federate`,
      );
    }
    const counts = await prom(
      `/api/v1/query?query=${encodeURIComponent(
        'count by (source_cluster) (http_requests_total)',
      )}`,
    );
    expect(counts.result.length).toBeGreaterThanOrEqual(16);
  });

  it('answers Kubernetes, EC2 and DNS for every cluster, minus what the faults remove', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(fleet.backendConfig.prometheusFederation.kubeconfig);
    const read = async (c: string) => {
      kc.setCurrentContext(c);
      const ingress = await kc
        .makeApiClient(NetworkingV1Api)
        .readNamespacedIngress({
          name: 'prometheus-ingress',
          namespace: 'monitoring',
        })
        .then(
          () => 200,
          (e: { code: number }) => e.code,
        );
      const cert: any = await kc
        .makeApiClient(CustomObjectsApi)
        .getNamespacedCustomObject({
          group: 'cert-manager.io',
          version: 'v1',
          namespace: 'monitoring',
          plural: 'certificates',
          name: `prometheus-${c}-tls`,
        });
      return { ingress, ready: cert.status.conditions[0].status };
    };
    expect(await read('leaf-0020')).toEqual({ ingress: 200, ready: 'True' });
    expect((await read(faulted('ingress-missing'))).ingress).toBe(404);
    expect((await read(faulted('certificate-expired'))).ready).toBe('False');

    const ec2 = new EC2Client({
      region: 'eu-west-1',
      endpoint: fleet.backendConfig.prometheusFederation.aws.endpoint,
      credentials: fleet.awsCredentials,
    });
    const groups = fleet.backendConfig.prometheusFederation.clusters.map(
      c => c.aws.nodeSecurityGroupId,
    );
    let token: string | undefined;
    let pages = 0;
    const rules: string[] = [];
    do {
      const page = await ec2.send(
        new DescribeSecurityGroupRulesCommand({
          Filters: [{ Name: 'group-id', Values: groups }],
          MaxResults: 10,
          NextToken: token,
        }),
      );
      pages++;
      rules.push(...page.SecurityGroupRules!.map(r => r.SecurityGroupRuleId!));
      token = page.NextToken;
    } while (token);
    // Three rules a node group, one removed by the fault.
    expect(rules).toHaveLength(59);
    expect(pages).toBe(6);

    const resolver = new dns.promises.Resolver();
    resolver.setServers([`127.0.0.1:${BASE_PORT + 2}`]);
    expect(
      await resolver.resolve4('prometheus-leaf-0013.federation.test'),
    ).toEqual(['127.0.0.1']);
  });

  it('stops with every process it started', async () => {
    const pids = Object.values(readPids(dir));
    expect(pids.length).toBe(2);
    await stopFleet(dir);
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
