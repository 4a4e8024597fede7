/**
 * The served-certificate check alone, at fleet size, without the lab (not run in CI; it binds an
 * ephemeral port only, no port lock needed):
 *
 *   cd plugins/prometheus-federation-backend
 *   npx tsx bench/tlsChecks.bench.ts [leaves=1000] [rounds=8]
 *
 * A leaf server (its own process: an https server with the federate answer, one certificate per
 * leaf name through SNI, as a fleet behind one ingress) and, for each variant, a checking process
 * that reads every leaf once per round (LeafEndpointCollector, 32 at a time as the probe limit):
 * with a full handshake every time, and resuming each leaf's session (tlsSessions.ts). Each
 * round reports the checking process' CPU time and memory (bench/memoryProbe.ts): what the TLS
 * sessions, sockets and contexts cost the process beside its heap.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { LeafEndpointCollector } from '../src/collectors/leafEndpoint';
import { TlsSessions } from '../src/collectors/tlsSessions';
import {
  issueTestLeaf,
  loopbackLookup,
  makeTestCa,
} from '../src/__testUtils__/testCertificates';
import { memoryDetail } from './memoryProbe';

const CONCURRENCY = 32;
const DISTINCT_CERTIFICATES = 20;
const leafName = (i: number) => `prometheus-${i}.fleet.test`;

/** The leaf server: SNI picks one of a few certificates (making 1000 with openssl is slow). */
async function serve(dir: string) {
  makeTestCa(dir);
  const contexts = Array.from({ length: DISTINCT_CERTIFICATES }, (_, i) =>
    tls.createSecureContext(
      issueTestLeaf(dir, `leaf-${i}`, `*.fleet.test`, 30),
    ),
  );
  const server = https.createServer(
    {
      ...issueTestLeaf(dir, 'default', '*.fleet.test', 30),
      SNICallback: (name, done) =>
        done(
          null,
          contexts[Number(/\d+/.exec(name)?.[0] ?? 0) % contexts.length],
        ),
    },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end('up{job="prometheus"} 1\n');
    },
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  process.send!({ port: (server.address() as AddressInfo).port });
}

async function check(argv: string[]) {
  const [caFile, port, leaves, rounds, resume] = argv;
  const endpoint = new LeafEndpointCollector(
    caFile,
    undefined,
    new TlsSessions(resume === 'resume' ? undefined : 0),
  );
  const names = Array.from({ length: Number(leaves) }, (_, i) => leafName(i));
  for (let round = 0; round < Number(rounds); round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    let failed = 0;
    let resumed = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < names.length) {
          const name = names[next++];
          const reading = endpoint.read(
            {
              url: `https://${name}:${port}/federate?match[]=up`,
              serverName: name,
              verify: true,
              from: 'config',
            },
            loopbackLookup,
            new AbortController().signal,
          );
          const [facts, probe] = await Promise.all([
            reading.tls,
            reading.probe,
          ]);
          if (facts.shownAt) resumed++;
          if (probe.status !== 200) failed++;
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    process.send!({
      round: round + 1,
      wallMs: Math.round(performance.now() - started),
      cpuMs: Math.round((used.user + used.system) / 1000),
      resumed,
      failed,
      ...memoryDetail(false),
    });
  }
}

async function main() {
  const [leaves = '1000', rounds = '8'] = process.argv.slice(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-tls-checks-'));
  const child = (args: string[]) =>
    fork(__filename, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  const server = child(['serve', dir]);
  try {
    const port = await new Promise<number>(r =>
      server.once('message', (m: { port: number }) => r(m.port)),
    );
    const results: Record<string, object[]> = {};
    for (const variant of ['full', 'resume']) {
      const checker = child([
        'check',
        path.join(dir, 'ca.pem'),
        String(port),
        leaves,
        rounds,
        variant,
      ]);
      results[variant] = [];
      checker.on('message', m => {
        results[variant].push(m as object);
        console.error(`[${variant}] ${JSON.stringify(m)}`);
      });
      await new Promise(r => checker.once('exit', r));
    }
    console.log(JSON.stringify(results, null, 2));
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') serve(process.argv[3]);
else if (process.argv[2] === 'check')
  check(process.argv.slice(3)).then(() => process.exit(0));
else main();
