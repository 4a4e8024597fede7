/**
 * Benchmark of the list route against the federation lab (not run in CI).
 *
 *   cd plugins/prometheus-federation-backend && npx tsx bench/listRoute.bench.ts [3 20 50]
 *
 * For each cluster count: starts the lab, starts a real backend (backend-defaults) with the plugin,
 * measures GET /clusters cold (first read, no snapshot) and warm (median of N), POST /refresh
 * (a forced collection, the cold path again) beside one bare ops /api/v1/targets call and the other
 * upstreams in the same run, and counts upstream requests per refresh with the collectors' counters.
 * Writes /work/main/artifacts/bench/backend.json (or BENCH_OUT).
 */
import { createBackend } from '@backstage/backend-defaults';
import { startLab, Lab } from '@promfed/federation-lab';
import { ConfigReader } from '@backstage/config';
import {
  INGRESS_NAME,
  MONITORING_NAMESPACE,
} from '@promfed/plugin-prometheus-federation-common';
import { NetworkingV1Api } from '@kubernetes/client-node';
import {
  DescribeSecurityGroupRulesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FactsCollector } from '../src/collectors/collectFacts';
import { DnsCollector } from '../src/collectors/dns';
import { kubeConfigFor, loadKubeconfig } from '../src/collectors/kubeConfig';
import { LeafEndpointCollector } from '../src/collectors/leafEndpoint';
import { probePlan } from '../src/collectors/probePlan';
import { RequestCounter } from '../src/collectors/requestCounter';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { eachSize, writeResults } from './fleetMeasures';
import { BENCH_TOKEN, startBenchBackend } from './benchBackend';
import { benchFederation } from './benchFleet';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const N = Number(process.env.BENCH_N ?? 9);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 24000);
const BACKEND_PORT = BASE_PORT - 7;
const TOKEN = BENCH_TOKEN;
const OUT =
  process.env.BENCH_OUT ??
  path.resolve(__dirname, '../../../artifacts/bench/backend.json');

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await run();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}
async function medianOf(n: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(run))[0]);
  return median(times);
}
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Waits until every federate target is up, then until every cluster's http series have arrived:
 * a target is up after its first scrape, which can come before the leaf's own first scrape of its
 * apps, and until the next federate scrape the cluster is rightly "degraded: no http series".
 * Returns how long the series lagged behind the targets.
 */
async function waitForScrapes(lab: Lab, clusters: number): Promise<number> {
  const deadline = Date.now() + 180_000;
  let upAt: number | undefined;
  while (Date.now() < deadline) {
    const body: any = await (
      await fetch(`${lab.opsPrometheusUrl}/api/v1/targets?state=active`)
    ).json();
    const up = body.data.activeTargets.filter(
      (t: any) => t.labels.job.startsWith('federate-') && t.health === 'up',
    );
    if (up.length >= clusters) {
      upAt ??= Date.now();
      const query = encodeURIComponent(
        'count by (source_cluster) ({__name__=~"http_request.*|http_requests_total"})',
      );
      const series: any = await (
        await fetch(`${lab.opsPrometheusUrl}/api/v1/query?query=${query}`)
      ).json();
      if (series.data.result.length >= clusters) return Date.now() - upAt;
    }
    await sleep(upAt ? 500 : 2000);
  }
  throw new Error(
    `not all ${clusters} federate targets came up with http series within 180s`,
  );
}

