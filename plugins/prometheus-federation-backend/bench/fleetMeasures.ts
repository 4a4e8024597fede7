/**
 * Measurements of bench/fleet.bench.ts: timing, the floor of a refresh, the list route's payload,
 * and autocannon in its own process (so the load does not share the backend's event loop).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { DnsCollector } from '../src/collectors/dns';
import { KubernetesCollector } from '../src/collectors/kubernetes';
import { LeafEndpointCollector } from '../src/collectors/leafEndpoint';
import { planFor, readEndpoint } from '../src/collectors/leafReading';
import { OpsPrometheusCollector } from '../src/collectors/opsPrometheus';
import { SecurityGroupsCollector } from '../src/collectors/securityGroups';
import {
  DEFAULT_REFRESH_INTERVAL_SECONDS,
  FederationOptions,
} from '../src/config/options';

export async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await run();
  return [performance.now() - start, value];
}

export const round = (x: number) => Math.round(x * 10) / 10;

/**
 * A clock for a FactsCollector whose collections are played one refresh interval apart, so that
 * what ages between refreshes (probe reuse, bucket counts) ages as it does in production.
 */
export function playedRefreshClock() {
  let at = Date.now();
  return {
    now: () => at,
    nextRefresh: () => {
      at += DEFAULT_REFRESH_INTERVAL_SECONDS * 1000;
    },
  };
}

export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function medianOf(n: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(run))[0]);
  return median(times);
}

/** Memory after a full collection of garbage (node --expose-gc), in MB. */
export function memoryMb() {
  (global as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    rssMb: Math.round(m.rss / 1048576),
    heapUsedMb: Math.round(m.heapUsed / 1048576),
    // What V8 keeps committed after the GC: RSS follows it, not heapUsed.
    heapTotalMb: Math.round(m.heapTotal / 1048576),
    // Buffers and sockets' native memory: RSS that the heap figure does not show.
    externalMb: Math.round(m.external / 1048576),
  };
}

/**
 * The floor of one refresh: one bare /api/v1/targets call plus the slowest single cluster's own
 * sources, read at once: its two Kubernetes reads (new client), DNS, one handshake and probe, and
 * its node group's rules (one EC2 call). Clusters are sampled evenly across the fleet. The whole
 * region's paginated read, as a refresh makes it, is timed beside it.
 */
export async function measureFloor(options: FederationOptions, sample = 10) {
  const bareTargetsMs = await medianOf(3, async () =>
    (
      await fetch(`${options.opsPrometheus.url}/api/v1/targets?state=active`)
    ).text(),
  );
  const ops = await new OpsPrometheusCollector(options, []).collect();
  const dns = new DnsCollector(options.dnsServers);
  const endpoint = new LeafEndpointCollector(options.tlsCaFile);
  const seconds = options.upstreamTimeoutSeconds;
  const step = Math.max(1, Math.floor(options.clusters.length / sample));
  let slowestClusterMs = 0;
  let slowestCluster = '';
  for (let i = 0; i < options.clusters.length; i += step) {
    const cluster = options.clusters[i];
    const [ms] = await timed(() =>
      Promise.all([
        new KubernetesCollector(options, []).collect(cluster),
        dns.resolve(cluster.host).catch(() => undefined),
        readEndpoint(
          endpoint,
          planFor(cluster, ops),
          dns.lookup(),
          seconds,
          [],
        ),
        new SecurityGroupsCollector(
          { ...options, clusters: [cluster] },
          [],
        ).collect(),
      ]),
    );
    if (ms > slowestClusterMs) {
      slowestClusterMs = ms;
      slowestCluster = cluster.name;
    }
  }
  const [ec2Ms, region] = await timed(() =>
    new SecurityGroupsCollector(options, []).collect(),
  );
  const regional = Object.values(region)[0];
  return {
    bareTargetsMs: round(bareTargetsMs),
    slowestClusterMs: round(slowestClusterMs),
    slowestCluster,
    floorMs: round(bareTargetsMs + slowestClusterMs),
    ec2RegionMs: round(ec2Ms),
    ec2RegionError: regional && !regional.ok ? regional.reason : undefined,
  };
}

