import {
  CLUSTER_NAME_RULE,
  DOMAIN_RULE,
} from '@promfed/plugin-prometheus-federation-common';
import path from 'node:path';

/** Where each service listens. Everything binds 127.0.0.1; the layout is derived from basePort. */
export interface LabPorts {
  opsPrometheus: number;
  control: number;
  dns: number;
  ec2: number;
  opsKubernetes: number;
  /** The loopback Grafana API (dashboards read for federation cost). */
  grafana: number;
  clusters: Record<string, ClusterPorts>;
}

export interface ClusterPorts {
  /** The "load balancer" in front of the leaf Prometheus: what ops Prometheus and the backend dial. */
  ingress: number;
  /** The leaf Prometheus itself (HTTPS). */
  prometheus: number;
  kubernetes: number;
  apps: Record<string, number>;
}

export interface ResolvedLabOptions {
  dir: string;
  clusters: string[];
  basePort: number;
  domain: string;
  scrapeIntervalSeconds: number;
  /** Leaves exposed by an HTTPRoute on a Gateway instead of an Ingress (Gateway API). */
  gatewayClusters?: string[];
}

/** The three applications of the set-up (docs/federation-setup.md#federate-jobs), run on every leaf. */
export const LAB_APPS = [
  'dareyscore',
  'lab-controller',
  'liveclasses',
] as const;

export const MAX_CLUSTERS = 50;
const PORTS_PER_CLUSTER = 10;
const FIRST_CLUSTER_OFFSET = 10;

/** The repository root: the lab's default state folder lives in `<repo>/.lab`. */
export function repoRoot(): string {
  // The lab always runs from source (tsx), so __dirname is packages/federation-lab/src.
  // eslint-disable-next-line no-restricted-syntax
  return path.resolve(__dirname, '..', '..', '..');
}

export interface LabOptionsInput {
  /** State folder, default `<repo>/.lab`. */
  dir?: string;
  /** Leaf clusters, default ['blue', 'green']; up to 50. */
  clusters?: string[];
  /** First port of the lab's range, default 19000. */
  basePort?: number;
  /** Domain of the leaf host names, default `federation.test`. */
  domain?: string;
  /** Scrape interval of every Prometheus, default 5 (fast tests). */
  scrapeIntervalSeconds?: number;
  /** Leaves served in gateway mode (HTTPRoute and Gateway instead of the Ingress), default none. */
  gatewayClusters?: string[];
}

export function resolveOptions(
  options: LabOptionsInput = {},
): ResolvedLabOptions {
  const clusters = options.clusters ?? ['blue', 'green'];
  if (clusters.length === 0 || clusters.length > MAX_CLUSTERS) {
    throw new Error(
      `clusters: give 1 to ${MAX_CLUSTERS} cluster names (got ${clusters.length})`,
    );
  }
  for (const c of clusters) {
    // The common cluster-name rule, and the lab's own: "ops" is the ops cluster's context.
    if (!CLUSTER_NAME_RULE.test(c) || c === 'ops') {
      throw new Error(
        `clusters: "${c}" is not a usable leaf name; ${CLUSTER_NAME_RULE.fix} (and not "ops", the ops cluster)`,
      );
    }
  }
  if (new Set(clusters).size !== clusters.length) {
    throw new Error('clusters: names must be unique');
  }
  const basePort = options.basePort ?? 19000;
  const lastPort =
    basePort + FIRST_CLUSTER_OFFSET + clusters.length * PORTS_PER_CLUSTER;
  if (!Number.isInteger(basePort) || basePort < 1024 || lastPort > 65535) {
    throw new Error(
      `basePort: ${basePort} leaves no room for ${
        clusters.length
      } clusters; pick an integer between 1024 and ${
        65535 - FIRST_CLUSTER_OFFSET - clusters.length * PORTS_PER_CLUSTER
      }`,
    );
  }
  const domain = options.domain ?? 'federation.test';
  if (!DOMAIN_RULE.test(domain)) {
    throw new Error(`domain: "${domain}" is not usable; ${DOMAIN_RULE.fix}`);
  }
  const scrapeIntervalSeconds = options.scrapeIntervalSeconds ?? 5;
  if (!Number.isInteger(scrapeIntervalSeconds) || scrapeIntervalSeconds < 2) {
    throw new Error(
      'scrapeIntervalSeconds: use a whole number of seconds, at least 2',
    );
  }
  const gatewayClusters = options.gatewayClusters ?? [];
  const unknown = gatewayClusters.find(c => !clusters.includes(c));
  if (unknown !== undefined) {
    throw new Error(
      `gatewayClusters: "${unknown}" is not a leaf of this lab; use one of ${clusters.join(
        ', ',
      )}`,
    );
  }
  return {
    dir: path.resolve(options.dir ?? path.join(repoRoot(), '.lab')),
    clusters,
    basePort,
    domain,
    scrapeIntervalSeconds,
    gatewayClusters,
  };
}

export function labPorts(
  options: Pick<ResolvedLabOptions, 'basePort' | 'clusters'>,
): LabPorts {
  const b = options.basePort;
  const clusters: Record<string, ClusterPorts> = {};
  options.clusters.forEach((c, i) => {
    const start = b + FIRST_CLUSTER_OFFSET + i * PORTS_PER_CLUSTER;
    clusters[c] = {
      ingress: start,
      prometheus: start + 1,
      kubernetes: start + 2,
      apps: Object.fromEntries(LAB_APPS.map((app, j) => [app, start + 3 + j])),
    };
  });
  return {
    opsPrometheus: b,
    control: b + 1,
    dns: b + 2,
    ec2: b + 3,
    opsKubernetes: b + 4,
    grafana: b + 5,
    clusters,
  };
}

/** Scrape timeout a little below the interval, as Prometheus requires timeout <= interval. */
export function scrapeTimeoutSeconds(intervalSeconds: number): number {
  return Math.max(1, Math.floor(intervalSeconds * 0.8));
}
