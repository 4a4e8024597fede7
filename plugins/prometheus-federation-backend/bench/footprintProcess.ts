/** The forked backend process of the footprint benchmark: start, questions, the list as the page reads it, stop. */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_TOKEN, WITHOUT_PLUGIN } from './benchBackend';
import { getBytes, round } from './fleetMeasures';
import type { ProbeQuery } from './loopProbe';

const AUTH = { Authorization: `Bearer ${BENCH_TOKEN}` };
const SAMPLE_MS = 250;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** BENCH_CPU_PROF=<folder>: each backend process writes a V8 CPU profile there as it exits. */
const CPU_PROF = process.env.BENCH_CPU_PROF;

/**
 * The backend process; with `servicesFile`, on PostgreSQL and Redis (footprintBackend.ts), else
 * on SQLite files and a memory cache.
 */
export function startBackendProcess(
  dir: string,
  port: number,
  federationFile: string,
  servicesFile?: string,
) {
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = fork(
    path.join(__dirname, 'footprintBackend.ts'),
    [
      dir,
      String(port),
      federationFile,
      ...(servicesFile ? [servicesFile] : []),
    ],
    {
      execArgv: ['--import', 'tsx', ...profile],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return { child, startedAt: performance.now() };
}

/**
 * The same backend process without this plugin, in its own folder, once it is ready: Backstage's
 * own share of the memory and of the event-loop delay, measured over the same window.
 */
export async function startBaselineProcess(
  dir: string,
  port: number,
  servicesFile?: string,
) {
  const own = path.join(dir, 'baseline');
  fs.mkdirSync(own, { recursive: true });
  const { child } = startBackendProcess(
    own,
    port,
    WITHOUT_PLUGIN,
    servicesFile,
  );
  const ready = `http://127.0.0.1:${port}/.backstage/health/v1/readiness`;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the baseline backend exited with ${child.exitCode}`);
    const answer = await getBytes(ready, {}).catch(() => undefined);
    if (answer?.status === 200) return child;
    await sleep(100);
  }
}

let asked = 0;

/** One question to the backend process; its answer carries the question's id (tsx talks on the channel too). */
export function ask<T>(child: ChildProcess, query: ProbeQuery): Promise<T> {
  const id = ++asked;
  return new Promise(resolve => {
    const onMessage = (m: { id?: number; answer?: T }) => {
      if (m?.id !== id) return;
      child.off('message', onMessage);
      resolve(m.answer as T);
    };
    child.on('message', onMessage);
    child.send({ ...query, id });
  });
}

/** SIGTERM, then how long the process took to exit (SIGKILL after 30 s, as Kubernetes). */
export async function stopBackendProcess(child: ChildProcess): Promise<number> {
  const start = performance.now();
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killed);
  return round(performance.now() - start);
}

/** The list as the page reads it: a snapshot, the first collection's notice, or a status. */
async function readList(list: string) {
  const answer = await getBytes(list, {
    ...AUTH,
    'Accept-Encoding': 'identity',
  });
  if (answer.status !== 200) return { kind: `status ${answer.status}` };
  const overview = JSON.parse(answer.bytes.toString('utf8'));
  return overview.collecting
    ? { kind: 'collecting', dueInSeconds: overview.collecting.dueInSeconds }
    : { kind: 'snapshot', clusters: overview.clusters.length as number };
}

/**
 * From the fork until the list route answers 200 (polled every 50 ms), and from the server's
 * first HTTP answer of any kind (a 404 while plugins still start): the route's own delay.
 */
export async function firstAnswer(list: string, startedAt: number) {
  let listeningAt: number | undefined;
  for (;;) {
    const answer = await readList(list).catch(() => undefined);
    if (answer) listeningAt ??= performance.now();
    if (answer && !answer.kind.startsWith('status')) {
      const now = performance.now();
      return {
        ...answer,
        afterStartMs: round(now - startedAt),
        afterListeningMs: round(now - listeningAt!),
      };
    }
    await sleep(50);
  }
}

export async function untilSnapshot(list: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const answer = await readList(list).catch(() => undefined);
    if (answer?.kind === 'snapshot') return performance.now();
    await sleep(SAMPLE_MS);
  }
  throw new Error(`no snapshot within ${timeoutMs / 1000} s`);
}
