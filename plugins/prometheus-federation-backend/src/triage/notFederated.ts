import {
  MONITORING_NAMESPACE,
  Remediation,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * What adds a configured cluster's federate job to ops Prometheus
 * (docs/federation-setup.md#federate-jobs): the scaffolder template, or the job that
 * buildFederateJob() produces, written into the scrape-config file.
 */
export function notFederatedRemediation(
  cluster: string,
  job: string,
): Remediation {
  const file = repositoryLayout(cluster).scrapeConfigs;
  return {
    summary: `Add the ${job} job to ops Prometheus: run the "Add cluster to federation" template (action prometheus-federation:cluster:add), or add the job buildFederateJob() produces under prometheus.prometheusSpec.additionalScrapeConfigs in ${file}.`,
    file,
    commands: [
      `kubectl get prometheus kube-prometheus-stack-prometheus -n ${MONITORING_NAMESPACE} --context=ops -o yaml | grep -A 20 additionalScrapeConfigs`,
    ],
  };
}
