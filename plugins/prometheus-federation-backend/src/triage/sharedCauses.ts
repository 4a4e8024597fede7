import {
  CHECK_TITLES,
  ClusterStatus,
  DIAGNOSIS_CAUSE_TEXT,
  DiagnosisCause,
  Remediation,
  SharedCause,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationOptions } from '../config/options';

/**
 * Causes that the ops side decides for every leaf at once: its source address and group (what
 * the leaves' rules allow), the CA it trusts, and ops Prometheus' own scrape configuration.
 */
const OPS_CAUSES: Partial<Record<DiagnosisCause, string>> = {
  timeout:
    'the leaves do not answer the ops side in time: its egress (NAT address, security group, network ACLs) is what they share',
  'sample-limit': "ops Prometheus' federate jobs share their sample_limit",
  'body-size-limit':
    "ops Prometheus' federate jobs share their body_size_limit",
  'not-found': "ops Prometheus' federate jobs share their metrics_path",
  'http-vs-https': "ops Prometheus' federate jobs share their scheme",
  'honor-labels-missing':
    "ops Prometheus' federate jobs share the template that lacks honor_labels",
  'selector-selects-nothing':
    "ops Prometheus' federate jobs share their match[]",
  'wrong-metrics-path':
    "ops Prometheus' federate jobs share their metrics_path",
};

/** The security group check's evidence when tcp 443 is open to some other source. */
const OTHER_SOURCE = 'tcp 443 open to another source';

/** The words that tell TLS failures apart: an untrusted issuer is the ops side's CA. */
const UNTRUSTED = /not trusted|unknown authority|issuer unknown/i;

function sourceText(options: FederationOptions): string {
  const s = options.aws.opsSource;
  return (
    [s.securityGroupId, s.cidr].filter(Boolean).join(' / ') ||
    'the ops source (aws.opsSource)'
  );
}

/** Which side a cause points at when many clusters share it, and why. */
function sideOf(
  check: string,
  cause: DiagnosisCause | undefined,
  summary: string,
  detail: string,
  options: FederationOptions,
): { side: 'ops' | 'leaf'; reason: string } {
  if (check === 'security-group' && detail === OTHER_SOURCE)
    return {
      side: 'ops',
      reason: `their tcp 443 rules allow another source than the ops source ${sourceText(
        options,
      )}: the ops NAT address or security group changed, not each leaf's rule`,
    };
  if (check === 'security-group')
    return {
      side: 'leaf',
      reason:
        "each leaf's tcp 443 rule for the ops source is gone: apply each leaf's Terraform",
    };
  if (cause === 'tls' && UNTRUSTED.test(summary))
    return {
      side: 'ops',
      reason:
        "the leaves' certificates are not trusted by the CA ops Prometheus uses (tls_config.ca_file)",
    };
  const ops = cause && OPS_CAUSES[cause];
  if (ops) return { side: 'ops', reason: ops };
  return {
    side: 'leaf',
    reason:
      'each leaf fails on its own: nothing on the ops side is shared by this cause',
  };
}

const OPS_REMEDIATION: Record<string, string> = {
  'security-group': `Compare the ops source the leaves allow with the ops cluster's egress (its NAT address and security group); fix the ops side or aws.opsSource once instead of every leaf's rule.`,
  timeout: `Test from the ops cluster: its egress path (NAT address, security group egress, network ACLs, a proxy) is shared by every leaf.`,
  tls: `Check the CA file ops Prometheus trusts (tls_config.ca_file of the federate jobs) against the issuer of the leaves' certificates.`,
};

