/**
 * Times each source of one refresh on its own against a running lab, to find the slowest.
 *   npx tsx bench/sources.bench.ts <lab dir> [watch rounds]
 */
import { attachLab } from '@promfed/federation-lab';
import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { OpsPrometheusCollector } from '../src/collectors/opsPrometheus';
import { KubernetesCollector } from '../src/collectors/kubernetes';
import { SecurityGroupsCollector } from '../src/collectors/securityGroups';
import { DnsCollector } from '../src/collectors/dns';
import { LeafEndpointCollector } from '../src/collectors/leafEndpoint';
import { probePlan } from '../src/collectors/probePlan';
import { FactsCollector } from '../src/collectors/collectFacts';
import { triageFederation } from '../src/triage/triageFederation';

async function time(name: string, run: () => Promise<unknown>) {
  const start = performance.now();
  const value = await run();
  console.log(
    `${name.padEnd(22)} ${(performance.now() - start).toFixed(1)} ms`,
  );
  return value;
}

async function main() {
  const lab = attachLab(process.argv[2]);
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  const options = readFederationConfig(
    new ConfigReader(lab.backendConfig as any),
  )!;
  const cluster = options.clusters[0];
  const signal = new AbortController().signal;
  for (let round = 0; round < 2; round++) {
    console.log(`round ${round}`);
    await time('ops Prometheus', () =>
      new OpsPrometheusCollector(options, []).collect(),
    );
    const k8s = new KubernetesCollector(options, []);
    await time('kubernetes (1 cluster)', () => k8s.collect(cluster));
    await time('kubernetes again', () => k8s.collect(cluster));
    await time('EC2', () => new SecurityGroupsCollector(options, []).collect());
    const dns = new DnsCollector(options.dnsServers);
    await time('dns', () => dns.resolve(cluster.host));
    const endpoint = new LeafEndpointCollector(options.tlsCaFile);
    await time(
      'tls + probe',
      () => endpoint.read(probePlan(cluster), dns.lookup(), signal).probe,
    );
    // Each source for every cluster at once: which one makes a refresh slow.
    const all = (run: (c: typeof cluster) => Promise<unknown>) =>
      Promise.all(options.clusters.map(run));
    await time('kubernetes, all', () => all(c => k8s.collect(c)));
    await time('kubernetes, all again', () => all(c => k8s.collect(c)));
    await time('dns, all', () => all(c => dns.resolve(c.host)));
    await time('tls + probe, all', () =>
      all(c => endpoint.read(probePlan(c), dns.lookup(), signal).probe),
    );
    const collector = new FactsCollector(options);
    const facts: any = await time('all facts', () => collector.collect());
    await time('all facts again', () => collector.collect());
    const snapshot = triageFederation(facts, options);
    for (const c of snapshot.clusters)
      console.log(
        c.name,
        c.state,
        c.headline?.check ?? '',
        c.headline?.summary ?? '',
      );
  }
  // Then watch: every 2 s, name each cluster that is not healthy and every check that did not pass.
  const collector = new FactsCollector(options);
  for (let round = 0; round < Number(process.argv[3] ?? 0); round++) {
    const snapshot = triageFederation(await collector.collect(), options);
    const at = new Date().toISOString().slice(11, 19);
    for (const c of snapshot.clusters.filter(x => x.state !== 'healthy')) {
      const checks = c.checks
        .filter(k => k.result !== 'pass')
        .map(k => `${k.id}=${k.result}: ${k.summary}`);
      console.log(`${at} ${c.name} ${c.state} | ${checks.join(' | ')}`);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  process.exit(0);
}
main();
