import type { Socket } from 'node:dgram';
import fs from 'node:fs';
import type { Server } from 'node:net';
import { PrometheusProcess } from '../daemon/prometheusProcess';
import { waitForFederateTargetsUp } from '../daemon/waitForTargets';
import { targetDown } from './faults';
import { startDnsServer } from '../dns/server';
import { startEc2Server } from '../ec2/server';
import { findPrometheusBinaries } from '../prometheus/binaries';
import { loadOrCreateSecrets } from '../secrets';
import { labPaths } from '../state';
import { FleetCertificates } from './fleetCertificates';
import { FleetState, writeFleetState } from './fleetState';
import { FleetWorld } from './fleetWorld';
import { startKubernetesFleetApi } from './kubernetesFleetApi';
import { startLeafServer } from './leafServer';
import { fleetPorts, ResolvedFleetOptions } from './options';

/** The running fleet: the shared servers in this process, and the real ops Prometheus. */
export class FleetDaemon {
  private readonly servers: Server[] = [];
  private dns?: Socket;
  private ops?: PrometheusProcess;
  private state: FleetState;
  private readonly started = Date.now();

  constructor(private readonly options: ResolvedFleetOptions) {
    this.state = {
      phase: 'starting',
      daemonPid: process.pid,
      options,
      ports: fleetPorts(options.basePort),
      startedAt: new Date().toISOString(),
    };
    writeFleetState(options.dir, this.state);
  }

  async start(): Promise<void> {
    const o = this.options;
    const p = this.state.ports;
    const paths = labPaths(o.dir);
    const secrets = loadOrCreateSecrets(o.dir);
    const certificates = new FleetCertificates({
      caCertPem: fs.readFileSync(paths.caCert, 'utf8'),
      caKeyPem: fs.readFileSync(paths.caKey, 'utf8'),
      clusters: o.clusters,
      domain: o.domain,
      faults: o.faults,
    });
    const world = new FleetWorld(o, certificates, new Date(secrets.createdAt));
    this.dns = await startDnsServer({
      port: p.dns,
      records: () => world.dnsRecords,
    });
    this.servers.push(
      await startEc2Server({
        port: p.ec2,
        credentials: {
          accessKeyId: secrets.awsAccessKeyId,
          secretAccessKey: secrets.awsSecretAccessKey,
        },
        world: () => world.ec2,
      }),
      await startKubernetesFleetApi({
        port: p.kubernetes,
        cert: fs.readFileSync(paths.apiCert, 'utf8'),
        key: fs.readFileSync(paths.apiKey, 'utf8'),
        token: secrets.kubernetesToken,
        objects: c => world.clusterObjects(c),
      }),
      await startLeafServer({
        port: p.leaves,
        certificates,
        faults: o.faults,
        seriesPerLeaf: o.seriesPerLeaf,
      }),
    );
    const serversMs = Date.now() - this.started;
    this.ops = new PrometheusProcess({
      name: 'ops',
      binary: findPrometheusBinaries().prometheus,
      dir: o.dir,
      port: p.opsPrometheus,
      args: [
        `--config.file=${paths.opsConfig}`,
        `--web.listen-address=127.0.0.1:${p.opsPrometheus}`,
        `--storage.tsdb.path=${paths.data('fleet-ops')}`,
        '--storage.tsdb.retention.time=1d',
        '--web.enable-lifecycle',
        '--enable-feature=extra-scrape-metrics',
        '--log.level=warn',
      ],
    });
    await this.ops.start();
    const opsReadyMs = Date.now() - this.started;
    // Every leaf scraped once: Prometheus spreads the first scrapes over one interval.
    await waitForFederateTargetsUp(
      p.opsPrometheus,
      o.clusters,
      30_000 + 3 * o.scrapeIntervalSeconds * 1000,
      new Set(o.clusters.filter(c => targetDown(o.faults[c]))),
    );
    this.state = {
      ...this.state,
      phase: 'ready',
      readyAt: new Date().toISOString(),
      timings: {
        serversMs,
        opsReadyMs,
        targetsScrapedMs: Date.now() - this.started,
      },
    };
    writeFleetState(o.dir, this.state);
  }

  async stop(
    phase: 'stopped' | 'failed' = 'stopped',
    error?: string,
  ): Promise<void> {
    await this.ops?.stop();
    for (const s of this.servers) {
      if ('closeAllConnections' in s)
        (s as { closeAllConnections(): void }).closeAllConnections();
      s.close();
    }
    this.dns?.close();
    this.state = { ...this.state, phase, ...(error ? { error } : {}) };
    writeFleetState(this.options.dir, this.state);
  }
}