async function benchSize(size: number) {
  const names = Array.from(
    { length: size },
    (_, i) => `c${String(i + 1).padStart(2, '0')}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-bench-${size}-`));
  console.error(`[${size}] starting the lab in ${dir}`);
  const lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: names,
    scrapeIntervalSeconds: 10,
  });
  const federation = benchFederation(lab);
  let backend: ReturnType<typeof createBackend> | undefined;
  try {
    const seriesLagMs = await waitForScrapes(lab, size);
    backend = await startBenchBackend({
      dir,
      port: BACKEND_PORT,
      federation,
    });
    const api = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation`;
    const get = async (method = 'GET', p = '/clusters') => {
      const res = await fetch(`${api}${p}`, {
        method,
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      if (res.status !== 200)
        throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };

    const [coldFirst, first] = await timed(() => get());
    // What is not healthy right after the lab came up, and why (every check that did not pass).
    const notHealthy = [];
    for (const c of first.clusters.filter((x: any) => x.state !== 'healthy')) {
      const detail = await get('GET', `/clusters/${c.name}`);
      notHealthy.push({
        name: c.name,
        state: c.state,
        checks: detail.cluster.checks
          .filter((k: any) => k.result !== 'pass')
          .map((k: any) => `${k.id}=${k.result}: ${k.summary}`),
      });
    }
    const warm = await medianOf(N * 3, () => get());
    const refreshCold = await medianOf(N, () => get('POST', '/refresh'));

    // Bare single upstream calls, in the same run, each as the backend makes it in a refresh.
    const bareTargets = await medianOf(N, async () =>
      (
        await fetch(`${lab.opsPrometheusUrl}/api/v1/targets?state=active`)
      ).text(),
    );
    const options = readFederationConfig(
      new ConfigReader({ prometheusFederation: federation }),
    )!;
    const cluster = options.clusters[0];
    // One TLS handshake + GET /federate?match[]=up: a fresh connection every refresh, by design.
    const endpoint = new LeafEndpointCollector(options.tlsCaFile);
    const lookup = new DnsCollector(options.dnsServers).lookup();
    const tlsProbe = await medianOf(
      N,
      () =>
        endpoint.read(probePlan(cluster), lookup, new AbortController().signal)
          .probe,
    );
    // Every leaf's handshake + probe at once: the work a refresh cannot avoid (the floor).
    const allTlsProbe = await medianOf(3, () =>
      Promise.all(
        options.clusters.map(
          c =>
            endpoint.read(probePlan(c), lookup, new AbortController().signal)
              .probe,
        ),
      ),
    );
    // One Kubernetes GET over the leaf's kept-alive connection (the first one pays the handshake).
    const networking = kubeConfigFor(
      cluster,
      loadKubeconfig(options.kubeconfig),
      { keepAliveMs: 60_000, timeoutMs: 10_000 },
    ).makeApiClient(NetworkingV1Api);
    const readIngress = () =>
      networking.readNamespacedIngress({
        name: INGRESS_NAME,
        namespace: MONITORING_NAMESPACE,
      });
    const [kubeFirst] = await timed(readIngress);
    const kube = await medianOf(N, readIngress);
    const ec2 = new EC2Client({
      region: cluster.aws!.region,
      endpoint: federation.aws.endpoint,
    });
    const aws = await medianOf(N, () =>
      ec2.send(
        new DescribeSecurityGroupRulesCommand({
          Filters: [
            {
              Name: 'group-id',
              Values: federation.clusters.map(
                (c: any) => c.aws.nodeSecurityGroupId,
              ),
            },
          ],
        }),
      ),
    );

    // Upstream requests per refresh, counted by the collectors themselves.
    const counter = new RequestCounter();
    const collector = new FactsCollector(options, counter);
    const [collectMs] = await timed(() => collector.collect());
    const requests = counter.snapshot();
    const after = await get('POST', '/refresh');

    // The slowest single non-Prometheus call of this run.
    const slowestOther = Math.max(tlsProbe, kube, aws);
    const result = {
      clusters: size,
      listedClusters: first.clusters.length,
      states: first.counts,
      coldFirstMs: Math.round(coldFirst),
      coldRefreshMedianMs: Math.round(refreshCold),
      warmMedianMs: Number(warm.toFixed(2)),
      bareTargetsMs: Number(bareTargets.toFixed(2)),
      bareTlsProbeMs: Number(tlsProbe.toFixed(2)),
      bareAllTlsProbesMs: Number(allTlsProbe.toFixed(2)),
      bareKubernetesIngressMs: Number(kube.toFixed(2)),
      bareKubernetesFirstMs: Number(kubeFirst.toFixed(2)),
      bareEc2Ms: Number(aws.toFixed(2)),
      slowestOtherMs: Number(slowestOther.toFixed(2)),
      collectorOnlyMs: Math.round(collectMs),
      // Aim: at most 2 (cold within 2x of the bare targets call plus the slowest other upstream).
      coldRatio: Number(
        (refreshCold / (bareTargets + slowestOther)).toFixed(2),
      ),
      coldFirstRatio: Number(
        (coldFirst / (bareTargets + slowestOther)).toFixed(2),
      ),
      // Against the floor: the targets call plus every leaf's handshake and probe at once.
      coldVsFloor: Number(
        (refreshCold / (bareTargets + allTlsProbe)).toFixed(2),
      ),
      coldVsTargets: Number((refreshCold / bareTargets).toFixed(1)),
      requestsPerRefresh: requests,
      seriesLagAfterTargetsUpMs: seriesLagMs,
      notHealthyAtStart: notHealthy,
      statesAfterBench: after.counts,
    };
    console.error(`[${size}] ${JSON.stringify(result)}`);
    return result;
  } finally {
    await backend?.stop().catch(() => undefined);
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results = await eachSize(SIZES.length ? SIZES : [3, 20, 50], benchSize);
  console.table(
    results.map((r: any) => ({
      clusters: r.clusters,
      'cold first (ms)': r.coldFirstMs,
      'cold refresh (ms)': r.coldRefreshMedianMs,
      'warm (ms)': r.warmMedianMs,
      'bare targets (ms)': r.bareTargetsMs,
      'slowest other (ms)': r.slowestOtherMs,
      'cold/(targets+slowest)': r.coldRatio,
      'all handshakes (ms)': r.bareAllTlsProbesMs,
      'cold/floor': r.coldVsFloor,
      'prom req': r.requestsPerRefresh?.opsPrometheus,
      'aws req': r.requestsPerRefresh?.['aws:eu-west-1'],
      error: r.error,
    })),
  );
  writeResults(OUT, results);
  process.exit(0);
}

main();
