import {
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
  RequestContext,
  V1Ingress,
} from '@kubernetes/client-node';
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Agent } from 'undici';
import { ClusterOptions, FederationOptions } from '../config/options';
import { RequestCounter } from './requestCounter';
import { redact } from '../redact';
import { sourced } from './sourced';
import { NO_HTTP_ROUTE, readHttpRoute } from './gatewayApi';
import {
  CertificateFacts,
  HttpRouteFacts,
  IngressFacts,
  KubernetesFacts,
  Sourced,
} from './types';

/** The running read's abort signal: the client's requests are built deep inside its API classes. */
const requestSignal = new AsyncLocalStorage<AbortSignal>();

type ClientDispatcher = NonNullable<
  ReturnType<RequestContext['getDispatcher']>
>;

/**
 * Exec credential plugins (`aws eks get-token`, ...) get the source's timeout: the client spawns
 * them with none (@kubernetes/client-node 2.0.1's ExecAuth, not exported; its `execFn` is the
 * spawn it uses). Killed at the timeout, the plugin fails the request with a named error.
 */
export function limitExecCredentials(kc: KubeConfig, timeoutMs: number): void {
  const authenticators =
    (kc as unknown as { authenticators?: object[] }).authenticators ?? [];
  for (const auth of authenticators) {
    if (!('execFn' in auth)) continue;
    (auth as { execFn: typeof spawn }).execFn = ((
      command: string,
      args: string[],
      options: object,
    ) => {
      const child = spawn(command, args ?? [], {
        ...options,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      });
      child.once('exit', (_code, signal) => {
        // ExecAuth rejects with the plugin's stderr: say why it stopped.
        if (signal === 'SIGKILL')
          child.stderr?.emit(
            'data',
            `exec credential plugin ${command} gave no credential within ${timeoutMs} ms`,
          );
      });
      return child;
    }) as unknown as typeof spawn;
  }
}

/**
 * A KubeConfig that keeps one connection pool per leaf. The client builds a new undici dispatcher
 * for every request (a new TLS handshake each time), whose idle connections close after 4 s.
 * This builds one from the client's own TLS options, with a keep-alive that outlives the refresh
 * interval, so every refresh's Kubernetes calls ride the same connection. Credentials are still
 * applied per request (tokens can rotate).
 */
export class PooledKubeConfig extends KubeConfig {
  private connect?: object;
  // The client's undici and this package's are separate copies of the same major: one type for both.
  private dispatcher?: ClientDispatcher;

  constructor(
    private readonly pool: {
      keepAliveMs: number;
      timeoutMs: number;
      maxResponseBytes?: number;
    },
  ) {
    super();
    limitExecCredentials(this, pool.timeoutMs);
    // The client would build (and drop) a new undici Agent for every request: garbage per request
    // that grows the heap between collections at 1000 clusters. Once the pool exists, it answers.
    // (createDispatcher is private in the client's types, hence the instance property.)
    const self = this as unknown as {
      createDispatcher: (...args: unknown[]) => unknown;
    };
    const build = self.createDispatcher.bind(this);
    self.createDispatcher = (...args) => this.dispatcher ?? build(...args);
  }

  override createDispatcherOptions(
    ...args: Parameters<KubeConfig['createDispatcherOptions']>
  ) {
    const options = super.createDispatcherOptions(...args);
    if (options.type === 'agent') this.connect ??= options.connect;
    return options;
  }

  override async applySecurityAuthentication(
    context: RequestContext,
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    // Aborted at the source's timeout, so that a hung API server does not keep the request.
    const signal = requestSignal.getStore();
    if (signal) context.setSignal(signal);
    const fresh = context.getDispatcher();
    if (!fresh) return; // plain http without TLS options: the global dispatcher already keeps alive
    // Proxies keep the client's own dispatcher (reused, with its default keep-alive).
    this.dispatcher ??= this.connect
      ? (new Agent({
          connect: this.connect,
          keepAliveTimeout: this.pool.keepAliveMs,
          keepAliveMaxTimeout: this.pool.keepAliveMs,
          // A hung API server must not keep requests (and sockets) past the source's own timeout.
          headersTimeout: this.pool.timeoutMs,
          bodyTimeout: this.pool.timeoutMs,
          maxResponseSize: this.pool.maxResponseBytes,
        }) as unknown as ClientDispatcher)
      : fresh;
    context.setDispatcher(this.dispatcher);
  }
}

