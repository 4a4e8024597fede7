import fs from 'node:fs';
import http from 'node:http';
import type { Server as NetServer } from 'node:net';
import type { Socket } from 'node:dgram';
import { AppServer, startAppServer } from '../apps/appServer';
import { startDnsServer } from '../dns/server';
import { startEc2Server } from '../ec2/server';
import { labGrafanaToken, startGrafanaServer } from '../grafana/server';
import { seedEc2World } from '../ec2/world';
import { ActiveFaults } from '../faults/activeFaults';
import { applyFault } from '../faults/applyFault';
import { reloadOpsConfig } from '../faults/opsConfigFaults';
import { startKubernetesApi } from '../kubernetes/apiServer';
import { TcpLoadBalancer } from '../loadBalancer/tcpLoadBalancer';
import { LAB_APPS, LabPorts, ResolvedLabOptions, labPorts } from '../options';
import { findPrometheusBinaries } from '../prometheus/binaries';
import { LabSecrets, loadOrCreateSecrets } from '../secrets';
import {
  LAB_FAULTS,
  LabFault,
  LabPaths,
  LabState,
  labPaths,
  writeState,
} from '../state';
import { startControlServer } from './controlServer';
import { LabGitHub } from './labGitHub';
import { LiveWorld } from './liveWorld';
import { PrometheusProcess } from './prometheusProcess';
import { waitForFederateTargetsUp } from './waitForTargets';

/** The running lab: every server of the world, and the faults applied to it. */
export class LabDaemon {
  private readonly paths: LabPaths;
  private readonly ports: LabPorts;
  private readonly secrets: LabSecrets;
  private readonly bins = findPrometheusBinaries();
  private readonly faults = new ActiveFaults();
  private readonly world: LiveWorld;
  private readonly leaves = new Map<string, PrometheusProcess>();
  private readonly balancers = new Map<string, TcpLoadBalancer>();
  private ops?: PrometheusProcess;
  private readonly servers: Array<NetServer | http.Server> = [];
  private dns?: Socket;
  private readonly apps: AppServer[] = [];
  private readonly github: LabGitHub;
  private state: LabState;

  constructor(private readonly options: ResolvedLabOptions) {
    this.paths = labPaths(options.dir);
    this.ports = labPorts(options);
    this.secrets = loadOrCreateSecrets(options.dir);
    this.world = new LiveWorld(
      options,
      seedEc2World(options.clusters),
      this.faults,
      new Date(this.secrets.createdAt),
    );
    this.github = new LabGitHub(options.basePort);
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

  async start(): Promise<void> {
    const o = this.options;
    const p = this.ports;
    this.dns = await startDnsServer({
      port: p.dns,
      records: () => this.world.dnsRecords(),
    });
    this.servers.push(
      await startEc2Server({
        port: p.ec2,
        credentials: {
          accessKeyId: this.secrets.awsAccessKeyId,
          secretAccessKey: this.secrets.awsSecretAccessKey,
        },
        world: () => this.world.ec2World(),
      }),
    );
    this.servers.push(
      await startGrafanaServer({
        port: p.grafana,
        token: labGrafanaToken(this.secrets.kubernetesToken),
      }),
    );
    await this.github.start();
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
          // EKS tokens for the cluster's own name, as its EKS cluster id.
          eks: {
            clusterId: cluster,
            credentials: {
              accessKeyId: this.secrets.awsAccessKeyId,
              secretAccessKey: this.secrets.awsSecretAccessKey,
            },
          },
          objects: () => this.world.clusterObjects(cluster),
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
      this.leaves.set(c, this.leafProcess(c));
      this.balancers.set(
        c,
        new TcpLoadBalancer(p.clusters[c].ingress, p.clusters[c].prometheus),
      );
    }
    this.ops = this.opsProcess();
    // Leaves first (in parallel), then their load balancers, then ops, so the first federate works.
    await Promise.all([...this.leaves.values()].map(l => l.start()));
    for (const lb of this.balancers.values()) await lb.start();
    await this.ops.start();
    this.servers.push(
      await startControlServer(p.control, {
        status: () => this.state,
        fault: async (f, c) => {
          await this.fault(f, c);
          return { faults: this.faults.all() };
        },
        revert: async (f, c) => {
          await this.revert(f, c);
          return { faults: this.faults.all() };
        },
        onboard: async c => {
          this.checkCluster(c);
          return { pullRequest: await this.github.onboard(c) };
        },
        offboard: async c => {
          this.checkCluster(c);
          await this.github.offboard(c);
          return {};
        },
      }),
    );
    await waitForFederateTargetsUp(
      p.opsPrometheus,
      o.clusters,
      30_000 + 1000 * o.clusters.length,
    );
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
    await this.github.stop();
    for (const s of this.servers) {
      if ('closeAllConnections' in s) s.closeAllConnections();
      s.close();
    }
    this.dns?.close();
    this.state = { ...this.state, phase: 'stopped' };
    writeState(this.options.dir, this.state);
  }

