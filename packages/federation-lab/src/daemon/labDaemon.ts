import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Server as NetServer } from 'node:net';
import type { Socket } from 'node:dgram';
import { AppServer, startAppServer } from '../apps/appServer';
import { readValidity } from '../certificates/openssl';
import { startDnsServer } from '../dns/server';
import { startEc2Server } from '../ec2/server';
import { Ec2World, federationRuleId, seedEc2World } from '../ec2/world';
import { startKubernetesApi, ClusterObjects } from '../kubernetes/apiServer';
import {
  CertificateCondition,
  certificateObject,
  ingressObject,
} from '../kubernetes/objects';
import { TcpLoadBalancer } from '../loadBalancer/tcpLoadBalancer';
import {
  LAB_APPS,
  LabPorts,
  ResolvedLabOptions,
  labPorts,
  prometheusHost,
  scrapeTimeoutSeconds,
} from '../options';
import { issueLeafCertificate, writeOpsConfig } from '../prepare';
import { findPrometheusBinaries, promtoolCheck } from '../prometheus/binaries';
import type { FederateJobOverrides } from '../prometheus/configs';
import { LabSecrets, loadOrCreateSecrets } from '../secrets';
import {
  ActiveFault,
  LabFault,
  LabPaths,
  LabState,
  labPaths,
  writeState,
} from '../state';
import { PrometheusProcess } from './prometheusProcess';

/** A sample limit far below what a leaf federates (hundreds of series). */
const FAULT_SAMPLE_LIMIT = 10;
const FAULT_WRONG_PATH = '/prometheus/federate';

/** The running lab: every server of the world, and the faults applied to it. */
export class LabDaemon {
  private readonly paths: LabPaths;
  private readonly ports: LabPorts;
  private readonly secrets: LabSecrets;
  private readonly bins = findPrometheusBinaries();
  private readonly faults: ActiveFault[] = [];
  private readonly leaves = new Map<string, PrometheusProcess>();
  private readonly balancers = new Map<string, TcpLoadBalancer>();
  private ops?: PrometheusProcess;
  private readonly servers: Array<NetServer | http.Server> = [];
  private dns?: Socket;
  private readonly apps: AppServer[] = [];
  private readonly seededWorld: Ec2World;
  private resourceVersion = 1000;
  private readonly certRevision = new Map<string, number>();
  private state: LabState;

  constructor(private readonly options: ResolvedLabOptions) {
    this.paths = labPaths(options.dir);
    this.ports = labPorts(options);
    this.secrets = loadOrCreateSecrets(options.dir);
    this.seededWorld = seedEc2World(options.clusters);
    this.state = {
      phase: 'starting',
      daemonPid: process.pid,
      options,
      ports: this.ports,
      faults: [],
      startedAt: new Date().toISOString(),
    };
    writeState(options.dir, this.state);
  }

  private has(fault: LabFault, cluster: string): boolean {
    return this.faults.some(f => f.fault === fault && f.cluster === cluster);
  }

  // ---- the live world the endpoints answer from ----

  ec2World(): Ec2World {
    const removed = new Set(
      this.faults
        .filter(f => f.fault === 'security-group-rule-removed')
        .map(f => federationRuleId(f.cluster)),
    );
    return {
      groups: this.seededWorld.groups,
      rules: this.seededWorld.rules.filter(
        r => !removed.has(r.securityGroupRuleId),
      ),
    };
  }

  dnsRecords(): Map<string, string> {
    const records = new Map<string, string>();
    for (const c of this.options.clusters) {
      records.set(`${c}-nlb.elb.${this.options.domain}`, '127.0.0.1');
      if (!this.has('dns-missing', c))
        records.set(prometheusHost(c, this.options.domain), '127.0.0.1');
    }
    return records;
  }

  clusterObjects(cluster: string): ClusterObjects {
    const rv = String(this.resourceVersion);
    if (cluster === 'ops')
      return { ingresses: [], certificates: [], resourceVersion: rv };
    const host = prometheusHost(cluster, this.options.domain);
    const createdAt = new Date(this.secrets.createdAt);
    const validity = readValidity(this.paths.leafCert(cluster));
    let condition: CertificateCondition = 'ready';
    if (this.has('certificate-expired', cluster)) condition = 'expired';
    else if (this.has('certificate-not-ready', cluster))
      condition = 'renewal-failing';
    const ingress = ingressObject({
      cluster,
      host,
      loadBalancerHostname: `${cluster}-nlb.elb.${this.options.domain}`,
      createdAt,
      resourceVersion: rv,
    });
    const certificate = certificateObject({
      cluster,
      host,
      createdAt,
      resourceVersion: rv,
      notBefore: validity.notBefore,
      notAfter: validity.notAfter,
      revision: this.certRevision.get(cluster) ?? 1,
      condition,
      now: new Date(),
    });
    return {
      ingresses: this.has('ingress-missing', cluster) ? [] : [ingress],
      certificates: [certificate],
      resourceVersion: rv,
    };
  }

