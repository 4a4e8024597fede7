/**
 * Where a collection's time goes at one fleet size (not run in CI):
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/collectionSpeed.bench.ts [1000]
 *
 * Starts the lab's fleet, measures the floor, then one cold and BENCH_WARM (10) warm collections
 * (facts and triage, in this process, as bench/footprint.bench.ts does), each played one refresh
 * interval (30 s) after the one before: from the fifth on, healthy leaves' probes fall due again
 * (probeReuseSeconds, 300: each leaf after 150 to 300 s), about a fifth of them per collection,
 * as they do at steady state (slightly more: there, each refresh re-probes 30 s / 225 s of
 * them on average). For each collection:
 * its duration and triage's share, each upstream kind's timing (FactsCollector.lastTiming), the
 * requests per upstream, the TCP connections and TLS handshakes this process opened per fleet
 * port (and how many TLS sessions were resumed), and the CPU seconds of this process, the lab's
 * fleet daemon and its Prometheus over the collection. Prints JSON.
 * BENCH_CPU_PROF=<file>: a V8 CPU profile of this process over the warm collections.
 */
import { ConfigReader } from '@backstage/config';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { FactsCollector } from '../src/collectors/collectFacts';
import { FederationFacts } from '../src/collectors/types';
import { DEFAULT_PROBE_REUSE_SECONDS } from '../src/config/options';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { startBenchFleet } from './benchFleet';
import { triageFederation } from '../src/triage/triageFederation';
import { measureFloor, playedRefreshClock, round } from './fleetMeasures';

const SIZE = Number(process.argv[2] ?? 1000);
const WARM = Number(process.env.BENCH_WARM ?? 10);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);

/** Connections this process opened, by the port they went to. */
const sockets = new Map<
  number,
  { tcp: number; tls: number; resumed: number }
>();
diagnostics.subscribe('net.client.socket', message => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('connect', () => {
    const port = socket.remotePort ?? 0;
    const entry = sockets.get(port) ?? { tcp: 0, tls: 0, resumed: 0 };
    entry.tcp += 1;
    sockets.set(port, entry);
  });
  if ('encrypted' in socket)
    socket.once('secureConnect', () => {
      const entry = sockets.get(socket.remotePort ?? 0)!;
      entry.tls += 1;
      if ((socket as TLSSocket).isSessionReused()) entry.resumed += 1;
    });
});

/** utime + stime of a process, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The children of `pid` (the fleet daemon's Prometheus). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter(p => /^\d+$/.test(p))
    .filter(p => {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        return (
          Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Sources that failed in a collection, counted by their reason without the cluster's name. */
function failures(facts: FederationFacts): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const v = value as { ok?: boolean; reason?: string };
    if (v.ok === false && v.reason) {
      const reason = v.reason.replace(/leaf-\d+/g, 'leaf-N').slice(0, 120);
      counts[reason] = (counts[reason] ?? 0) + 1;
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(facts);
  return counts;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-speed-${SIZE}-`));
  const { fleet, federation } = await startBenchFleet(dir, SIZE, BASE_PORT, {
    probeReuseSeconds: DEFAULT_PROBE_REUSE_SECONDS,
  });
  try {
    const options = readFederationConfig(
      new ConfigReader({ prometheusFederation: federation }),
    )!;
    const state = JSON.parse(
      fs.readFileSync(path.join(dir, 'fleet.json'), 'utf8'),
    ) as { daemonPid: number; ports: Record<string, number> };
    const daemon = state.daemonPid;
    const prometheus = childrenOf(daemon);
    const portName = new Map(
      Object.entries(state.ports).map(([name, port]) => [port, name]),
    );
    const floor = await measureFloor(options);
    const clock = playedRefreshClock();
    const collector = new FactsCollector(options, undefined, clock.now);
    const runs: object[] = [];
    const profiler = new inspector.Session();
    for (let i = 0; i <= WARM; i++) {
      if (i === 1 && process.env.BENCH_CPU_PROF) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      if (i > 0) clock.nextRefresh();
      sockets.clear();
      collector.counter.reset();
      const cpuBefore = process.cpuUsage();
      const labBefore = cpuSeconds(daemon);
      const promBefore = prometheus.map(cpuSeconds);
      const start = performance.now();
      const facts = await collector.collect();
      const collectedMs = performance.now() - start;
      triageFederation(facts, options);
      const totalMs = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      runs.push({
        run: i === 0 ? 'cold' : `warm ${i}`,
        totalMs: round(totalMs),
        collectMs: round(collectedMs),
        triageMs: round(totalMs - collectedMs),
        cpuSeconds: {
          bench: round((cpu.user + cpu.system) / 1e6),
          labDaemon: round(cpuSeconds(daemon) - labBefore),
          prometheus: round(
            prometheus.reduce(
              (sum, pid, k) => sum + cpuSeconds(pid) - promBefore[k],
              0,
            ),
          ),
        },
        kinds: collector.lastTiming?.kinds,
        requests: collector.counter.snapshot(),
        failed: failures(facts),
        connections: Object.fromEntries(
          [...sockets].map(([port, c]) => [portName.get(port) ?? port, c]),
        ),
      });
      console.error(JSON.stringify(runs[runs.length - 1]));
    }
    collector.close();
    if (process.env.BENCH_CPU_PROF) {
      const { profile } = await profiler.post('Profiler.stop');
      fs.writeFileSync(process.env.BENCH_CPU_PROF, JSON.stringify(profile));
    }
    console.log(
      JSON.stringify(
        { clusters: SIZE, loadAvg: os.loadavg()[0], floor, runs },
        null,
        2,
      ),
    );
  } finally {
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main();
