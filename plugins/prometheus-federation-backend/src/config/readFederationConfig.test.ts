import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from './readFederationConfig';

const base = {
  opsPrometheus: { url: 'https://prometheus-ops.example.com/prometheus/' },
};
const read = (federation: object) =>
  readFederationConfig(
    new ConfigReader({ prometheusFederation: { ...base, ...federation } }),
  );

describe('readFederationConfig', () => {
  it('is undefined when the section is absent', () => {
    expect(readFederationConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('fills the defaults of the set-up (docs/federation-setup.md)', () => {
    const options = read({
      clusters: [
        {
          name: 'blue',
          prometheus: { host: 'prometheus-blue.talentos.darey.io' },
        },
      ],
      grafana: { baseUrl: 'https://grafana-ops.talentos.darey.io' },
    })!;
    expect(options.opsPrometheus.url).toBe(
      'https://prometheus-ops.example.com/prometheus',
    );
    expect(options).toMatchObject({
      refreshIntervalSeconds: 30,
      upstreamTimeoutSeconds: 5,
      applicationLabel: 'job',
      sharedCauseThreshold: 5,
    });
    expect(options.grafana?.dashboards).toEqual([
      expect.objectContaining({
        title: 'Application Errors',
        clusterVariable: 'source_cluster',
      }),
    ]);
    expect(options.clusters[0]).toEqual({
      name: 'blue',
      entityRef: 'resource:default/blue',
      host: 'prometheus-blue.talentos.darey.io',
      port: 443,
      federateJob: 'federate-blue',
      kubernetes: undefined,
      certificate: { namespace: 'monitoring', name: 'prometheus-blue-tls' },
      ingress: { namespace: 'monitoring', name: 'prometheus-ingress' },
      httpRoute: { namespace: 'monitoring', name: 'prometheus' },
      aws: undefined,
      source: 'config',
    });
    expect(options.discovery).toBeUndefined();
  });

  it.each([
    [
      { opsPrometheus: { url: 'prometheus-ops:9090' } },
      'prometheusFederation.opsPrometheus.url must be an http(s) URL, got a prometheus-ops: URL',
    ],
    [
      {
        opsPrometheus: {
          url: 'https://admin:hunter2@prometheus-ops.example.com',
        },
      },
      'prometheusFederation.opsPrometheus.url must not carry credentials; use bearerToken or basicAuth instead',
    ],
    [
      { clusters: [{ name: 'Blue', prometheus: { host: 'h.example.com' } }] },
      'prometheusFederation.clusters[0].name must be a DNS-1123 label',
    ],
    [
      {
        clusters: [
          { name: 'blue', prometheus: { host: 'https://h.example.com/' } },
        ],
      },
      'prometheusFederation.clusters[0].prometheus.host must be a host name without scheme or path',
    ],
    [
      {
        clusters: [
          {
            name: 'blue',
            prometheus: { host: 'h.example.com' },
            aws: {
              region: 'eu-west-1',
              nodeSecurityGroupId: 'sg-0123456789abcdef0',
            },
          },
        ],
      },
      'prometheusFederation.clusters[0].aws.opsSource is required',
    ],
    [
      { aws: { opsSource: { cidr: '203.0.113.10' } } },
      'prometheusFederation.aws.opsSource.cidr must be an IPv4 CIDR',
    ],
    [
      {
        clusters: [
          {
            name: 'blue',
            prometheus: { host: 'h.example.com' },
            kubernetes: { url: 'https://k8s.example.com' },
          },
        ],
      },
      'prometheusFederation.clusters[0].kubernetes.token is required with kubernetes.url',
    ],
    [
      {
        clusters: [
          { name: 'blue', prometheus: { host: 'a.example.com' } },
          { name: 'blue', prometheus: { host: 'b.example.com' } },
        ],
      },
      'prometheusFederation.clusters[1].name "blue" is listed twice',
    ],
    [
      { upstreamTimeoutSeconds: 0 },
      'prometheusFederation.upstreamTimeoutSeconds must be a positive number of seconds',
    ],
  ])('rejects %j naming the key', (federation, message) => {
    expect(() => read(federation)).toThrow(message);
  });

  it('accepts and rejects names by the rules of the common package', () => {
    const cluster = (name: string, region: string, sg: string) =>
      read({
        aws: { opsSource: { cidr: '203.0.113.10/32' } },
        clusters: [
          {
            name,
            prometheus: { host: 'h.example.com' },
            aws: { region, nodeSecurityGroupId: sg },
          },
        ],
      })!.clusters[0];
    expect(cluster('blue', 'us-gov-west-1', 'sg-01234567').aws).toMatchObject({
      region: 'us-gov-west-1',
      nodeSecurityGroupId: 'sg-01234567',
    });
    // prometheus-<name> must stay a DNS label: at most 52 characters.
    expect(cluster('a'.repeat(52), 'eu-west-1', 'sg-01234567').name).toBe(
      'a'.repeat(52),
    );
    expect(() => cluster('a'.repeat(53), 'eu-west-1', 'sg-01234567')).toThrow(
      'prometheusFederation.clusters[0].name must be a DNS-1123 label',
    );
    expect(() => cluster('blue', 'eu-west-1', 'sg-0123456789')).toThrow(
      'prometheusFederation.clusters[0].aws.nodeSecurityGroupId must be an sg- id, got "sg-0123456789": use a security group id',
    );
    expect(() => cluster('blue', 'Ireland', 'sg-01234567')).toThrow(
      'prometheusFederation.clusters[0].aws.region must be an AWS region, got "Ireland"',
    );
  });

  it('takes a shared cause threshold of at least two clusters, naming the key otherwise', () => {
    expect(read({ sharedCauseThreshold: 20 })!.sharedCauseThreshold).toBe(20);
    for (const bad of [1, 2.5, -3])
      expect(() => read({ sharedCauseThreshold: bad })).toThrow(
        `prometheusFederation.sharedCauseThreshold must be a whole number of clusters, at least 2, got ${bad}`,
      );
  });

  it("reuses a healthy leaf's probe for 300 s unless told otherwise, 0 for never", () => {
    expect(read({})!.probeReuseSeconds).toBe(300);
    expect(read({ probeReuseSeconds: 0 })!.probeReuseSeconds).toBe(0);
    expect(() => read({ probeReuseSeconds: -1 })).toThrow(
      /prometheusFederation\.probeReuseSeconds.*zero or a positive number, got -1/,
    );
  });

  it('names the key of a value of the wrong type', () => {
    expect(() =>
      read({
        clusters: [
          {
            name: 'blue',
            prometheus: { host: 'h.example.com', port: 'https' },
          },
        ],
      }),
    ).toThrow(/prometheusFederation\.clusters\[0\]\.prometheus\.port/);
  });

  it('reads discovery with its trust settings, and refuses it without allowed hosts', () => {
    const discovery = read({
      discovery: {
        allowedHosts: ['*.example.com'],
        allowedApiServers: ['https://*.eks.amazonaws.com'],
        namespaces: ['infra'],
        serviceAccountTokens: [{ cluster: 'blue', token: 'sa-token' }],
      },
    })!.discovery;
    expect(discovery).toEqual(
      expect.objectContaining({
        allowedHosts: ['*.example.com'],
        allowedApiServers: ['https://*.eks.amazonaws.com'],
        allowedRegions: [],
        namespaces: ['infra'],
        serviceAccountTokens: { blue: 'sa-token' },
        pageSize: 500,
      }),
    );
    expect(read({ discovery: { enabled: false } })!.discovery).toBeUndefined();
    expect(() => read({ discovery: {} })).toThrow(
      'prometheusFederation.discovery.allowedHosts is required with discovery',
    );
    expect(() =>
      read({
        discovery: {
          allowedHosts: ['*.example.com'],
          serviceAccountTokens: [{ cluster: 'Blue', token: 't' }],
        },
      }),
    ).toThrow(
      'prometheusFederation.discovery.serviceAccountTokens[0].cluster must be a cluster name',
    );
  });
});
