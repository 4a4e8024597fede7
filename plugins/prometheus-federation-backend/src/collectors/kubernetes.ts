import {
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
  V1Ingress,
} from '@kubernetes/client-node';
import { ClusterOptions, FederationOptions } from '../config/options';
import { RequestCounter } from './requestCounter';
import { sourced } from './sourced';
import { CertificateFacts, IngressFacts, KubernetesFacts, Sourced } from './types';

/** A KubeConfig for one leaf: a context of the kubeconfig file, or an API URL with a token. */
export function kubeConfigFor(cluster: ClusterOptions, kubeconfigFile?: string): KubeConfig {
  const access = cluster.kubernetes!;
  const kc = new KubeConfig();
  if (access.url) {
    kc.loadFromOptions({
      // The client refuses plain http unless skipTLSVerify is set; over http there is no TLS to verify
      // (kubectl proxy, the lab). https URLs are always verified, against caFile when given.
      clusters: [{ name: cluster.name, server: access.url, caFile: access.caFile, skipTLSVerify: access.url.startsWith('http:') }],
      users: [{ name: cluster.name, token: access.token }],
      contexts: [{ name: cluster.name, cluster: cluster.name, user: cluster.name }],
      currentContext: cluster.name,
    });
  } else {
    if (kubeconfigFile) kc.loadFromFile(kubeconfigFile);
    else kc.loadFromDefault();
    kc.setCurrentContext(access.context!);
  }
  return kc;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

function describeError(error: unknown, what: string): Error {
  const code = (error as { code?: number })?.code;
  if (typeof code === 'number') {
    // ApiException messages embed the response body and headers; keep only the status.
    return new Error(`Kubernetes API answered HTTP ${code} reading ${what}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function parseIngress(ingress: V1Ingress): IngressFacts {
  return {
    found: true,
    hosts: (ingress.spec?.rules ?? []).map(r => r.host).filter((h): h is string => !!h),
    tlsSecrets: (ingress.spec?.tls ?? []).map(t => t.secretName).filter((s): s is string => !!s),
    tlsHosts: (ingress.spec?.tls ?? []).flatMap(t => t.hosts ?? []),
    loadBalancer: (ingress.status?.loadBalancer?.ingress ?? []).map(i => ({
      ip: i.ip,
      hostname: i.hostname,
    })),
  };
}

export function parseCertificate(object: any): CertificateFacts {
  const status = object?.status ?? {};
  return {
    found: true,
    dnsNames: object?.spec?.dnsNames ?? [],
    secretName: object?.spec?.secretName,
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
    })),
    notAfter: status.notAfter,
    notBefore: status.notBefore,
    renewalTime: status.renewalTime,
    failedIssuanceAttempts: status.failedIssuanceAttempts,
    lastFailureTime: status.lastFailureTime,
  };
}

const NO_INGRESS: IngressFacts = { found: false, hosts: [], tlsSecrets: [], tlsHosts: [], loadBalancer: [] };
const NO_CERTIFICATE: CertificateFacts = { found: false, dnsNames: [], conditions: [] };

/** Reads the leaf's Ingress and cert-manager Certificate: two requests per cluster. */
export class KubernetesCollector {
  private readonly clients = new Map<string, { networking: NetworkingV1Api; custom: CustomObjectsApi }>();

  constructor(
    private readonly options: FederationOptions,
    private readonly secrets: string[],
    private readonly counter?: RequestCounter,
  ) {}

  private client(cluster: ClusterOptions) {
    let client = this.clients.get(cluster.name);
    if (!client) {
      const kc = kubeConfigFor(cluster, this.options.kubeconfig);
      client = { networking: kc.makeApiClient(NetworkingV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
      this.clients.set(cluster.name, client);
    }
    return client;
  }

  async collect(cluster: ClusterOptions): Promise<KubernetesFacts | undefined> {
    if (!cluster.kubernetes) return undefined;
    const seconds = this.options.upstreamTimeoutSeconds;
    let client: ReturnType<KubernetesCollector['client']>;
    try {
      client = this.client(cluster);
    } catch (error) {
      const reason = `Kubernetes access for ${cluster.name} could not be set up: ${(error as Error).message}`;
      const failed: Sourced<never> = { ok: false, reason };
      return { ingress: failed, certificate: failed };
    }
    const { ingress, certificate } = cluster;
    const [ingressFacts, certificateFacts] = await Promise.all([
      sourced(`Kubernetes API of ${cluster.name}`, seconds, this.secrets, async () => {
        this.counter?.add('kubernetes');
        try {
          return parseIngress(
            await client.networking.readNamespacedIngress({ name: ingress.name, namespace: ingress.namespace }),
          );
        } catch (error) {
          if (isNotFound(error)) return NO_INGRESS;
          throw describeError(error, `ingress ${ingress.namespace}/${ingress.name}`);
        }
      }),
      sourced(`Kubernetes API of ${cluster.name}`, seconds, this.secrets, async () => {
        this.counter?.add('kubernetes');
        try {
          return parseCertificate(
            await client.custom.getNamespacedCustomObject({
              group: 'cert-manager.io',
              version: 'v1',
              namespace: certificate.namespace,
              plural: 'certificates',
              name: certificate.name,
            }),
          );
        } catch (error) {
          if (isNotFound(error)) return NO_CERTIFICATE;
          throw describeError(error, `certificate ${certificate.namespace}/${certificate.name}`);
        }
      }),
    ]);
    return { ingress: ingressFacts, certificate: certificateFacts };
  }
}