  // ---- lifecycle ----

  async start(): Promise<void> {
    const o = this.options;
    const p = this.ports;
    this.dns = await startDnsServer({
      port: p.dns,
      records: () => this.dnsRecords(),
    });
    this.servers.push(
      await startEc2Server({
        port: p.ec2,
        credentials: {
          accessKeyId: this.secrets.awsAccessKeyId,
          secretAccessKey: this.secrets.awsSecretAccessKey,
        },
        world: () => this.ec2World(),
      }),
    );
    const cert = fs.readFileSync(this.paths.apiCert, 'utf8');
    const key = fs.readFileSync(this.paths.apiKey, 'utf8');
    const apiPorts: Record<string, number> = { ops: p.opsKubernetes };
    for (const c of o.clusters) apiPorts[c] = p.clusters[c].kubernetes;
    for (const [cluster, port] of Object.entries(apiPorts)) {
      this.servers.push(
        await startKubernetesApi({
          port,
          cert,
          key,
          token: this.secrets.kubernetesToken,
          objects: () => this.clusterObjects(cluster),
        }),
      );
    }
    for (const c of o.clusters) {
      for (const app of LAB_APPS) {
        this.apps.push(
          await startAppServer({
            name: app,
            cluster: c,
            port: p.clusters[c].apps[app],
          }),
        );
      }
    }

    for (const c of o.clusters) {
      this.leaves.set(
        c,
        new PrometheusProcess({
          name: c,
          binary: this.bins.prometheus,
          dir: o.dir,
          port: p.clusters[c].prometheus,
          https: true,
          args: [
            `--config.file=${this.paths.leafConfig(c)}`,
            `--web.config.file=${this.paths.leafWebConfig(c)}`,
            `--web.listen-address=127.0.0.1:${p.clusters[c].prometheus}`,
            `--storage.tsdb.path=${this.paths.data(`leaf-${c}`)}`,
            '--storage.tsdb.retention.time=2h',
            '--web.enable-lifecycle',
            '--log.level=warn',
          ],
        }),
      );
      this.balancers.set(
        c,
        new TcpLoadBalancer(p.clusters[c].ingress, p.clusters[c].prometheus),
      );
    }
    this.ops = new PrometheusProcess({
      name: 'ops',
      binary: this.bins.prometheus,
      dir: o.dir,
      port: p.opsPrometheus,
      args: [
        `--config.file=${this.paths.opsConfig}`,
        `--web.listen-address=127.0.0.1:${p.opsPrometheus}`,
        `--storage.tsdb.path=${this.paths.data('ops')}`,
        '--storage.tsdb.retention.time=1d',
        '--web.enable-lifecycle',
        '--enable-feature=extra-scrape-metrics',
        '--log.level=warn',
      ],
    });
    // Leaves first (in parallel), then their load balancers, then ops, so the first federate works.
    await Promise.all([...this.leaves.values()].map(l => l.start()));
    for (const lb of this.balancers.values()) await lb.start();
    await this.ops.start();
    this.servers.push(await this.startControl());
    await this.waitForTargetsUp(30_000 + 1000 * o.clusters.length);
    this.state = {
      ...this.state,
      phase: 'ready',
      readyAt: new Date().toISOString(),
    };
    writeState(o.dir, this.state);
  }

  async stop(): Promise<void> {
    for (const lb of this.balancers.values()) await lb.stop();
    await Promise.all([this.ops, ...this.leaves.values()].map(p => p?.stop()));
    await Promise.all(this.apps.map(a => a.close()));
    for (const s of this.servers) {
      if ('closeAllConnections' in s) s.closeAllConnections();
      s.close();
    }
    this.dns?.close();
    this.state = { ...this.state, phase: 'stopped' };
    writeState(this.options.dir, this.state);
  }

