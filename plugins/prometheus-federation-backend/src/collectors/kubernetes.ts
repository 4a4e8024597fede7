import {
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import { ClusterOptions, FederationOptions } from '../config/options';
import { RequestCounter } from './requestCounter';
import { redact } from '../redact';
import { sourced } from './sourced';
import { NO_HTTP_ROUTE, readHttpRoute } from './gatewayApi';
import { EksTokens } from './eksToken';
import { kubeConfigFor, loadKubeconfig, requestSignal } from './kubeConfig';
import {
  describeError,
  isNotFound,
  NO_CERTIFICATE,
  NO_INGRESS,
  parseCertificate,
  parseIngress,
} from './kubernetesObjects';
import { HttpRouteFacts, KubernetesFacts, Sourced } from './types';

/** How long a missing HTTPRoute (no exposure configured, no Ingress) is believed before probing again. */
export const ROUTE_RECHECK_MS = 10 * 60_000;

/**
 * Reads the leaf's Ingress (or HTTPRoute and its Gateways) and cert-manager Certificate: two
 * requests per cluster, more for an HTTPRoute.
 */
export class KubernetesCollector {
  // Built once per leaf and kept: each holds the leaf's connection pool.
  private readonly clients = new Map<
    string,
    { access: string; networking: NetworkingV1Api; custom: CustomObjectsApi }
  >();
  /** EKS tokens of catalog clusters, from the backend's AWS credentials. */
  private readonly eks = new EksTokens();
  private kubeconfig?: KubeConfig;
  /**
   * Without a configured exposure, what the HTTPRoute probe found (at most two requests
   * per cluster): a detected gateway reads its HTTPRoute instead of the Ingress; a missing HTTPRoute
   * is probed again only after ROUTE_RECHECK_MS, not on every refresh.
   */
  private readonly detected = new Map<
    string,
    { exposure: 'gateway' | 'ingress'; at: number }
  >();

  constructor(
    private readonly options: FederationOptions,
    private readonly secrets: string[],
    private readonly counter?: RequestCounter,
  ) {}

  private client(cluster: ClusterOptions) {
    let client = this.clients.get(cluster.name);
    // A catalog cluster's access can change between refreshes: a new API server, a new token.
    const access = JSON.stringify(cluster.kubernetes);
    if (!client || client.access !== access) {
      if (!cluster.kubernetes!.url)
        this.kubeconfig ??= loadKubeconfig(this.options.kubeconfig);
      // Idle between two refreshes, the connection must stay open for the next one.
      const kc = kubeConfigFor(
        cluster,
        this.kubeconfig,
        {
          keepAliveMs: (this.options.refreshIntervalSeconds + 15) * 1000,
          timeoutMs: this.options.upstreamTimeoutSeconds * 1000,
          maxResponseBytes: this.options.maxResponseBytes,
        },
        this.eks,
      );
      client = {
        access,
        networking: kc.makeApiClient(NetworkingV1Api),
        custom: kc.makeApiClient(CustomObjectsApi),
      };
      this.clients.set(cluster.name, client);
    }
    return client;
  }

  async collect(cluster: ClusterOptions): Promise<KubernetesFacts | undefined> {
    if (!cluster.kubernetes) return undefined;
    const seconds = this.options.upstreamTimeoutSeconds;
    let client: ReturnType<KubernetesCollector['client']>;
    try {
      if (cluster.kubernetes.problem)
        throw new Error(cluster.kubernetes.problem);
      client = this.client(cluster);
    } catch (error) {
      // A kubeconfig parse error quotes the file, tokens included, after its first line.
      const reason = redact(
        `Kubernetes ${cluster.name}: access could not be set up: ${
          (error as Error).message.split('\n')[0]
        }`,
        this.secrets,
      );
      const failed: Sourced<never> = { ok: false, reason };
      return { ingress: failed, certificate: failed };
    }
    const { ingress, certificate } = cluster;
    // One object of the leaf's API; a 404 is a finding (the object is missing), not a failure.
    const read = <T>(what: string, missing: T, get: () => Promise<T>) =>
      sourced(
        `Kubernetes ${cluster.name}`,
        seconds,
        this.secrets,
        async signal => {
          this.counter?.add('kubernetes');
          try {
            return await requestSignal.run(signal, get);
          } catch (error) {
            if (isNotFound(error)) return missing;
            throw describeError(error, what);
          }
        },
      );
    const route = cluster.httpRoute;
    const readRoute = () =>
      read(`httproute ${route.namespace}/${route.name}`, NO_HTTP_ROUTE, () =>
        readHttpRoute(client.custom, route, isNotFound),
      );
    const detected = cluster.exposure
      ? undefined
      : this.detected.get(cluster.name);
    const gateway =
      cluster.exposure === 'gateway' || detected?.exposure === 'gateway';
    const probeRoute =
      !detected || Date.now() - detected.at >= ROUTE_RECHECK_MS;
    const [ingressFacts, routeFacts, certificateFacts] = await Promise.all([
      gateway
        ? Promise.resolve({ ok: true as const, value: NO_INGRESS })
        : read(
            `ingress ${ingress.namespace}/${ingress.name}`,
            NO_INGRESS,
            async () =>
              parseIngress(
                await client.networking.readNamespacedIngress({
                  name: ingress.name,
                  namespace: ingress.namespace,
                }),
              ),
          ),
      gateway ? readRoute() : undefined,
      read(
        `certificate ${certificate.namespace}/${certificate.name}`,
        NO_CERTIFICATE,
        async () =>
          parseCertificate(
            await client.custom.getNamespacedCustomObject({
              group: 'cert-manager.io',
              version: 'v1',
              namespace: certificate.namespace,
              plural: 'certificates',
              name: certificate.name,
            }),
          ),
      ),
    ]);
    // Without a configured exposure, a missing Ingress may mean the leaf uses an HTTPRoute.
    const httpRoute =
      routeFacts ??
      (!cluster.exposure &&
      probeRoute &&
      ingressFacts.ok &&
      !ingressFacts.value.found
        ? await readRoute()
        : undefined);
    if (!cluster.exposure)
      this.remember(
        cluster.name,
        ingressFacts.ok && ingressFacts.value.found,
        httpRoute,
      );
    return { ingress: ingressFacts, certificate: certificateFacts, httpRoute };
  }

  private remember(
    name: string,
    ingressFound: boolean,
    route: Sourced<HttpRouteFacts> | undefined,
  ) {
    const now = Date.now();
    if (ingressFound || (route && !route.ok)) this.detected.delete(name);
    else if (route?.ok && route.value.found)
      this.detected.set(name, { exposure: 'gateway', at: now });
    else if (route && this.detected.get(name)?.exposure === 'gateway')
      // The detected HTTPRoute went away: the next refresh reads the Ingress again.
      this.detected.delete(name);
    else if (route) this.detected.set(name, { exposure: 'ingress', at: now });
  }
}
