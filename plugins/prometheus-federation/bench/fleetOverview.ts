/**
 * A list answer shaped like the real backend's at fleet scale every link the backend
 * builds (the default Grafana dashboard, Prometheus targets/graph/alerts, Argo CD, the AWS security
 * group), the target with its scrape URL, metrics, entity ref, state since, and, as the lab fleet's
 * federate jobs keep the default match-all selector, one `match-all-federate-selector` warning per
 * cluster (the backend's federateJobLint text). About 2.0 kB per cluster (the fleet benchmark
 * measured 1.9), 10% of the clusters not healthy (5% down, 5% degraded). The fixtures' manyClusters()
 * is 1.1 kB per cluster, 40% not healthy, and one warning in all.
 *
 * leaf-004 is the first down cluster; leaf-i is down when i % 20 === 4, degraded when i % 20 === 14.
 */
import {
  ClusterState,
  ClusterSummary,
  FederationOverview,
  SetupWarning,
  SharedCause,
} from '@promfed/plugin-prometheus-federation-common';

const NOW = Date.parse('2026-11-24T14:30:00Z');
const iso = (secondsAgo: number) =>
  new Date(NOW - secondsAgo * 1000).toISOString();

export const leafName = (i: number) => `leaf-${String(i).padStart(3, '0')}`;

export function leafState(i: number): ClusterState {
  if (i % 20 === 4) return 'down';
  if (i % 20 === 14) return 'degraded';
  return 'healthy';
}

function links(name: string, i: number): ClusterSummary['links'] {
  const grafana = 'https://grafana.lab.test';
  const prom = 'https://prometheus-ops.lab.test';
  const job = `federate-${name}`;
  const dashboards = [['Application Errors', 'application-errors']].map(
    ([title, uid]) => ({
      title,
      url: `${grafana}/d/${uid}?var-source_cluster=${name}`,
    }),
  );
  const region = i % 2 ? 'eu-west-1' : 'us-east-1';
  return {
    dashboards,
    prometheusTargets: `${prom}/targets?search=${job}`,
    prometheusGraph: `${prom}/graph?g0.expr=${encodeURIComponent(
      `up{job="${job}"}`,
    )}`,
    prometheusAlerts: `${prom}/alerts`,
    argocd: `https://argocd.lab.test/applications/cluster-resources-${name}`,
    awsSecurityGroup: `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#SecurityGroup:groupId=sg-0${String(
      i,
    ).padStart(16, '0')}`,
  };
}

export function fleetCluster(i: number): ClusterSummary {
  const name = leafName(i);
  const state = leafState(i);
  const host = `prometheus-${name}.fleet.lab.test`;
  const down = state === 'down';
  const lastError = down
    ? `Get "https://${host}:443/federate?match%5B%5D=%7Bjob%3D~%22.%2B%22%7D": dial tcp 10.${
        i % 250
      }.40.3:443: connect: connection refused`
    : '';
  const summary: ClusterSummary = {
    name,
    state,
    configured: true,
    federated: true,
    target: {
      job: `federate-${name}`,
      health: down ? 'down' : 'up',
      lastError,
      ...(down ? { cause: 'connection-refused' as const } : {}),
      lastScrape: iso(15 + (i % 15)),
      lastScrapeAgeSeconds: 15 + (i % 15),
      scrapeDurationSeconds: down ? 0.003 : 0.2 + (i % 40) / 100,
      scrapeTimeoutSeconds: 10,
      scrapeIntervalSeconds: 15,
      samplesScraped: down ? 0 : 180 + (i % 40),
      seriesAdded: i % 7,
      scrapeUrl: `https://${host}:443/federate`,
    },
    metrics: {
      httpSeries: down ? 0 : 120 + (i % 80),
      newestSampleAgeSeconds: down ? 900 : 12,
    },
    certificateExpiresInDays: 30 + (i % 60),
    securityGroupRule: down ? 'fail' : 'pass',
    firingAlerts: [],
    links: links(name, i),
    stateSince: iso(3600 * (1 + (i % 48))),
    entityRef: `resource:default/${name}`,
  };
  if (down) {
    summary.headline = {
      check: 'security-group',
      summary: `No rule on sg-0${name}-node allows tcp 443 from the ops cluster's security group.`,
      cause: 'connection-refused',
      probe: {
        result: 'fail',
        summary: `${host}:443 refused the connection (10.${i % 250}.40.3).`,
        agrees: true,
      },
    };
    summary.firingAlerts = [
      {
        name: 'PrometheusFederationDown',
        state: 'firing',
        activeAt: iso(1800),
        severity: 'critical',
        summary: `Federation of ${name} has failed for 5 minutes.`,
      },
    ];
  } else if (state === 'degraded') {
    summary.headline = {
      check: 'certificate',
      summary: `The certificate of ${host} expires in 6 days; cert-manager has not renewed it.`,
    };
    summary.certificateExpiresInDays = 6;
  }
  return summary;
}

/** As the backend's federateJobLint words it for a job with the default match[]. */
function matchAllWarning(c: ClusterSummary): SetupWarning {
  const job = `federate-${c.name}`;
  const file = `clusters/${c.name}/prometheus/scrape-configs.yaml`;
  return {
    id: 'match-all-federate-selector',
    cluster: c.name,
    message: `${job} federates every series of ${c.name} (match[] {__name__=~".+"}): ${c.target?.samplesScraped} series (one sample each) every 15s scrape. Federation is meant for selected or aggregated series; the whole leaf makes large, slow scrapes.`,
    remediation: `In ${file}, narrow match[] of ${job} to what ops uses: aggregated series such as '{__name__=~"job:.*"}' (recording rules), or the names the dashboards read, e.g. '{__name__=~"http_.*"}'. The proposal from the names ops rules and dashboards use, with its savings, is at the cluster's cost; the template "Narrow cluster federation" applies it.`,
    costPath: `/clusters/${encodeURIComponent(c.name)}/cost`,
  };
}

/**
 * The down clusters share one cause, as the backend's sharedCauses groups it: their tcp 443
 * rules allow another source than ops, so it points at the ops side.
 */
function sharedCauses(clusters: ClusterSummary[]): SharedCause[] {
  const down = clusters.filter(c => c.state === 'down').map(c => c.name);
  if (down.length < 5) return [];
  const reason =
    "their tcp 443 rules allow another source than the ops source sg-0ops: the ops NAT address or security group changed, not each leaf's rule";
  return [
    {
      check: 'security-group',
      side: 'ops',
      summary: `${down.length} clusters down, security group rule: No rule on sg-0<cluster>-node allows tcp 443 from the ops cluster's security group. Ops side: ${reason}.`,
      reason,
      remediation: {
        summary:
          "Compare the ops source the leaves allow with the ops cluster's egress (its NAT address and security group); fix the ops side or aws.opsSource once instead of every leaf's rule.",
      },
      clusters: down,
    },
  ];
}

/** GET /clusters for a fleet of n clusters. */
export function fleetOverview(n: number): FederationOverview {
  const clusters = Array.from({ length: n }, (_, i) => fleetCluster(i));
  const counts: Record<ClusterState, number> = {
    down: 0,
    degraded: 0,
    unknown: 0,
    healthy: 0,
  };
  for (const c of clusters) counts[c.state] += 1;
  return {
    generatedAt: iso(30),
    ageSeconds: 30,
    refreshIntervalSeconds: 60,
    opsPrometheus: { reachable: true },
    counts,
    sharedCauses: sharedCauses(clusters),
    clusters,
    warnings: clusters.map(matchAllWarning),
  };
}
