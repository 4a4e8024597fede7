import {
  ClusterLinks,
  federateJobName,
} from '@promfed/plugin-prometheus-federation-common';
import { ClusterOptions, FederationOptions } from '../config/options';

/**
 * Grafana dashboards filtered to a cluster, and to an application when the dashboard has its
 * variable (docs/federation-setup.md#dashboards).
 */
export function dashboardLinks(
  options: FederationOptions,
  cluster: string,
  application?: string,
) {
  const grafana = options.grafana;
  if (!grafana) return [];
  return grafana.dashboards.map(d => {
    const params = new URLSearchParams({
      [`var-${d.clusterVariable}`]: cluster,
    });
    if (application && d.applicationVariable)
      params.set(`var-${d.applicationVariable}`, application);
    return {
      title: d.title,
      url: `${grafana.baseUrl}/d/${encodeURIComponent(d.uid)}?${params}`,
    };
  });
}

export function clusterLinks(
  options: FederationOptions,
  name: string,
  cluster?: ClusterOptions,
): ClusterLinks {
  const job = cluster?.federateJob ?? federateJobName(name);
  const prometheus =
    options.opsPrometheus.externalUrl ?? options.opsPrometheus.url;
  const links: ClusterLinks = {
    dashboards: dashboardLinks(options, name),
    prometheusTargets: `${prometheus}/targets?search=${encodeURIComponent(
      job,
    )}`,
    prometheusGraph: `${prometheus}/graph?g0.expr=${encodeURIComponent(
      `up{job="${job}"}`,
    )}`,
    prometheusAlerts: `${prometheus}/alerts`,
  };
  if (options.argocd) {
    const app = options.argocd.applicationName.replace(/\{cluster\}/g, name);
    links.argocd = `${options.argocd.baseUrl}/applications/${encodeURIComponent(
      app,
    )}`;
  }
  if (cluster?.aws) {
    const { region, nodeSecurityGroupId } = cluster.aws;
    links.awsSecurityGroup = `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#SecurityGroup:groupId=${nodeSecurityGroupId}`;
  }
  return links;
}