  private async waitForTargetsUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(
          `http://127.0.0.1:${this.ports.opsPrometheus}/api/v1/targets?state=active`,
        );
        const body = (await res.json()) as {
          data: {
            activeTargets: Array<{
              scrapePool: string;
              health: string;
              lastError: string;
            }>;
          };
        };
        const federate = body.data.activeTargets.filter(t =>
          t.scrapePool.startsWith('federate-'),
        );
        if (
          federate.length === this.options.clusters.length &&
          federate.every(t => t.health === 'up')
        )
          return;
        last = federate
          .map(
            t =>
              `${t.scrapePool}=${t.health}${
                t.lastError ? ` (${t.lastError})` : ''
              }`,
          )
          .join(', ');
      } catch (e) {
        last = String(e);
      }
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(
      `ops federate targets not up after ${timeoutMs / 1000}s: ${last}`,
    );
  }

  // ---- faults ----

  async fault(fault: LabFault, cluster: string): Promise<void> {
    this.checkCluster(cluster);
    if (this.has(fault, cluster)) return;
    this.faults.push({ fault, cluster, since: new Date().toISOString() });
    try {
      await this.applyFault(fault, cluster, true);
    } catch (e) {
      this.faults.splice(
        this.faults.findIndex(f => f.fault === fault && f.cluster === cluster),
        1,
      );
      throw e;
    }
    this.persistFaults();
  }

  async revert(fault: LabFault, cluster: string): Promise<void> {
    this.checkCluster(cluster);
    const i = this.faults.findIndex(
      f => f.fault === fault && f.cluster === cluster,
    );
    if (i === -1) return;
    this.faults.splice(i, 1);
    await this.applyFault(fault, cluster, false);
    this.persistFaults();
  }

  private checkCluster(cluster: string): void {
    if (!this.options.clusters.includes(cluster)) {
      throw new Error(
        `cluster: "${cluster}" is not a leaf of this lab; use one of ${this.options.clusters.join(
          ', ',
        )}`,
      );
    }
  }

  private persistFaults(): void {
    this.resourceVersion++;
    this.state = { ...this.state, faults: [...this.faults] };
    writeState(this.options.dir, this.state);
  }

  private async applyFault(
    fault: LabFault,
    cluster: string,
    on: boolean,
  ): Promise<void> {
    const lb = this.balancers.get(cluster)!;
    switch (fault) {
      case 'leaf-down':
        if (on) {
          await lb.stop();
          await this.leaves.get(cluster)!.stop();
        } else {
          await this.leaves.get(cluster)!.start();
          await lb.start();
        }
        return;
      case 'slow-federate':
        // Hold the leaf's bytes back past the scrape timeout, like an overloaded load balancer.
        lb.setDelay(
          on
            ? (scrapeTimeoutSeconds(this.options.scrapeIntervalSeconds) + 2) *
                1000
            : 0,
        );
        return;
      case 'sample-limit':
      case 'wrong-path':
        await this.reloadOpsConfig();
        return;
      case 'certificate-expired':
        await issueLeafCertificate(this.options, cluster, on);
        this.certRevision.set(
          cluster,
          (this.certRevision.get(cluster) ?? 1) + 1,
        );
        // Kept-alive connections keep the old session; the next scrape must handshake again.
        lb.dropConnections();
        return;
      default:
        // certificate-not-ready, security-group-rule-removed, ingress-missing, dns-missing:
        // the endpoints read the fault list on every request.
        return;
    }
  }

  private async reloadOpsConfig(): Promise<void> {
    const overrides: Record<string, FederateJobOverrides> = {};
    for (const f of this.faults) {
      const o = (overrides[f.cluster] ??= {});
      if (f.fault === 'sample-limit') o.sampleLimit = FAULT_SAMPLE_LIMIT;
      if (f.fault === 'wrong-path') o.metricsPath = FAULT_WRONG_PATH;
    }
    writeOpsConfig(this.options, overrides);
    await promtoolCheck(this.bins.promtool, 'config', this.paths.opsConfig);
    const res = await fetch(
      `http://127.0.0.1:${this.ports.opsPrometheus}/-/reload`,
      { method: 'POST' },
    );
    if (!res.ok)
      throw new Error(
        `ops Prometheus rejected the reload: HTTP ${
          res.status
        } ${await res.text()}`,
      );
  }

  // ---- control endpoint ----

  private async startControl(): Promise<http.Server> {
    const server = http.createServer((req, res) => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const m = /^\/faults\/([a-z-]+)\/([a-z0-9-]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && req.url === '/status') {
        reply(200, this.state);
        return;
      }
      if (!m || (req.method !== 'POST' && req.method !== 'DELETE')) {
        reply(404, {
          error: 'use POST|DELETE /faults/<fault>/<cluster> or GET /status',
        });
        return;
      }
      const [, fault, cluster] = m;
      const action =
        req.method === 'POST'
          ? this.fault(fault as LabFault, cluster)
          : this.revert(fault as LabFault, cluster);
      action.then(
        () => reply(200, { faults: this.faults }),
        (e: Error) => reply(400, { error: e.message }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.ports.control, '127.0.0.1', () => resolve());
    });
    return server;
  }
}

/** Entry point of the detached daemon process: `tsx src/daemon/main.ts '<options json>'`. */
export async function runDaemon(options: ResolvedLabOptions): Promise<void> {
  const daemon = new LabDaemon(options);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await daemon.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  try {
    await daemon.start();
    process.stdout.write(`lab ready in ${path.basename(options.dir)}\n`);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`lab failed to start: ${error}\n`);
    stopping = true;
    await daemon.stop().catch(() => undefined);
    writeState(options.dir, {
      phase: 'failed',
      error,
      daemonPid: process.pid,
      options,
      ports: labPorts(options),
      faults: [],
      startedAt: new Date().toISOString(),
    });
    process.exit(1);
  }
}
