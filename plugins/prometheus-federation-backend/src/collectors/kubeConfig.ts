import { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { EksTokens } from './eksToken';
import { sharedAgent } from './sharedAgent';
import { ClusterOptions } from '../config/options';

/** The running read's abort signal: the client's requests are built deep inside its API classes. */
export const requestSignal = new AsyncLocalStorage<AbortSignal>();

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
      /** A token made per request (EKS), instead of the user's static credentials. */
      bearer?: () => Promise<string>;
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
    if (this.pool.bearer)
      context.setHeaderParam(
        'Authorization',
        `Bearer ${await this.pool.bearer()}`,
      );
    // Aborted at the source's timeout, so that a hung API server does not keep the request.
    const signal = requestSignal.getStore();
    if (signal) context.setSignal(signal);
    const fresh = context.getDispatcher();
    if (!fresh) return; // plain http without TLS options: the global dispatcher already keeps alive
    // Proxies keep the client's own dispatcher (reused, with its default keep-alive).
    // Shared with every leaf of the same TLS options (sharedAgent.ts): one pool per API endpoint.
    this.dispatcher ??= this.connect
      ? (sharedAgent(this.connect, this.pool) as unknown as ClientDispatcher)
      : fresh;
    context.setDispatcher(this.dispatcher);
  }
}

const inline = (file?: string, data?: string) =>
  data ?? (file ? fs.readFileSync(file).toString('base64') : undefined);

/**
 * A KubeConfig for one leaf: a context of the kubeconfig file, or an API URL with a token (from
 * app-config, or a catalog cluster's service account token) or an EKS token made per request.
 */
export function kubeConfigFor(
  cluster: ClusterOptions,
  kubeconfig: KubeConfig | string | undefined,
  pool: { keepAliveMs: number; timeoutMs: number; maxResponseBytes?: number },
  eks?: EksTokens,
): PooledKubeConfig {
  const access = cluster.kubernetes!;
  const aws = access.aws;
  const tokens = aws ? eks ?? new EksTokens() : undefined;
  const kc = new PooledKubeConfig({
    ...pool,
    bearer: aws ? () => tokens!.token(aws.clusterId, aws.region) : undefined,
  });
  if (access.url) {
    kc.loadFromOptions({
      // The client refuses plain http unless skipTLSVerify is set; over http there is no TLS to verify
      // (kubectl proxy, the lab). https URLs are always verified, against caFile when given.
      clusters: [
        {
          name: cluster.name,
          server: access.url,
          caData: access.caData ?? inline(access.caFile),
          skipTLSVerify:
            access.url.startsWith('http:') || access.skipTlsVerify === true,
        },
      ],
      // EKS: no static user; the bearer is made per request (above).
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
    // Only this leaf's context, cluster and user: a copy of the whole file per leaf is 1000 ×
    // 3000 entries at 1000 clusters, most of the backend's heap.
    const context = source.contexts.find(c => c.name === access.context);
    // The client reads CA and client-certificate files on every request: read them once here.
    kc.loadFromOptions({
      clusters: source.clusters
        .filter(c => c.name === context?.cluster)
        .map(c => ({
          ...c,
          caData: inline(c.caFile, c.caData),
          caFile: undefined,
        })),
      users: source.users
        .filter(u => u.name === context?.user)
        .map(u => ({
          ...u,
          certData: inline(u.certFile, u.certData),
          certFile: undefined,
          keyData: inline(u.keyFile, u.keyData),
          keyFile: undefined,
        })),
      contexts: context ? [context] : [],
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