/** Bytes on the wire of one GET, with the encoding and headers the server chose. */
export function getBytes(url: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    bytes: Buffer;
    headers: http.IncomingHttpHeaders;
  }>((resolve, reject) => {
    http
      .get(url, { headers }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            bytes: Buffer.concat(chunks),
            headers: res.headers,
          }),
        );
      })
      .on('error', reject);
  });
}

/** The list route's payload: raw, and gzip (as served when the route compresses, else as it would be). */
export async function measurePayload(url: string, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  const raw = await getBytes(url, { ...auth, 'Accept-Encoding': 'identity' });
  const gz = await getBytes(url, { ...auth, 'Accept-Encoding': 'gzip' });
  const servedGzip = gz.headers['content-encoding'] === 'gzip';
  return {
    status: raw.status,
    body: raw.bytes,
    rawBytes: raw.bytes.length,
    gzipBytes: servedGzip ? gz.bytes.length : zlib.gzipSync(raw.bytes).length,
    servedGzip,
    etag: (raw.headers.etag as string | undefined) ?? undefined,
  };
}

const AUTOCANNON = path.resolve(
  __dirname,
  '../../../node_modules/.bin/autocannon',
);

/** autocannon in a child process: latency percentiles and the share of each status. */
export function autocannon(
  url: string,
  headers: Record<string, string>,
  o: { connections: number; seconds: number },
): Promise<{
  p50Ms: number;
  p99Ms: number;
  requests: number;
  rps: number;
  statuses: Record<string, number>;
  errors: number;
}> {
  const args = ['-c', String(o.connections), '-d', String(o.seconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(
      AUTOCANNON,
      args,
      { maxBuffer: 16 * 1024 * 1024, timeout: (o.seconds + 30) * 1000 },
      (error, stdout) => {
        if (error) {
          reject(error);
          return;
        }
        const r = JSON.parse(stdout);
        const statuses: Record<string, number> = {};
        for (const [code, s] of Object.entries<any>(r.statusCodeStats ?? {}))
          statuses[code] = s.count;
        resolve({
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          rps: r.requests.average,
          statuses,
          errors: r.errors + r.timeouts,
        });
      },
    );
  });
}

const PAGE_BENCH = path.resolve(
  __dirname,
  '../../prometheus-federation/bench/pageUsable.ts',
);

/**
 * The status page in Chromium against this list answer, and the empty page, in a child process
 * (the frontend's bench, run with this process' tsx loader).
 */
export function measurePage(body: Buffer, runs: number): Promise<object> {
  const file = path.join(os.tmpdir(), `pf-fleet-list-${process.pid}.json`);
  fs.writeFileSync(file, body);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, PAGE_BENCH, file, String(runs)],
      { maxBuffer: 4 * 1024 * 1024, timeout: 10 * 60_000 },
      (error, stdout, stderr) => {
        fs.rmSync(file, { force: true });
        if (error) reject(new Error(`page bench: ${stderr || error}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** Each size's result in turn, or its error: one size that fails does not lose the others. */
export async function eachSize(
  sizes: number[],
  bench: (size: number) => Promise<object>,
): Promise<any[]> {
  const results: object[] = [];
  for (const size of sizes) {
    try {
      results.push(await bench(size));
    } catch (error) {
      console.error(`[${size}] failed: ${(error as Error).stack}`);
      results.push({ clusters: size, error: String(error) });
    }
  }
  return results;
}

/** A benchmark's results as JSON, with when, the Node version and the machine's cores. */
export function writeResults(out: string, results: object[], extra = {}) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const measured = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    ...extra,
    results,
  };
  fs.writeFileSync(out, `${JSON.stringify(measured, null, 2)}\n`);
  console.error(`wrote ${out}`);
}
