import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import dns from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { parse } from 'yaml';
import { Lab, LabFault, startLab, stopLab, writeBackendConfig } from './index';
import { readPids, isAlive } from './state';
import { ActiveTarget, federateTarget, waitFor } from './__testUtils__/waitFor';
import { leafFederate } from './__testUtils__/leafFederate';

// Its own ports and folder, so it runs beside a developer's lab on 19000.
const BASE_PORT = 22000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-lab-it-'));
let lab: Lab;

jest.setTimeout(90_000);

beforeAll(async () => {
  lab = await startLab({ dir, basePort: BASE_PORT, scrapeIntervalSeconds: 3 });
});

afterAll(async () => {
  await stopLab(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

const cfg = () => lab.backendConfig.prometheusFederation;
const cluster = (name: string) => cfg().clusters.find(c => c.name === name)!;

async function targetWhere(
  c: string,
  pred: (t: ActiveTarget) => boolean,
  what: string,
) {
  return waitFor(`federate-${c} ${what}`, async () => {
    const t = await federateTarget(lab.opsPrometheusUrl, c);
    return t && pred(t) ? t : undefined;
  });
}

const isUp = (t: ActiveTarget) => t.health === 'up' && t.lastError === '';

async function query(promql: string) {
  const res = await fetch(
    `${lab.opsPrometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`,
  );
  const body = (await res.json()) as {
    data: {
      result: Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>;
    };
  };
  return body.data.result;
}

function kube(context: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(cfg().kubeconfig);
  kc.setCurrentContext(context);
  return {
    net: kc.makeApiClient(NetworkingV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

async function readCertificate(c: string): Promise<any> {
  return kube(c).custom.getNamespacedCustomObject({
    group: 'cert-manager.io',
    version: 'v1',
    namespace: 'monitoring',
    plural: 'certificates',
    name: `prometheus-${c}-tls`,
  });
}

function ec2(credentials = lab.awsCredentials) {
  return new EC2Client({
    region: 'eu-west-1',
    endpoint: cfg().aws.endpoint,
    credentials,
    maxAttempts: 1,
  });
}

/** The certificate the leaf really serves through its load balancer port. */
function servedCertificate(c: string): Promise<tls.PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: '127.0.0.1',
        port: cluster(c).prometheus.port,
        servername: cluster(c).prometheus.host,
        rejectUnauthorized: false,
      },
      () => {
        resolve(socket.getPeerCertificate());
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

function resolver() {
  const r = new dns.promises.Resolver();
  r.setServers(cfg().dns.servers);
  return r;
}

describe('a started lab', () => {
  it('federates every leaf into the ops Prometheus with source_cluster', async () => {
    for (const c of lab.clusters) await targetWhere(c, isUp, 'up');
    const byCluster = await waitFor('http series from every leaf', async () => {
      const result = await query(
        'count by (source_cluster, job) (http_requests_total)',
      );
      const jobs = new Set(
        result.map(r => `${r.metric.source_cluster}/${r.metric.job}`),
      );
      return lab.clusters.every(c =>
        ['dareyscore', 'lab-controller', 'liveclasses'].every(a =>
          jobs.has(`${c}/${a}`),
        ),
      )
        ? result
        : undefined;
    });
    expect(byCluster.length).toBe(6);
    // The apps fail at random: wait until each leaf has served (and federated) a 5xx.
    const errors = await waitFor('5xx series from every leaf', async () => {
      const result = await query(
        'sum by (source_cluster) (http_requests_total{status=~"5.."})',
      );
      return result.length === lab.clusters.length ? result : undefined;
    });
    expect(errors.map(r => r.metric.source_cluster).sort()).toEqual([
      'blue',
      'green',
    ]);
    const alerts = await fetch(
      `${lab.opsPrometheusUrl}/api/v1/rules?type=alert`,
    ).then(r => r.json());
    expect(
      alerts.data.groups[0].rules.map((r: { name: string }) => r.name),
    ).toEqual([
      'PrometheusFederationDown',
      'PrometheusFederationScrapeErrors',
      'PrometheusFederationNoMetrics',
      'PrometheusFederationHighLatency',
    ]);
  });

  it('describes itself as backend config and app-config YAML', async () => {
    expect(cfg().opsPrometheus.url).toBe(`http://127.0.0.1:${BASE_PORT}`);
    expect(cluster('blue')).toMatchObject({
      prometheus: { host: 'prometheus-blue.federation.test' },
      kubernetes: { context: 'blue' },
      aws: { region: 'eu-west-1' },
    });
    const file = path.join(dir, 'written', 'app-config.yaml');
    await writeBackendConfig(lab, file);
    expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(lab.backendConfig);
    // The portal's file turns discovery on, with trust patterns that fit the lab.
    expect(
      parse(fs.readFileSync(path.join(dir, 'app-config.lab.yaml'), 'utf8')),
    ).toEqual({
      ...lab.backendConfig,
      prometheusFederation: {
        ...cfg(),
        discovery: {
          allowedHosts: ['*.federation.test'],
          allowedApiServers: ['https://127.0.0.1:*'],
          allowedRegions: ['eu-west-1'],
        },
      },
    });
  });

  it('reuses a running lab on a second start', async () => {
    const before = readPids(dir).daemon;
    const started = Date.now();
    const again = await startLab({
      dir,
      basePort: BASE_PORT,
      scrapeIntervalSeconds: 3,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(readPids(dir).daemon).toBe(before);
    expect(again.awsCredentials).toEqual(lab.awsCredentials);
  });

  it('serves Ingress and Certificate objects to the real Kubernetes client', async () => {
    const ingress = await kube('blue').net.readNamespacedIngress({
      name: 'prometheus-ingress',
      namespace: 'monitoring',
    });
    expect(ingress.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ingress.spec?.ingressClassName).toBe('nginx');
    expect(ingress.spec?.tls?.[0]).toEqual({
      hosts: ['prometheus-blue.federation.test'],
      secretName: 'prometheus-blue-tls',
    });
    expect(ingress.status?.loadBalancer?.ingress?.[0].hostname).toBe(
      'blue-nlb.elb.federation.test',
    );
    const list = await kube('green').net.listNamespacedIngress({
      namespace: 'monitoring',
    });
    expect(list.items.map(i => i.spec?.rules?.[0].host)).toEqual([
      'prometheus-green.federation.test',
    ]);

    const cert = await readCertificate('blue');
    const served = await servedCertificate('blue');
    expect(new Date(cert.status.notAfter).getTime()).toBe(
      new Date(served.valid_to).getTime(),
    );
    expect(new Date(cert.status.notBefore).getTime()).toBe(
      new Date(served.valid_from).getTime(),
    );
    expect(cert.status.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    ]);

    const unauthenticated = await new Promise<{
      status?: number;
      body: string;
    }>((resolve, reject) => {
      https
        .get(
          {
            host: '127.0.0.1',
            port: BASE_PORT + 12,
            path: '/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses',
            ca: fs.readFileSync(cfg().tls.caFile),
          },
          res => {
            let body = '';
            res.on('data', c => (body += c));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        )
        .on('error', reject);
    });
    expect(unauthenticated.status).toBe(401);
    expect(JSON.parse(unauthenticated.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers the EC2 API for a signed client and rejects unsigned or wrongly signed requests', async () => {
    const node = cluster('blue').aws.nodeSecurityGroupId;
    const rules = await ec2().send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: 'group-id', Values: [node] }],
      }),
    );
    const federation = rules.SecurityGroupRules!.find(r => r.FromPort === 443);
    expect(federation).toMatchObject({
      GroupId: node,
      IsEgress: false,
      IpProtocol: 'tcp',
      ToPort: 443,
      ReferencedGroupInfo: { GroupId: cfg().aws.opsSource.securityGroupId },
      Description:
        'Allow ops Prometheus to federate from blue Prometheus via Ingress LoadBalancer (port 443)',
    });

    const page = await ec2().send(
      new DescribeSecurityGroupRulesCommand({ MaxResults: 5 }),
    );
    expect(page.SecurityGroupRules).toHaveLength(5);
    expect(page.NextToken).toBeTruthy();
    const rest = await ec2().send(
      new DescribeSecurityGroupRulesCommand({
        MaxResults: 5,
        NextToken: page.NextToken,
      }),
    );
    expect(rest.SecurityGroupRules).toHaveLength(2); // 1 ops + 3 per leaf = 7
    expect(rest.NextToken).toBeUndefined();

    const groups = await ec2().send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'tag:aws:eks:cluster-name', Values: ['ops'] }],
      }),
    );
    expect(groups.SecurityGroups!.map(g => g.GroupId)).toEqual([
      cfg().aws.opsSource.securityGroupId,
    ]);
    await expect(
      ec2().send(
        new DescribeSecurityGroupsCommand({
          GroupIds: ['sg-0000000000000dead'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidGroup.NotFound',
      $metadata: { httpStatusCode: 400 },
    });

    await expect(
      ec2({
        accessKeyId: lab.awsCredentials.accessKeyId,
        secretAccessKey: 'wrong',
      }).send(new DescribeSecurityGroupsCommand({})),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      ec2({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).send(
        new DescribeSecurityGroupsCommand({}),
      ),
    ).rejects.toMatchObject({
      name: 'AuthFailure',
      $metadata: { httpStatusCode: 401 },
    });
    const unsigned = await fetch(cfg().aws.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeSecurityGroups&Version=2016-11-15',
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toContain(
      '<Code>MissingAuthenticationToken</Code>',
    );
  });

  it('resolves leaf hosts through its DNS server and nothing else', async () => {
    expect(
      await resolver().resolve4('prometheus-blue.federation.test'),
    ).toEqual(['127.0.0.1']);
    await expect(
      resolver().resolve4('prometheus-red.federation.test'),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('faults', () => {
  async function apply(f: LabFault, c: string) {
    await lab.fault(f, c);
    const state = JSON.parse(
      fs.readFileSync(path.join(dir, 'state.json'), 'utf8'),
    );
    expect(state.faults).toContainEqual(
      expect.objectContaining({ fault: f, cluster: c }),
    );
  }

  it('leaf-down and slow-federate show in the ops target lastError, and revert', async () => {
    await apply('leaf-down', 'blue');
    await apply('slow-federate', 'green');
    await targetWhere(
      'blue',
      t => t.health === 'down' && t.lastError.includes('connection refused'),
      'connection refused',
    );
    await targetWhere(
      'green',
      t =>
        t.health === 'down' &&
        t.lastError.includes('context deadline exceeded'),
      'deadline exceeded',
    );
    await lab.revert('leaf-down', 'blue');
    await lab.revert('slow-federate', 'green');
    expect(await targetWhere('blue', isUp, 'up again')).toMatchObject({
      labels: { source_cluster: 'blue' },
    });
    expect(await targetWhere('green', isUp, 'up again')).toMatchObject({
      labels: { source_cluster: 'green' },
    });
  });

  it('sample-limit and wrong-path show in the ops target lastError, and revert', async () => {
    await apply('sample-limit', 'blue');
    await apply('wrong-path', 'green');
    await targetWhere(
      'blue',
      t => t.lastError.includes('sample limit exceeded'),
      'sample limit exceeded',
    );
    await targetWhere(
      'green',
      t => t.lastError.includes('server returned HTTP status 404 Not Found'),
      '404',
    );
    await lab.revert('sample-limit', 'blue');
    await lab.revert('wrong-path', 'green');
    expect(await targetWhere('blue', isUp, 'up again')).toMatchObject({
      labels: { source_cluster: 'blue' },
    });
    expect(await targetWhere('green', isUp, 'up again')).toMatchObject({
      labels: { source_cluster: 'green' },
    });
  });

  it('certificate-expired shows in the target, the served certificate and the Certificate; not-ready only in the Certificate', async () => {
    await apply('certificate-expired', 'blue');
    await apply('certificate-not-ready', 'green');
    await targetWhere(
      'blue',
      t => t.lastError.includes('x509: certificate has expired'),
      'x509 expired',
    );
    const served = await servedCertificate('blue');
    expect(new Date(served.valid_to).getTime()).toBeLessThan(Date.now());
    const expired = await readCertificate('blue');
    expect(new Date(expired.status.notAfter).getTime()).toBe(
      new Date(served.valid_to).getTime(),
    );
    expect(expired.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        reason: 'Expired',
      }),
    );

    const failing = await readCertificate('green');
    expect(failing.status.failedIssuanceAttempts).toBe(3);
    expect(failing.status.lastFailureTime).toBeDefined();
    expect(new Date(failing.status.renewalTime).getTime()).toBeLessThan(
      Date.now(),
    );
    expect(failing.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Issuing',
        status: 'False',
        reason: 'Failed',
      }),
    );
    expect(
      new Date((await servedCertificate('green')).valid_to).getTime(),
    ).toBeGreaterThan(Date.now());
    expect((await federateTarget(lab.opsPrometheusUrl, 'green'))?.health).toBe(
      'up',
    );

    await lab.revert('certificate-expired', 'blue');
    await lab.revert('certificate-not-ready', 'green');
    await targetWhere('blue', isUp, 'up again');
    for (const c of ['blue', 'green']) {
      const cert = await readCertificate(c);
      expect(cert.status.conditions).toEqual([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      ]);
      expect(new Date(cert.status.renewalTime).getTime()).toBeGreaterThan(
        Date.now(),
      );
    }
  });

  it('security-group-rule-removed, ingress-missing and dns-missing show at their endpoints, and revert', async () => {
    const node = cluster('green').aws.nodeSecurityGroupId;
    const has443 = async () =>
      (
        await ec2().send(
          new DescribeSecurityGroupRulesCommand({
            Filters: [{ Name: 'group-id', Values: [node] }],
          }),
        )
      ).SecurityGroupRules!.some(r => r.FromPort === 443);

    await apply('security-group-rule-removed', 'green');
    await apply('ingress-missing', 'green');
    await apply('dns-missing', 'green');
    expect(await has443()).toBe(false);
    await expect(
      kube('green').net.readNamespacedIngress({
        name: 'prometheus-ingress',
        namespace: 'monitoring',
      }),
    ).rejects.toMatchObject({
      code: 404,
      body: expect.stringContaining('"reason":"NotFound"'),
    });
    await expect(
      resolver().resolve4('prometheus-green.federation.test'),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });
    // Blue is untouched.
    expect(
      await resolver().resolve4('prometheus-blue.federation.test'),
    ).toEqual(['127.0.0.1']);

    await lab.revert('security-group-rule-removed', 'green');
    await lab.revert('ingress-missing', 'green');
    await lab.revert('dns-missing', 'green');
    expect(await has443()).toBe(true);
    expect(
      (
        await kube('green').net.readNamespacedIngress({
          name: 'prometheus-ingress',
          namespace: 'monitoring',
        })
      ).metadata?.name,
    ).toBe('prometheus-ingress');
    expect(
      await resolver().resolve4('prometheus-green.federation.test'),
    ).toEqual(['127.0.0.1']);
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).faults,
    ).toEqual([]);
  });
});

describe('more faults', () => {
  const federate = (c: string, agent?: https.Agent) =>
    leafFederate({
      port: cluster(c).prometheus.port,
      host: cluster(c).prometheus.host,
      caFile: cfg().tls.caFile,
      agent,
    });
  /** The target once a scrape failed, so its lastError is set. */
  const failingTarget = (c: string) =>
    targetWhere(c, t => t.health === 'down' && t.lastError !== '', 'down');
  const httpSeries = (body: string) =>
    body.split('\n').filter(l => l.startsWith('http_requests_total{'));

  it('plain-http and certificate-wrong-host show in the ops target lastError, and revert', async () => {
    await lab.fault('plain-http', 'green');
    await lab.fault('certificate-wrong-host', 'blue');
    const green = await failingTarget('green');
    expect(green.lastError).toContain(
      'http: server gave HTTP response to HTTPS client',
    );
    // A plain HTTP client gets the leaf's answers on the same port.
    const plain = await fetch(
      `http://127.0.0.1:${
        cluster('green').prometheus.port
      }/federate?match[]=up`,
    );
    expect(plain.status).toBe(200);

    const blue = await failingTarget('blue');
    expect(blue.lastError).toContain(
      'x509: certificate is valid for prometheus-blue.other.federation.test, not prometheus-blue.federation.test',
    );
    const served = await servedCertificate('blue');
    expect(served.subjectaltname).toBe(
      'DNS:prometheus-blue.other.federation.test',
    );
    expect(new Date(served.valid_to).getTime()).toBeGreaterThan(Date.now());
    expect((await readCertificate('blue')).status.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    ]);

    await lab.revert('plain-http', 'green');
    await lab.revert('certificate-wrong-host', 'blue');
    await targetWhere('green', isUp, 'up again');
    await targetWhere('blue', isUp, 'up again');
    expect((await servedCertificate('blue')).subjectaltname).toBe(
      'DNS:prometheus-blue.federation.test',
    );
  });

  it('body-size-limit shows in the ops target lastError; apps-no-http-metrics empties the leaf of http series, target up', async () => {
    await lab.fault('body-size-limit', 'green');
    await lab.fault('apps-no-http-metrics', 'blue');
    const green = await failingTarget('green');
    expect(green.lastError).toContain('body size limit exceeded');

    await waitFor('no http series federated by blue', async () =>
      httpSeries(await federate('blue')).length === 0 ? true : undefined,
    );
    expect(await federateTarget(lab.opsPrometheusUrl, 'blue')).toMatchObject({
      health: 'up',
      lastError: '',
    });

    await lab.revert('body-size-limit', 'green');
    await lab.revert('apps-no-http-metrics', 'blue');
    await targetWhere('green', isUp, 'up again');
    await waitFor('http series federated by blue again', async () =>
      httpSeries(await federate('blue')).length > 0 ? true : undefined,
    );
  });

  it('dns-wrong-address and ingress-no-address show to the DNS and Kubernetes clients only, and revert', async () => {
    await lab.fault('dns-wrong-address', 'green');
    await lab.fault('ingress-no-address', 'green');
    expect(
      await resolver().resolve4('prometheus-green.federation.test'),
    ).toEqual(['127.0.0.2']);
    // The load balancer itself still resolves, and ops Prometheus (dialling by IP) is unaffected.
    expect(await resolver().resolve4('green-nlb.elb.federation.test')).toEqual([
      '127.0.0.1',
    ]);
    const ingress = await kube('green').net.readNamespacedIngress({
      name: 'prometheus-ingress',
      namespace: 'monitoring',
    });
    expect(ingress.status?.loadBalancer?.ingress ?? []).toEqual([]);
    expect(ingress.spec?.rules?.[0].host).toBe(
      'prometheus-green.federation.test',
    );
    expect((await federateTarget(lab.opsPrometheusUrl, 'green'))?.health).toBe(
      'up',
    );

    await lab.revert('dns-wrong-address', 'green');
    await lab.revert('ingress-no-address', 'green');
    expect(
      await resolver().resolve4('prometheus-green.federation.test'),
    ).toEqual(['127.0.0.1']);
    expect(
      (
        await kube('green').net.readNamespacedIngress({
          name: 'prometheus-ingress',
          namespace: 'monitoring',
        })
      ).status?.loadBalancer?.ingress?.[0].hostname,
    ).toBe('green-nlb.elb.federation.test');
  });

  it('replicas-doubled doubles the federated series with a second prometheus_replica, and reverts', async () => {
    const count = async (matcher: string) =>
      Number(
        (
          await query(
            `count(http_requests_total{source_cluster="green",${matcher}})`,
          )
        )[0]?.value[1] ?? 0,
      );
    await lab.fault('replicas-doubled', 'green');
    // One kept-alive connection, as ops Prometheus scrapes: its answers alternate.
    const scraper = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const answers = [
      await federate('green', scraper),
      await federate('green', scraper),
    ];
    expect(answers.map(a => a.includes('prometheus_replica='))).toEqual([
      false,
      true,
    ]);
    await waitFor('doubled series in ops Prometheus', async () => {
      const replica = await count('prometheus_replica!=""');
      const single = await count('prometheus_replica=""');
      return replica > 0 && replica === single ? true : undefined;
    });
    expect(await federateTarget(lab.opsPrometheusUrl, 'green')).toMatchObject({
      health: 'up',
    });

    await lab.revert('replicas-doubled', 'green');
    const after = [
      await federate('green', scraper),
      await federate('green', scraper),
    ];
    scraper.destroy();
    expect(after.some(a => a.includes('prometheus_replica='))).toBe(false);
    await targetWhere('green', isUp, 'up');
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).faults,
    ).toEqual([]);
  });
});

describe('stop', () => {
  it('leaves no process behind', async () => {
    const pids = Object.values(readPids(dir));
    expect(pids.length).toBe(4); // daemon, ops and two leaves
    await lab.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(fetch(lab.opsPrometheusUrl)).rejects.toThrow();
  });
});
