import { DOMAIN_RULE } from '@promfed/plugin-prometheus-federation-common';
import path from 'node:path';
import { repoRoot } from '../options';
import { FleetFault, assignFleetFaults } from './faults';

/** Fleet mode: one ops Prometheus and one Node process answering for every leaf of N clusters. */
export interface FleetOptionsInput {
  /** State folder, default `<repo>/.lab`. */
  dir?: string;
  /** Number of leaf clusters, 1 to 2000 (named leaf-0001, leaf-0002, ...). */
  clusters: number;
  /** Share of clusters that carry a fault (0 to 1), default 0.1. */
  faultFraction?: number;
  /** Series in each leaf's `/federate` answer, default 200. */
  seriesPerLeaf?: number;
  /** First port of the fleet's six, default 19000. */
  basePort?: number;
  /** Domain of the leaf host names, default `federation.test`. */
  domain?: string;
  /** Scrape interval of ops Prometheus, default 15 s (1000 targets on two cores). */
  scrapeIntervalSeconds?: number;
}

export interface ResolvedFleetOptions {
  dir: string;
  clusters: string[];
  faults: Record<string, FleetFault>;
  seriesPerLeaf: number;
  basePort: number;
  domain: string;
  scrapeIntervalSeconds: number;
}

export const MAX_FLEET_CLUSTERS = 2000;

/** Where each fleet service listens: six ports whatever the number of clusters. */
export interface FleetPorts {
  opsPrometheus: number;
  dns: number;
  ec2: number;
  kubernetes: number;
  /** Every leaf host, by SNI: what ops Prometheus and the backend dial. */
  leaves: number;
}

export function fleetPorts(basePort: number): FleetPorts {
  return {
    opsPrometheus: basePort,
    dns: basePort + 2,
    ec2: basePort + 3,
    kubernetes: basePort + 4,
    leaves: basePort + 5,
  };
}

export function fleetClusterName(i: number): string {
  return `leaf-${String(i + 1).padStart(4, '0')}`;
}

export function resolveFleetOptions(
  input: FleetOptionsInput,
): ResolvedFleetOptions {
  const n = input.clusters;
  if (!Number.isInteger(n) || n < 1 || n > MAX_FLEET_CLUSTERS)
    throw new Error(`clusters: give 1 to ${MAX_FLEET_CLUSTERS} (got ${n})`);
  const fraction = input.faultFraction ?? 0.1;
  if (!(fraction >= 0 && fraction <= 1))
    throw new Error(
      `faultFraction: give a share between 0 and 1 (got ${fraction})`,
    );
  const seriesPerLeaf = input.seriesPerLeaf ?? 200;
  if (
    !Number.isInteger(seriesPerLeaf) ||
    seriesPerLeaf < 10 ||
    seriesPerLeaf > 20_000
  )
    throw new Error('seriesPerLeaf: give a whole number from 10 to 20000');
  const basePort = input.basePort ?? 19000;
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65530)
    throw new Error(`basePort: ${basePort} is not a port from 1024 to 65530`);
  const domain = input.domain ?? 'federation.test';
  if (!DOMAIN_RULE.test(domain))
    throw new Error(`domain: "${domain}" is not usable; ${DOMAIN_RULE.fix}`);
  const scrapeIntervalSeconds = input.scrapeIntervalSeconds ?? 15;
  if (!Number.isInteger(scrapeIntervalSeconds) || scrapeIntervalSeconds < 2)
    throw new Error(
      'scrapeIntervalSeconds: a whole number of seconds, at least 2',
    );
  const clusters = Array.from({ length: n }, (_, i) => fleetClusterName(i));
  return {
    dir: path.resolve(input.dir ?? path.join(repoRoot(), '.lab')),
    clusters,
    faults: assignFleetFaults(clusters, fraction),
    seriesPerLeaf,
    basePort,
    domain,
    scrapeIntervalSeconds,
  };
}
