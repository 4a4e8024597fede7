import {
  CHECK_ORDER,
  CHECK_TITLES,
  Check,
  CheckId,
  CheckResult,
  ClusterStatus,
} from '@promfed/plugin-prometheus-federation-common';

/** A fixed clock so that "down since" and ages read the same in every test. */
export const NOW = new Date('2026-11-24T14:30:00Z');

export const iso = (minutesAgo: number) =>
  new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

function links(name: string) {
  return {
    dashboards: [
      {
        title: 'Application Errors',
        url: `https://grafana.example.test/d/app-errors?var-source_cluster=${name}`,
      },
    ],
    prometheusTargets: `https://prometheus-ops.example.test/targets?search=federate-${name}`,
    prometheusAlerts: 'https://prometheus-ops.example.test/alerts',
    argocd: `https://argocd.example.test/applications/cluster-resources-${name}`,
  };
}

function check(
  id: CheckId,
  result: CheckResult,
  summary: string,
  extra: Partial<Check> = {},
): Check {
  return {
    id,
    title: CHECK_TITLES[id],
    result,
    summary,
    evidence: [],
    ...extra,
  };
}

function passingChecks(name: string): Check[] {
  const host = `prometheus-${name}.example.test`;
  return [
    check('ingress', 'pass', `monitoring/prometheus-ingress serves ${host}.`, {
      evidence: [
        { label: 'Load balancer', value: `k8s-${name}-nlb.elb.example.test` },
      ],
    }),
    check('dns', 'pass', `${host} resolves to the load balancer.`, {
      evidence: [{ label: 'Addresses', value: '10.0.12.7' }],
    }),
    check('certificate', 'pass', 'Certificate Ready, expires in 61 days.', {
      evidence: [{ label: 'notAfter', value: '2027-01-24T10:00:00Z' }],
    }),
    check('security-group', 'pass', 'sg-0node allows tcp 443 from sg-0ops.', {
      evidence: [{ label: 'Rule', value: 'sgr-0a1b2c3d' }],
    }),
    check('connectivity', 'pass', '/federate answered 200 in 0.21 s.'),
    check('target', 'pass', `federate-${name} is up.`, {
      evidence: [{ label: 'Last scrape', value: iso(0.25) }],
    }),
    check('metrics', 'pass', '412 http series arrive, newest 12 s old.'),
    check('latency', 'pass', 'Scrape takes 0.4 s of a 10 s timeout.'),
  ];
}

export function healthyCluster(name = 'blue'): ClusterStatus {
  return {
    name,
    state: 'healthy',
    configured: true,
    federated: true,
    target: {
      job: `federate-${name}`,
      health: 'up',
      lastError: '',
      lastScrape: iso(0.25),
      lastScrapeAgeSeconds: 15,
      scrapeDurationSeconds: 0.42,
      scrapeTimeoutSeconds: 10,
      scrapeIntervalSeconds: 30,
      samplesScraped: 18250,
      seriesAdded: 0,
      scrapeUrl: `https://prometheus-${name}.example.test:443/federate`,
    },
    metrics: { httpSeries: 412, newestSampleAgeSeconds: 12 },
    certificateExpiresInDays: 61,
    securityGroupRule: 'pass',
    firingAlerts: [],
    links: links(name),
    stateSince: iso(60 * 26),
    entityRef: `resource:default/${name}-cluster`,
    checks: passingChecks(name),
    history: [{ at: iso(60 * 26), from: 'down', to: 'healthy' }],
    warnings: [],
  };
}

