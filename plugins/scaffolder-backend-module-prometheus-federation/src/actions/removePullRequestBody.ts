import {
  federateJobName,
  MONITORING_NAMESPACE,
} from '@promfed/plugin-prometheus-federation-common';
import type { FileChange } from '../plan/planner';
import type { VerifiedEffect } from '../plan/verifyEffects';
import { effectSection } from './effectSection';
import type { RemoveClusterInput } from '../validation/removeClusterInput';
import { noteLines } from './pullRequestBody';

const WHAT: Record<FileChange['kind'], string> = {
  ingress: 'the leaf Prometheus Ingress, deleted',
  httpRoute: 'the leaf Prometheus HTTPRoute, deleted',
  terraform: 'the ops-to-leaf security group rule, removed',
  scrapeConfigs: 'the federate scrape job, removed',
  alertRules: 'federation alert rules',
  catalogEntity: 'the catalog entity, deleted',
};

/** The PR body of a removal: what changed, then the steps after merge. */
export function removePullRequestBody(
  input: RemoveClusterInput,
  changes: FileChange[],
  effect: VerifiedEffect,
): string {
  const c = input.cluster;
  const job = federateJobName(c);
  const lines = changes
    .filter(ch => ch.status !== 'unchanged' || ch.kind === 'alertRules')
    .flatMap(ch => [`- \`${ch.path}\`: ${WHAT[ch.kind]}`, ...noteLines(ch)]);
  const skipped = changes.some(ch =>
    ch.notes?.some(n => n.startsWith('**not updated')),
  );
  return [
    `Removes cluster \`${c}\` from the Prometheus federation (ops cluster \`${input.opsCluster}\`).`,
    '',
    '## What changed',
    ...lines,
    '',
    ...effectSection('remove', effect),
    '## After merge',
    `1. Argo CD syncs the ops \`kube-prometheus-stack\`: the \`${job}\` target leaves the ops Prometheus targets page (\`kubectl port-forward -n ${MONITORING_NAMESPACE} --context=${input.opsCluster} svc/kube-prometheus-stack-prometheus 9090:9090\`, then /targets). Until then, \`PrometheusFederationDown\` may fire for \`job="${job}"\` if the leaf goes first: silence it for the rollout.`,
    `2. Argo CD prunes the leaf's Ingress or HTTPRoute in \`${c}\` (with \`prune: true\`; otherwise delete it by hand), then external-dns removes the record and the certificate is no longer renewed.`,
    '3. Remove the security group rule: `cd terraform && terraform plan` (review: only the rule of this cluster is destroyed), then `terraform apply`',
    `4. Alerts: the rules above no longer expect \`${c}\`${
      skipped
        ? `; the rules marked "not updated" still name it and will fire (an \`absent()\` of its series) until edited`
        : ''
    }. Series with \`source_cluster="${c}"\` go stale within 5 minutes.`,
    `5. Dashboards: panels and variables that filter on \`source_cluster="${c}"\` (or \`job="${job}"\`) show no data; remove the cluster from their variable lists and saved links.`,
    '',
  ].join('\n');
}
