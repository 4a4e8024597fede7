/**
 * Times each source of one refresh on its own against a running lab, to find the slowest.
 *   npx tsx bench/sources.bench.ts <lab dir>
 */
import { attachLab } from '@internal/federation-lab';
import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { OpsPrometheusCollector } from '../src/collectors/opsPrometheus';
import { KubernetesCollector } from '../src/collectors/kubernetes';
import { SecurityGroupsCollector } from '../src/collectors/securityGroups';
import { DnsCollector } from '../src/collectors/dns';
import { TlsCollector } from '../src/collectors/tls';
import { FederateProbe } from '../src/collectors/federateProbe';
import { FactsCollector } from '../src/collectors/collectFacts';
import { triageFederation } from '../src/triage/triageFederation';

async function time(name: string, run: () => Promise<unknown>) {
  const start = performance.now();
  const value = await run();
  console.log(`${name.padEnd(22)} ${(performance.now() - start).toFixed(1)} ms`);
  return value;
}

async function main() {
  const lab = attachLab(process.argv[2]);
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  const options = readFederationConfig(new ConfigReader(lab.backendConfig as any))!;
  const cluster = options.clusters[0];
  const signal = new AbortController().signal;
  for (let round = 0; round < 2; round++) {
    console.log(`round ${round}`);
    await time('ops Prometheus', () => new OpsPrometheusCollector(options, []).collect());
    const k8s = new KubernetesCollector(options, []);
    await time('kubernetes (1 cluster)', () => k8s.collect(cluster));
    await time('kubernetes again', () => k8s.collect(cluster));
    await time('EC2', () => new SecurityGroupsCollector(options, []).collect());
    const dns = new DnsCollector(options.dnsServers);
    await time('dns', () => dns.resolve(cluster.host));
    await time('tls', () => new TlsCollector(options.tlsCaFile).handshake(cluster.host, cluster.port, dns.lookup(), signal));
    await time('probe', () => new FederateProbe(options.tlsCaFile).probe(cluster.host, cluster.port, dns.lookup(), signal));
    const collector = new FactsCollector(options);
    const facts: any = await time('all facts', () => collector.collect());
    await time('all facts again', () => collector.collect());
    const snapshot = triageFederation(facts, options);
    for (const c of snapshot.clusters) console.log(c.name, c.state, c.headline?.check, c.headline?.summary);
  }
  process.exit(0);
}
main();
