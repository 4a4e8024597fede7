import { leafHostLabel } from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import path from 'node:path';
import type { LabPorts, ResolvedLabOptions } from './options';

/** Every fault the lab can apply to one leaf; the README's fault table says what each changes. */
export const LAB_FAULTS = [
  'leaf-down',
  'slow-federate',
  'sample-limit',
  'body-size-limit',
  'wrong-path',
  'plain-http',
  'certificate-expired',
  'certificate-wrong-host',
  'certificate-not-ready',
  'security-group-rule-removed',
  'ingress-missing',
  'ingress-no-address',
  'dns-missing',
  'dns-wrong-address',
  'replicas-doubled',
  'apps-no-http-metrics',
  'honor-labels-missing',
  'app-target-down',
  'selector-selects-nothing',
  'scrape-metrics-path',
  'login-redirect',
] as const;

export type LabFault = (typeof LAB_FAULTS)[number];

export interface ActiveFault {
  fault: LabFault;
  cluster: string;
  since: string;
}

/** What the daemon writes to `<dir>/state.json`; other processes read it to find and drive the lab. */
export interface LabState {
  phase: 'starting' | 'ready' | 'failed' | 'stopped';
  error?: string;
  daemonPid: number;
  options: ResolvedLabOptions;
  ports: LabPorts;
  faults: ActiveFault[];
  startedAt: string;
  readyAt?: string;
}

/** Every file of a lab lives under one folder. */
export function labPaths(dir: string) {
  const p = (...parts: string[]) => path.join(dir, ...parts);
  return {
    dir,
    state: p('state.json'),
    log: p('daemon.log'),
    pids: p('pids'),
    pidFile: (name: string) => p('pids', `${name}.pid`),
    tls: p('tls'),
    caCert: p('tls', 'ca.crt'),
    caKey: p('tls', 'ca.key'),
    leafCert: (c: string) => p('tls', `${leafHostLabel(c)}.crt`),
    leafKey: (c: string) => p('tls', `${leafHostLabel(c)}.key`),
    apiCert: p('tls', 'kubernetes-api.crt'),
    apiKey: p('tls', 'kubernetes-api.key'),
    secrets: p('secrets.json'),
    awsEnv: p('aws.env'),
    kubeconfig: p('kubeconfig.yaml'),
    appConfig: p('app-config.lab.yaml'),
    prometheus: p('prometheus'),
    opsConfig: p('prometheus', 'ops.yml'),
    opsRules: p('prometheus', 'federation-rules.yml'),
    leafConfig: (c: string) => p('prometheus', `leaf-${c}.yml`),
    leafWebConfig: (c: string) => p('prometheus', `leaf-${c}-web.yml`),
    data: (name: string) => p('data', name),
  };
}

export type LabPaths = ReturnType<typeof labPaths>;

export function readState(dir: string): LabState | undefined {
  try {
    return JSON.parse(fs.readFileSync(labPaths(dir).state, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

/** Written through a temporary file so readers never see half a document. */
export function writeState(dir: string, state: LabState): void {
  const file = labPaths(dir).state;
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writePid(dir: string, name: string, pid: number): void {
  const paths = labPaths(dir);
  fs.mkdirSync(paths.pids, { recursive: true });
  fs.writeFileSync(paths.pidFile(name), `${pid}\n`);
}

export function removePid(dir: string, name: string): void {
  fs.rmSync(labPaths(dir).pidFile(name), { force: true });
}

export function readPids(dir: string): Record<string, number> {
  const folder = labPaths(dir).pids;
  if (!fs.existsSync(folder)) return {};
  const pids: Record<string, number> = {};
  for (const f of fs.readdirSync(folder)) {
    if (!f.endsWith('.pid')) continue;
    const pid = Number(fs.readFileSync(path.join(folder, f), 'utf8').trim());
    if (pid > 0) pids[f.slice(0, -4)] = pid;
  }
  return pids;
}