const inline = (file?: string, data?: string) =>
  data ?? (file ? fs.readFileSync(file).toString('base64') : undefined);

/** A KubeConfig for one leaf: a context of the kubeconfig file, or an API URL with a token. */
export function kubeConfigFor(
  cluster: ClusterOptions,
  kubeconfig: KubeConfig | string | undefined,
  pool: { keepAliveMs: number; timeoutMs: number; maxResponseBytes?: number },
): PooledKubeConfig {
  const access = cluster.kubernetes!;
  const kc = new PooledKubeConfig(pool);
  if (access.url) {
    kc.loadFromOptions({
      // The client refuses plain http unless skipTLSVerify is set; over http there is no TLS to verify
      // (kubectl proxy, the lab). https URLs are always verified, against caFile when given.
      clusters: [
        {
          name: cluster.name,
          server: access.url,
          caData: inline(access.caFile),
          skipTLSVerify: access.url.startsWith('http:'),
        },
      ],
      users: [{ name: cluster.name, token: access.token }],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: cluster.name },
      ],
      currentContext: cluster.name,
    });
  } else {
    const source =
      kubeconfig instanceof KubeConfig
        ? kubeconfig
        : loadKubeconfig(kubeconfig);
    // The client reads CA and client-certificate files on every request: read them once here.
    kc.loadFromOptions({
      clusters: source.clusters.map(c => ({
        ...c,
        caData: inline(c.caFile, c.caData),
        caFile: undefined,
      })),
      users: source.users.map(u => ({
        ...u,
        certData: inline(u.certFile, u.certData),
        certFile: undefined,
        keyData: inline(u.keyFile, u.keyData),
        keyFile: undefined,
      })),
      contexts: source.contexts,
      currentContext: access.context!,
    });
  }
  return kc;
}

/** The kubeconfig file (or the default one), parsed once for all leaves. */
export function loadKubeconfig(file?: string): KubeConfig {
  const kc = new KubeConfig();
  if (file) kc.loadFromFile(file);
  else kc.loadFromDefault();
  return kc;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

function describeError(error: unknown, what: string): Error {
  const code = (error as { code?: number })?.code;
  if (typeof code === 'number') {
    // ApiException messages embed the response body and headers; keep only the status.
    return new Error(`HTTP ${code} reading ${what}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function parseIngress(ingress: V1Ingress): IngressFacts {
  return {
    found: true,
    hosts: (ingress.spec?.rules ?? [])
      .map(r => r.host)
      .filter((h): h is string => !!h),
    tlsSecrets: (ingress.spec?.tls ?? [])
      .map(t => t.secretName)
      .filter((s): s is string => !!s),
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
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
    })),
    notAfter: status.notAfter,
    renewalTime: status.renewalTime,
    failedIssuanceAttempts: status.failedIssuanceAttempts,
  };
}

const NO_INGRESS: IngressFacts = {
  found: false,
  hosts: [],
  tlsSecrets: [],
  tlsHosts: [],
  loadBalancer: [],
};
const NO_CERTIFICATE: CertificateFacts = {
  found: false,
  dnsNames: [],
  conditions: [],
};

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
    { networking: NetworkingV1Api; custom: CustomObjectsApi }
  >();
  private kubeconfig?: KubeConfig;
  /**
   * Without a configured exposure, what the HTTPRoute probe found (issue 12: at most two requests
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
    if (!client) {
      if (!cluster.kubernetes!.url)
        this.kubeconfig ??= loadKubeconfig(this.options.kubeconfig);
      // Idle between two refreshes, the connection must stay open for the next one.
      const kc = kubeConfigFor(cluster, this.kubeconfig, {
        keepAliveMs: (this.options.refreshIntervalSeconds + 15) * 1000,
        timeoutMs: this.options.upstreamTimeoutSeconds * 1000,
        maxResponseBytes: this.options.maxResponseBytes,
      });
      client = {
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