/** The target refuses connections because the security group rule is missing. */
export function downCluster(name = 'green'): ClusterStatus {
  const base = healthyCluster(name);
  const lastError = `Get "https://prometheus-${name}.example.test:443/federate?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D": dial tcp 10.0.40.3:443: connect: connection refused`;
  const checks = passingChecks(name).map(c => {
    switch (c.id) {
      case 'security-group':
        return check(
          'security-group',
          'fail',
          `No rule on sg-0${name}-node allows tcp 443 from the ops cluster.`,
          {
            evidence: [
              { label: 'Node security group', value: `sg-0${name}-node` },
              { label: 'Rules examined', value: '7' },
            ],
            remediation: {
              summary:
                'Apply the federation security group rule with Terraform.',
              file: 'terraform/prometheus-federation-security.tf',
              commands: ['cd terraform', 'terraform plan', 'terraform apply'],
            },
          },
        );
      case 'connectivity':
        return check(
          'connectivity',
          'fail',
          'The portal could not open a connection to /federate.',
          {
            evidence: [
              { label: 'Error', value: 'connect ECONNREFUSED 10.0.40.3:443' },
            ],
            remediation: {
              summary: 'Probe /federate from the ops cluster.',
              commands: [
                `kubectl run -it --rm debug --image=curlimages/curl --restart=Never --context=ops -- curl -k https://prometheus-${name}.example.test/federate?match[]=up`,
              ],
            },
          },
        );
      case 'target':
        return check(
          'target',
          'fail',
          `federate-${name} is down: connection refused.`,
          {
            cause: 'connection-refused',
            evidence: [
              { label: 'lastError', value: lastError },
              { label: 'Last scrape', value: iso(0.3) },
            ],
            remediation: {
              summary:
                'Fix the security group rule first: it is the first failing check.',
            },
          },
        );
      case 'metrics':
        return check(
          'metrics',
          'fail',
          `No http series arrive with source_cluster=${name}.`,
          {
            evidence: [{ label: 'Newest sample', value: '16 minutes ago' }],
          },
        );
      case 'latency':
        return check(
          'latency',
          'unknown',
          'No scrape duration while the target is down.',
          {
            reason: 'target down',
          },
        );
      default:
        return c;
    }
  });
  return {
    ...base,
    state: 'down',
    // Target down: the first failing prerequisite is the headline, the probe its evidence.
    headline: {
      check: 'security-group',
      summary: `No rule on sg-0${name}-node allows tcp 443 from the ops cluster.`,
      probe: {
        result: 'fail',
        summary: `https://prometheus-${name}.example.test:443/federate: connection refused`,
        agrees: true,
      },
    },
    target: {
      ...base.target!,
      health: 'down',
      lastError,
      cause: 'connection-refused',
      lastScrapeAgeSeconds: 18,
      scrapeDurationSeconds: 0.003,
      samplesScraped: 0,
    },
    metrics: { httpSeries: 0, newestSampleAgeSeconds: 960 },
    securityGroupRule: 'fail',
    firingAlerts: [
      {
        name: 'PrometheusFederationDown',
        state: 'firing',
        activeAt: iso(23),
        severity: 'critical',
        summary: `Federation target federate-${name} is down`,
      },
    ],
    stateSince: '2026-11-24T14:02:00Z',
    checks,
    remediation: checks[3].remediation,
    history: [
      { at: iso(60 * 48), from: 'unknown', to: 'healthy' },
      {
        at: '2026-11-24T13:55:00Z',
        from: 'healthy',
        to: 'degraded',
        headline: 'metrics',
        summary: 'http series stale',
      },
      {
        at: '2026-11-24T14:02:00Z',
        from: 'degraded',
        to: 'down',
        headline: 'security-group',
        summary: 'connection refused',
      },
    ],
    warnings: [
      {
        id: 'insecure-skip-verify',
        message: `federate-${name} sets tls_config.insecure_skip_verify: an expired certificate never shows on the targets page.`,
        remediation:
          'Remove insecure_skip_verify once the certificate is issued by a trusted issuer.',
        cluster: name,
      },
    ],
  };
}

/** Up, but the certificate renewal keeps failing. */
export function degradedCluster(name = 'purple'): ClusterStatus {
  const base = healthyCluster(name);
  const checks = passingChecks(name).map(c =>
    c.id === 'certificate'
      ? check(
          'certificate',
          'warn',
          'Certificate expires in 9 days and renewal is failing.',
          {
            evidence: [
              { label: 'Issuing', value: 'False (Failed): ACME order failed' },
              { label: 'failedIssuanceAttempts', value: '3' },
            ],
            remediation: {
              summary: 'Find why cert-manager cannot renew the certificate.',
              commands: [
                `kubectl describe certificate prometheus-${name}-tls -n monitoring --context=${name}`,
              ],
            },
          },
        )
      : c,
  );
  return {
    ...base,
    state: 'degraded',
    headline: {
      check: 'certificate',
      summary: 'Certificate expires in 9 days and renewal is failing.',
    },
    certificateExpiresInDays: 9,
    target: { ...base.target!, scrapeDurationSeconds: 8.7 },
    stateSince: iso(60 * 3),
    checks,
    history: [
      {
        at: iso(60 * 3),
        from: 'healthy',
        to: 'degraded',
        headline: 'certificate',
      },
    ],
  };
}

export { CHECK_ORDER };
