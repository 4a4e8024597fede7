import { ConfigReader } from '@backstage/config';
import { FederationFacts, OpsPrometheusFacts } from '../collectors/types';
import { FederationOptions } from '../config/options';
import { readFederationConfig } from '../config/readFederationConfig';
import { healthyFacts, NOW, opsFacts, opsSide, target } from './triageFixtures';

/** The triage fixtures' blue cluster, renamed: its host, job, group and labels follow the name. */
function renamed<T>(value: T, name: string): T {
  return JSON.parse(JSON.stringify(value).split('blue').join(name));
}

const nameOf = (i: number) => `c${String(i).padStart(4, '0')}`;

/**
 * A fleet shaped like the lab's: `size` clusters, mostly healthy; every tenth has lost its
 * security group rule for the ops source, so those share a cause.
 */
export function fleet(size: number): {
  options: FederationOptions;
  facts: FederationFacts;
} {
  const names = Array.from({ length: size }, (_, i) => nameOf(i));
  const options = readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        ...opsSide,
        clusters: names.map((name, i) => ({
          name,
          prometheus: { host: `prometheus-${name}.example.com` },
          kubernetes: { context: name },
          aws: {
            region: 'eu-west-1',
            nodeSecurityGroupId: `sg-0${String(i).padStart(16, 'b')}`,
          },
        })),
      },
    }),
  )!;
  const one = opsFacts();
  const ops: OpsPrometheusFacts = {
    ...one,
    targets: names.map(name => renamed(target(), name)),
    scrapeJobs: {
      ok: true,
      value: names.map(name => ({
        jobName: `federate-${name}`,
        insecureSkipVerify: false,
      })),
    },
    scrapeDuration: {},
    samplesScraped: {},
    seriesAdded: {},
    series: { ok: true, value: {} },
    replicas: {},
    replicaSamples: {},
  };
  const clusters: FederationFacts['clusters'] = {};
  names.forEach((name, i) => {
    const job = `federate-${name}`;
    ops.scrapeDuration[job] = 0.8;
    ops.samplesScraped[job] = 1200;
    ops.seriesAdded[job] = 0;
    if (ops.series.ok)
      ops.series.value[name] = {
        httpSeries: 40,
        newestSample: NOW - 20,
        applications: { shop: { series: 40, newestSample: NOW - 20 } },
      };
    ops.replicas[name] = 1;
    ops.replicaSamples![name] = { '': NOW - 20 };
    const group = options.clusters[i].aws!.nodeSecurityGroupId!;
    const facts = renamed(healthyFacts(), name);
    facts.securityGroupRules =
      i % 10 === 0
        ? { ok: true, value: [] }
        : renamed(healthyFacts().securityGroupRules, name);
    if (facts.securityGroupRules?.ok)
      for (const rule of facts.securityGroupRules.value) rule.groupId = group;
    clusters[name] = facts;
  });
  return {
    options,
    facts: { collectedAt: NOW, ops: { ok: true, value: ops }, clusters },
  };
}
