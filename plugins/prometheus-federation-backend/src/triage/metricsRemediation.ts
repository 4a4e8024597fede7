import {
  DiagnosisCause,
  federateJobName,
  METRICS_CAUSE_TEXT,
  MetricsCause,
  MONITORING_NAMESPACE,
  Remediation,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';

export function isMetricsCause(
  cause: DiagnosisCause | undefined,
): cause is MetricsCause {
  return cause !== undefined && cause in METRICS_CAUSE_TEXT;
}

/** What fixes each cause of missing metrics (triage/metricsCauses.ts), in on-call words. */
export function metricsRemediation(
  cluster: string,
  cause: MetricsCause,
): Remediation {
  const job = federateJobName(cluster);
  const file = repositoryLayout(cluster).scrapeConfigs;
  const leaf = (summary: string, commands: string[]): Remediation => ({
    summary,
    commands,
  });
  switch (cause) {
    case 'honor-labels-missing':
      return {
        summary: `Set honor_labels: true on ${job}, so that ${cluster}'s series keep their own job and instance; dashboards and alerts then see them again.`,
        file,
      };
    case 'selector-selects-nothing':
      return {
        summary: `${job}'s match[] selects no series on ${cluster}: correct the selector (a typo, a renamed metric) so that it selects the http series, e.g. {__name__=~"http_.*"}.`,
        file,
      };
    case 'wrong-metrics-path':
      return {
        summary: `Set metrics_path: /federate on ${job}; /metrics is the leaf Prometheus' own metrics.`,
        file,
      };
    case 'application-target-down':
      return leaf(
        `Federation works; on ${cluster} the leaf Prometheus cannot scrape the application. Look at the application's pods and its ServiceMonitor on the leaf.`,
        [
          `kubectl get pods -A --context=${cluster} | grep -v Running`,
          `kubectl get servicemonitors -A --context=${cluster}`,
          `kubectl port-forward -n ${MONITORING_NAMESPACE} --context=${cluster} svc/kube-prometheus-stack-prometheus 9090:9090`,
        ],
      );
    default: {
      const missing: never = cause;
      throw new Error(`No remediation for metrics cause ${missing}`);
    }
  }
}