  private leafProcess(c: string): PrometheusProcess {
    const port = this.ports.clusters[c].prometheus;
    return new PrometheusProcess({
      name: c,
      binary: this.bins.prometheus,
      dir: this.options.dir,
      port,
      https: true,
      args: [
        `--config.file=${this.paths.leafConfig(c)}`,
        `--web.config.file=${this.paths.leafWebConfig(c)}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.path=${this.paths.data(`leaf-${c}`)}`,
        '--storage.tsdb.retention.time=2h',
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
    });
  }

  private opsProcess(): PrometheusProcess {
    const port = this.ports.opsPrometheus;
    return new PrometheusProcess({
      name: 'ops',
      binary: this.bins.prometheus,
      dir: this.options.dir,
      port,
      args: [
        `--config.file=${this.paths.opsConfig}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.path=${this.paths.data('ops')}`,
        '--storage.tsdb.retention.time=1d',
        '--web.enable-lifecycle',
        '--enable-feature=extra-scrape-metrics',
        '--log.level=warn',
      ],
    });
  }

  async fault(fault: LabFault, cluster: string): Promise<void> {
    this.checkRequest(cluster, fault);
    if (this.faults.has(fault, cluster)) return;
    this.faults.add(fault, cluster);
    try {
      await this.applyFault(fault, cluster, true);
    } catch (e) {
      this.faults.remove(fault, cluster);
      throw e;
    }
    this.persistFaults();
  }

  async revert(fault: LabFault, cluster: string): Promise<void> {
    this.checkRequest(cluster, fault);
    if (!this.faults.has(fault, cluster)) return;
    this.faults.remove(fault, cluster);
    await this.applyFault(fault, cluster, false);
    this.persistFaults();
  }

  private applyFault(fault: LabFault, cluster: string, on: boolean) {
    return applyFault(
      {
        options: this.options,
        faults: this.faults,
        leafPrometheus: c => this.leaves.get(c)!,
        apps: c => this.apps.filter(a => a.cluster === c),
        balancer: c => this.balancers.get(c)!,
        reloadOpsConfig: () =>
          reloadOpsConfig(
            this.options,
            this.bins.promtool,
            this.ports.opsPrometheus,
            this.faults,
          ),
        certificateReissued: c => this.world.certificateReissued(c),
      },
      fault,
      cluster,
      on,
    );
  }

  private checkRequest(cluster: string, fault: LabFault): void {
    // The control endpoint takes any name; only the known faults reach the world.
    if (!LAB_FAULTS.includes(fault)) {
      throw new Error(
        `fault: "${fault}" is unknown; use one of ${LAB_FAULTS.join(', ')}`,
      );
    }
    this.checkCluster(cluster);
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
    this.world.resourceVersion++;
    this.state = { ...this.state, faults: this.faults.all() };
    writeState(this.options.dir, this.state);
  }
}
