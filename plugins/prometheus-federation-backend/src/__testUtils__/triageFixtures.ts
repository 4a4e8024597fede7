import { ConfigReader } from '@backstage/config';
import {
  ClusterFacts,
  OpsPrometheusFacts,
  PromTarget,
  ScrapeJobConfig,
} from '../collectors/types';
import { readFederationConfig } from '../config/readFederationConfig';
import { TriageContext } from '../triage/context';

export const NOW = Date.parse('2026-11-24T12:00:00Z') / 1000;
export const iso = (secondsFromNow: number) =>
  new Date((NOW + secondsFromNow) * 1000).toISOString();

/** The ops side of the fixtures' set-up: its Prometheus, Grafana and the ops source. */
export const opsSide = {
  opsPrometheus: { url: 'http://ops.example:9090' },
  grafana: { baseUrl: 'https://grafana-ops.example.com' },
  aws: {
    opsSource: {
      securityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
      cidr: '203.0.113.10/32',
    },
  },
};

export const options = readFederationConfig(
  new ConfigReader({
    prometheusFederation: {
      ...opsSide,
      clusters: [
        {
          name: 'blue',
          prometheus: { host: 'prometheus-blue.example.com' },
          kubernetes: { context: 'blue' },
          aws: {
            region: 'eu-west-1',
            nodeSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb',
          },
        },
      ],
    },
  }),
)!;

export function target(overrides: Partial<PromTarget> = {}): PromTarget {
  return {
    job: 'federate-blue',
    instance: 'prometheus-blue.example.com:443',
    scrapePool: 'federate-blue',
    scrapeUrl:
      'https://prometheus-blue.example.com:443/federate?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D',
    labels: {
      job: 'federate-blue',
      instance: 'prometheus-blue.example.com:443',
      source_cluster: 'blue',
    },
    health: 'up',
    lastError: '',
    lastScrape: iso(-10),
    lastScrapeDuration: 0.8,
    scrapeInterval: '30s',
    scrapeTimeout: '10s',
    ...overrides,
  };
}

export function opsFacts(
  overrides: Partial<OpsPrometheusFacts> = {},
): OpsPrometheusFacts {
  return {
    targets: [target()],
    alerts: { ok: true, value: [] },
    rules: { ok: true, value: [] },
    scrapeJobs: {
      ok: true,
      value: [{ jobName: 'federate-blue', insecureSkipVerify: false }],
    },
    scrapeDuration: { 'federate-blue': 0.8 },
    samplesScraped: { 'federate-blue': 1200 },
    seriesAdded: { 'federate-blue': 0 },
    series: {
      ok: true,
      value: {
        blue: {
          httpSeries: 40,
          newestSample: NOW - 20,
          applications: { shop: { series: 40, newestSample: NOW - 20 } },
        },
      },
    },
    replicas: { blue: 1 },
    replicaSamples: { blue: { '': NOW - 20 } },
    lastDownAt: {},
    ...overrides,
  };
}

/** Ops facts where blue's newest http sample is `age` seconds old (the target up). */
export function seriesAged(
  age: number,
  overrides: Partial<OpsPrometheusFacts> = {},
): OpsPrometheusFacts {
  return opsFacts({
    series: {
      ok: true,
      value: {
        blue: { httpSeries: 40, newestSample: NOW - age, applications: {} },
      },
    },
    ...overrides,
  });
}

/** Ops facts whose configuration gives federate-blue these settings. */
export function withFederateJob(
  job: Partial<ScrapeJobConfig>,
  overrides: Partial<OpsPrometheusFacts> = {},
): OpsPrometheusFacts {
  return opsFacts({
    scrapeJobs: {
      ok: true,
      value: [{ jobName: 'federate-blue', insecureSkipVerify: false, ...job }],
    },
    ...overrides,
  });
}

/** A blue cluster where every source answers and everything is fine. */
export function healthyFacts(): ClusterFacts {
  return {
    kubernetes: {
      ingress: {
        ok: true,
        value: {
          found: true,
          hosts: ['prometheus-blue.example.com'],
          tlsSecrets: ['prometheus-blue-tls'],
          tlsHosts: ['prometheus-blue.example.com'],
          loadBalancer: [{ hostname: 'nlb-blue.elb.amazonaws.com' }],
        },
      },
      certificate: {
        ok: true,
        value: {
          found: true,
          dnsNames: ['prometheus-blue.example.com'],
          conditions: [{ type: 'Ready', status: 'True', reason: 'Ready' }],
          notAfter: iso(60 * 86400),
          renewalTime: iso(30 * 86400),
        },
      },
    },
    dns: { ok: true, value: { addresses: ['198.51.100.7'] } },
    tls: {
      ok: true,
      value: {
        certificate: {
          subject: 'prometheus-blue.example.com',
          issuer: 'R11',
          dnsNames: ['prometheus-blue.example.com'],
          validFrom: iso(-30 * 86400),
          validTo: iso(60 * 86400),
          chain: ['prometheus-blue.example.com', 'R11'],
          authorized: true,
          hostnameMatches: true,
        },
      },
    },
    securityGroupRules: {
      ok: true,
      value: [
        {
          ruleId: 'sgr-1',
          groupId: 'sg-0bbbbbbbbbbbbbbbb',
          isEgress: false,
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa',
        },
      ],
    },
    probePlan: {
      url: 'https://prometheus-blue.example.com:443/federate?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D',
      serverName: 'prometheus-blue.example.com',
      verify: true,
      from: 'job',
    },
    probe: {
      ok: true,
      value: {
        status: 200,
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        textFormat: true,
        durationMs: 40,
      },
    },
  };
}

export function context(
  facts: ClusterFacts = healthyFacts(),
  ops = opsFacts(),
): TriageContext {
  return {
    name: 'blue',
    cluster: options.clusters[0],
    options,
    facts,
    ops: { ok: true, value: ops },
    job: 'federate-blue',
    target: ops.targets.find(t => t.job === 'federate-blue'),
    scrapeJob: ops.scrapeJobs.ok
      ? ops.scrapeJobs.value.find(j => j.jobName === 'federate-blue')
      : undefined,
    now: NOW,
  };
}
