import {
  CheckId,
  CLUSTER_RESOURCES_APP,
  DiagnosisCause,
  federateJobName,
  INGRESS_NAME,
  leafHost,
  MONITORING_NAMESPACE,
  Remediation,
  repositoryLayout,
  ScrapeErrorCause,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import { federateJobPlace } from './federateJobPlace';

import { isMetricsCause, metricsRemediation } from './metricsRemediation';

export interface RemediationTarget {
  cluster: string;
  host?: string;
  /** The leaf's federate URL as the job scrapes it (scheme, host, port), with match[]=up. */
  federateUrl?: string;
  certificate?: { namespace: string; name: string };
  ingress?: { namespace: string; name: string };
  /** Set when the leaf is exposed by this HTTPRoute (Gateway API) instead of the Ingress. */
  httpRoute?: { namespace: string; name: string };
  nodeSecurityGroupId?: string;
  /** The ops scrape pool of the cluster's target: a ScrapeConfig's names where to edit the job. */
  scrapePool?: string;
}

/** A URL as one shell word: single-quoted, so `?` and `[]` reach curl as written. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const probeCommand = (url: string) =>
  `kubectl run -it --rm debug --image=curlimages/curl --restart=Never --context=ops -- curl ${shellQuote(
    url,
  )}`;

// The ops Prometheus runs in the same namespace as the leaves' (kube-prometheus-stack everywhere).
const opsLogs = `kubectl logs -n ${MONITORING_NAMESPACE} --context=ops -l app.kubernetes.io/name=prometheus | grep federate`;

/** Characters that need no quoting in a shell word (names of clusters, hosts, objects). */
const SHELL_SAFE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** Names from upstream labels reach the commands: refuse any a shell would interpret. */
function unsafeName(t: RemediationTarget): string | undefined {
  const names = [
    t.cluster,
    t.host,
    t.certificate?.namespace,
    t.certificate?.name,
    t.ingress?.namespace,
    t.ingress?.name,
    t.httpRoute?.namespace,
    t.httpRoute?.name,
    t.nodeSecurityGroupId,
  ];
  return names.find(n => n !== undefined && !SHELL_SAFE.test(n));
}

/**
 * What fixes a failing check: the file of the set-up or the commands of
 * docs/federation-setup.md#troubleshooting-order, with the cluster filled in.
 */
export function remediationFor(
  id: CheckId,
  t: RemediationTarget,
  cause?: DiagnosisCause,
): Remediation {
  const unsafe = unsafeName(t);
  if (unsafe !== undefined)
    return {
      summary: `The name ${JSON.stringify(
        unsafe,
      )} (from ops Prometheus labels) is not a plain name; no commands are given for it. Check the source_cluster label of the federate job.`,
      commands: [],
    };
  const c = t.cluster;
  const layout = repositoryLayout(c);
  const jobPlace = federateJobPlace(c, t.scrapePool);
  const host = t.host ?? leafHost(c, '<domain>');
  const url = t.federateUrl ?? `https://${host}/federate?match[]=up`;
  const ingress = t.ingress ?? {
    namespace: MONITORING_NAMESPACE,
    name: INGRESS_NAME,
  };
  const certificate = t.certificate ?? {
    namespace: MONITORING_NAMESPACE,
    name: tlsSecretName(c),
  };
  switch (id) {
    case 'ingress':
      return {
        summary: `Sync the ${c} cluster's ${CLUSTER_RESOURCES_APP} Argo CD application so that ${ingress.namespace}/${ingress.name} is deployed for ${host} and gets a load balancer address.`,
        file: layout.ingress,
        commands: [
          `kubectl get application ${CLUSTER_RESOURCES_APP} -n argocd --context=${c}`,
          `kubectl describe ingress ${ingress.name} -n ${ingress.namespace} --context=${c}`,
        ],
      };
    case 'dns':
      if (t.httpRoute)
        return {
          summary: `external-dns publishes ${host} from the HTTPRoute (its gateway-httproute source); check that it runs on ${c} with that source and owns the zone.`,
          commands: [
            `dig ${host}`,
            `kubectl describe httproute ${t.httpRoute.name} -n ${t.httpRoute.namespace} --context=${c}`,
          ],
        };
      return {
        summary: `external-dns publishes ${host} from the Ingress; check that it runs on ${c} and owns the zone.`,
        commands: [
          `dig ${host}`,
          `kubectl describe ingress ${ingress.name} -n ${ingress.namespace} --context=${c}`,
        ],
      };
    case 'certificate':
      return {
        summary: `cert-manager must issue and renew ${certificate.namespace}/${certificate.name} for ${host}; read its conditions and the CertificateRequest events.`,
        commands: [
          `kubectl describe certificate ${certificate.name} -n ${certificate.namespace} --context=${c}`,
          `kubectl get certificate -n ${certificate.namespace} --context=${c}`,
        ],
      };
    case 'security-group':
      return {
        summary: `Add the ingress rule allowing tcp 443 from the ops cluster to the ${c} node security group, then plan and apply.`,
        file: layout.terraform,
        commands: [
          'cd terraform && terraform plan',
          'terraform apply',
          `aws ec2 describe-security-group-rules --filters "Name=group-id,Values=${
            t.nodeSecurityGroupId ?? '<node-security-group-id>'
          }" --query 'SecurityGroupRules[*].[SecurityGroupRuleId,IsEgress,FromPort,ToPort,ReferencedGroupInfo.GroupId]' --output table`,
        ],
      };
    case 'connectivity':
      return {
        summary: `Test the federate endpoint from the ops cluster, as ops Prometheus sees it.`,
        commands: [probeCommand(url)],
      };
    case 'target':
      return targetRemediation(
        c,
        host,
        url,
        isMetricsCause(cause) ? undefined : cause,
        t.scrapePool,
      );
    case 'metrics':
      if (isMetricsCause(cause)) return metricsRemediation(c, cause);
      return {
        summary: `Check that ${c}'s applications expose /metrics, that ServiceMonitors/PodMonitors select them, and that the federate job's match[] (in ${jobPlace.where}) keeps the http series.`,
        file: jobPlace.file,
        commands: [
          `kubectl port-forward -n ${MONITORING_NAMESPACE} --context=${c} svc/kube-prometheus-stack-prometheus 9090:9090`,
          `curl 'http://localhost:9090/api/v1/query?query=http_request_duration_seconds_count'`,
          `kubectl get prometheus kube-prometheus-stack-prometheus -n ${MONITORING_NAMESPACE} --context=ops -o yaml | grep -A 20 additionalScrapeConfigs`,
        ],
      };
    case 'latency':
      return {
        summary: `The federate scrape of ${c} nears its timeout or sample limit: narrow match[] to the series the dashboards use, or raise scrape_timeout (at most the interval) and sample_limit, in ${jobPlace.where}.`,
        file: jobPlace.file,
        commands: [opsLogs],
      };
    default: {
      // A new CheckId without its remediation does not compile here.
      const missing: never = id;
      throw new Error(`No remediation for check ${missing}`);
    }
  }
}

function targetRemediation(
  c: string,
  host: string,
  url: string,
  cause?: ScrapeErrorCause,
  scrapePool?: string,
): Remediation {
  const job = federateJobName(c);
  const place = federateJobPlace(c, scrapePool);
  const federation = (summary: string): Remediation => ({
    summary: place.file ? summary : `${summary} Edit it in ${place.where}.`,
    file: place.file,
    commands: [opsLogs],
  });
  switch (cause) {
    case 'connection-refused':
      return {
        summary: `Nothing accepts connections for ${host}: check the ingress controller and the leaf Prometheus on ${c}.`,
        commands: [
          `kubectl get pods -n ${MONITORING_NAMESPACE} --context=${c}`,
          probeCommand(url),
        ],
      };
    case 'dns':
      return remediationFor('dns', { cluster: c, host });
    case 'tls':
      return remediationFor('certificate', { cluster: c, host });
    case 'timeout':
      return federation(
        `The federate response of ${c} takes longer than scrape_timeout: narrow match[] or raise scrape_timeout (at most the scrape interval) in ${job}.`,
      );
    case 'not-found':
      return federation(
        `The leaf answers 404: ${job} must use metrics_path /federate and the Ingress must route it to Prometheus.`,
      );
    case 'sample-limit':
      return federation(
        `${job} returns more samples than sample_limit: narrow match[] or raise sample_limit.`,
      );
    case 'body-size-limit':
      return federation(
        `The federate body of ${c} exceeds body_size_limit: narrow match[] or raise body_size_limit.`,
      );
    case 'http-vs-https':
      return federation(
        `The target answers plain HTTP to an HTTPS scrape: point ${job} at the Ingress on 443, or fix its scheme.`,
      );
    case 'login-redirect':
      return federation(
        `An auth proxy in front of ${host} redirects /federate to its login page: let ops Prometheus through (an allow-list of the ops source, or credentials in ${job}'s authorization), or route /federate around the proxy.`,
      );
    case 'invalid-content-type':
      return federation(
        `Something other than Prometheus answers for ${host} (a login page?): route /federate to the leaf Prometheus.`,
      );
    default:
      return federation(
        `Read the target's error on the ops Prometheus targets page and its logs.`,
      );
  }
}
