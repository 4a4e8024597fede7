import { Document, isMap, isScalar, isSeq } from 'yaml';
import { InputError } from '@backstage/errors';
import {
  CLUSTER_ISSUER,
  INGRESS_NAME,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import type { EditResult } from './editResult';
import { keepOrConflict } from './keepOrConflict';
import { PROMETHEUS_PORT, PROMETHEUS_SERVICE } from './prometheusService';
import { swapCluster } from './swapCluster';
import { parseYaml } from './yamlText';

export interface IngressOptions {
  cluster: string;
  /** `prometheus-<cluster>.<domain>`. */
  host: string;
  namespace: string;
  ingressClassName?: string;
  clusterIssuer?: string;
  /** The same file of another leaf (`prod-blue/...`), whose style the new one follows. */
  sibling?: { cluster: string; content: string };
}

/**
 * The leaf's Prometheus Ingress (see docs/federation-setup.md#leaf-exposure). With a sibling,
 * its text is the template: same comments, annotations and key order, with the sibling's host
 * and names swapped for the new cluster. `existing` is the current file, if any: the same
 * Ingress is "unchanged", another is a conflict.
 */
export function buildIngress(
  options: IngressOptions,
  existing?: string,
): EditResult {
  const content = options.sibling
    ? fromSibling(options, options.sibling)
    : fromScratch(options);
  return keepOrConflict('Ingress', content, existing, summarize);
}

/** The settings that matter for federation, to compare an existing Ingress with the wanted one. */
function summarize(ingress: any) {
  const rule = ingress?.spec?.rules?.[0];
  const backend = rule?.http?.paths?.[0]?.backend?.service;
  return {
    kind: ingress?.kind,
    name: ingress?.metadata?.name,
    namespace: ingress?.metadata?.namespace,
    host: rule?.host,
    service: backend?.name,
    port: backend?.port?.number,
    tlsHost: ingress?.spec?.tls?.[0]?.hosts?.[0],
    tlsSecret: ingress?.spec?.tls?.[0]?.secretName,
  };
}

function fromScratch(options: IngressOptions): string {
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: INGRESS_NAME,
      namespace: options.namespace,
      annotations: {
        'cert-manager.io/cluster-issuer':
          options.clusterIssuer ?? CLUSTER_ISSUER,
        'external-dns.alpha.kubernetes.io/hostname': options.host,
      },
    },
    spec: {
      ingressClassName: options.ingressClassName ?? 'nginx',
      tls: [
        { hosts: [options.host], secretName: tlsSecretName(options.cluster) },
      ],
      rules: [
        {
          host: options.host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: PROMETHEUS_SERVICE,
                    port: { number: PROMETHEUS_PORT },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  };
  return new Document(ingress).toString({ lineWidth: 0 });
}

function fromSibling(
  options: IngressOptions,
  sibling: { cluster: string; content: string },
): string {
  const doc = parseYaml(
    sibling.content,
    `The sibling Ingress of ${sibling.cluster}`,
  );
  const root = doc.contents;
  if (!isMap(root) || (root.get('kind') as unknown) !== 'Ingress') {
    throw new InputError(
      `The sibling Ingress of ${sibling.cluster} is not a single Ingress`,
    );
  }
  const siblingHost = root.getIn(['spec', 'rules', 0, 'host']);
  if (typeof siblingHost !== 'string') {
    throw new InputError(
      `The sibling Ingress of ${sibling.cluster} has no spec.rules[0].host`,
    );
  }
  swapCluster(doc, { cluster: sibling.cluster, host: siblingHost }, options);
  const spec = root.get('spec', true);
  if (isMap(spec)) {
    if (options.ingressClassName)
      spec.set('ingressClassName', options.ingressClassName);
    const tls = spec.get('tls', true);
    if (isSeq(tls) && isMap(tls.items[0])) {
      tls.items[0].set('secretName', tlsSecretName(options.cluster));
    }
  }
  if (options.clusterIssuer) {
    const annotations = root.getIn(['metadata', 'annotations'], true);
    if (isMap(annotations)) {
      const key = annotations.has('cert-manager.io/issuer')
        ? 'cert-manager.io/issuer'
        : 'cert-manager.io/cluster-issuer';
      const current = annotations.get(key, true);
      if (isScalar(current)) current.value = options.clusterIssuer;
      else annotations.set(key, options.clusterIssuer);
    }
  }
  root.setIn(['metadata', 'namespace'], options.namespace);
  return doc.toString({ lineWidth: 0 });
}
