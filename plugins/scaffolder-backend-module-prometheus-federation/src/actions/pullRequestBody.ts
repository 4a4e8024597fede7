import {
  CLUSTER_RESOURCES_APP,
  federateJobName,
  HTTP_ROUTE_NAME,
  MONITORING_NAMESPACE,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import type { FileChange } from '../plan/planner';
import type { VerifiedEffect } from '../plan/verifyEffects';
import { effectSection } from './effectSection';
import type { AddClusterInput } from '../validation/addClusterInput';

const WHAT: Record<FileChange['kind'], (c: string, host: string) => string> = {
  ingress: (_c, host) =>
    `Ingress for the leaf Prometheus at \`${host}\` (cert-manager TLS)`,
  httpRoute: (_c, host) =>
    `HTTPRoute for the leaf Prometheus at \`${host}\` on the existing Gateway`,
  terraform: c =>
    `security group rule: tcp 443 from the ops cluster to the ${c} nodes`,
  scrapeConfigs: c => `ops Prometheus scrape job \`${federateJobName(c)}\``,
  alertRules: () => 'federation alert rules',
  catalogEntity: c => `catalog Resource for cluster \`${c}\``,
};

/** Alert rules are "unchanged" also when none lists clusters: no claim that one is present. */
function unchangedSuffix(change: FileChange): string {
  if (change.status !== 'unchanged') return '';
  return change.kind === 'alertRules'
    ? ' (unchanged)'
    : ' (already present, unchanged)';
}

/** The editor's notes under its file; alert rules say when no rule lists clusters. */
export function noteLines(change: FileChange): string[] {
  const notes = change.notes ?? [];
  if (change.kind === 'alertRules' && notes.length === 0)
    return ['  - no rule lists clusters by name'];
  return notes.map(n => `  - ${n}`);
}

/**
 * The PR body: what changed, then the steps after merge, in the order of
 * docs/federation-setup.md#troubleshooting-order.
 */
export function pullRequestBody(
  input: AddClusterInput,
  host: string,
  changes: FileChange[],
  effect: VerifiedEffect,
): string {
  const c = input.cluster;
  const ops = input.opsCluster;
  const gateway = changes.some(ch => ch.kind === 'httpRoute');
  const lines = changes.flatMap(ch => [
    `- \`${ch.path}\`: ${WHAT[ch.kind](c, host)}${unchangedSuffix(ch)}`,
    ...noteLines(ch),
  ]);
  return [
    `Adds cluster \`${c}\` to the Prometheus federation (ops cluster \`${ops}\`).`,
    '',
    '## What changed',
    ...lines,
    '',
    ...effectSection('add', effect),
    `TLS: ${
      input.tls === 'verify'
        ? 'verified (`insecure_skip_verify: false`)'
        : '`insecure_skip_verify: true` (an expired or wrong certificate will not show on the targets page)'
    }.`,
    '',
    '## After merge',
    gateway
      ? `1. Argo CD syncs the \`${CLUSTER_RESOURCES_APP}\` application of \`${c}\`: \`kubectl get httproute ${HTTP_ROUTE_NAME} -n ${input.namespace} --context=${c} -o yaml\` shows \`Accepted\` and \`ResolvedRefs\` True under \`status.parents\``
      : `1. Argo CD syncs the \`${CLUSTER_RESOURCES_APP}\` application of \`${c}\`: \`kubectl get ingress -n ${input.namespace} --context=${c}\``,
    '2. Apply the security group rule: `cd terraform && terraform plan` (review), then `terraform apply`',
    `3. Verify DNS: \`dig ${host}\``,
    gateway
      ? `4. Verify the certificate of the Gateway listener serving \`${host}\`: \`kubectl get certificate -A --context=${c}\``
      : `4. Verify the certificate: \`kubectl get certificate ${tlsSecretName(
          c,
        )} -n ${input.namespace} --context=${c}\``,
    `5. Verify the target: \`${federateJobName(
      c,
    )}\` is UP on the ops Prometheus targets page (\`kubectl port-forward -n ${MONITORING_NAMESPACE} --context=${ops} svc/kube-prometheus-stack-prometheus 9090:9090\`, then /targets)`,
    '',
  ].join('\n');
}