function remediationOf(
  side: 'ops' | 'leaf',
  check: string,
  cause: DiagnosisCause | undefined,
  first: Remediation | undefined,
): Remediation {
  const ops = OPS_REMEDIATION[check] ?? (cause && OPS_REMEDIATION[cause]);
  // A leaf's rule commands (its Terraform, its one group) are not the ops side's fix.
  if (side === 'ops' && ops && check === 'security-group')
    return { summary: ops };
  if (side === 'ops' && ops) return { summary: ops, commands: first?.commands };
  if (side === 'ops')
    return {
      summary:
        `Fix the federate job template once in ops Prometheus' configuration; every job below has it. ${
          first?.summary ?? ''
        }`.trim(),
      file: first?.file,
    };
  return first ?? { summary: 'Follow each cluster’s remediation.' };
}

/**
 * The first member's headline in words every member shares: its name, and its own node security
 * group (each leaf has one), left out.
 */
function sharedWords(first: ClusterStatus): string {
  const own = first.checks
    .find(x => x.id === 'security-group')
    ?.evidence.find(e => e.label === 'Node security group')?.value;
  // The group first: a name can be part of a group's id.
  const words = own
    ? first.headline!.summary.split(own).join("<cluster>'s node group")
    : first.headline!.summary;
  return words.split(first.name).join('<cluster>').replace(/\.$/, '');
}

/** What tells apart failures of one check and cause that differ in where they point. */
function detailOf(c: ClusterStatus): string {
  const h = c.headline!;
  // TLS failures differ by what is wrong (expired on a leaf, untrusted by ops).
  if (h.cause === 'tls') return h.summary.split(c.name).join('<c>');
  // No rule at all (removed on the leaf), or rules for another source (ops moved).
  if (h.check === 'security-group')
    return c.checks
      .find(x => x.id === 'security-group')
      ?.evidence.some(e => e.label === 'Other tcp 443 rules')
      ? OTHER_SOURCE
      : '';
  return '';
}

/** What the headline names, without the cluster: clusters with the same key share a cause. */
function keyOf(c: ClusterStatus): string | undefined {
  const h = c.headline;
  if (!h || c.state === 'healthy') return undefined;
  return [c.state, h.check, h.cause ?? '', detailOf(c)].join('|');
}

/**
 * "Is it them or us?": the causes at least `threshold` clusters share in one refresh, each saying
 * whether it points at the ops side or at each leaf. The ops side's come first (one fix on the
 * ops side mends all of its clusters, and "is it us?" is on-call's first question), then the
 * largest.
 */
export function sharedCauses(
  clusters: ClusterStatus[],
  options: FederationOptions,
  threshold = options.sharedCauseThreshold,
): SharedCause[] {
  const groups = new Map<string, ClusterStatus[]>();
  for (const c of clusters) {
    const key = keyOf(c);
    if (key === undefined) continue;
    // Appended in place: copying the group per member is quadratic when most clusters fail alike.
    const members = groups.get(key);
    if (members) members.push(c);
    else groups.set(key, [c]);
  }
  const shared: SharedCause[] = [];
  for (const members of groups.values()) {
    if (members.length < Math.max(2, threshold)) continue;
    const first = members[0];
    const h = first.headline!;
    const { side, reason } = sideOf(
      h.check,
      h.cause,
      h.summary,
      detailOf(first),
      options,
    );
    const what = h.cause ? DIAGNOSIS_CAUSE_TEXT[h.cause] : sharedWords(first);
    shared.push({
      check: h.check,
      ...(h.cause ? { cause: h.cause } : {}),
      side,
      summary: `${members.length} clusters ${first.state}, ${CHECK_TITLES[
        h.check
      ].toLowerCase()}: ${what}. ${
        side === 'ops' ? 'Ops side' : 'Each leaf'
      }: ${reason}.`,
      reason,
      remediation: remediationOf(side, h.check, h.cause, first.remediation),
      clusters: members.map(c => c.name).sort(),
    });
  }
  const opsFirst = (s: SharedCause) => (s.side === 'ops' ? 0 : 1);
  return shared.sort(
    (a, b) =>
      opsFirst(a) - opsFirst(b) ||
      b.clusters.length - a.clusters.length ||
      a.summary.localeCompare(b.summary),
  );
}
