export interface Config {
  /** Health of multi-cluster Prometheus federation. */
  prometheusFederation?: {
    /** How often the backend collects a snapshot. Default 30. */
    refreshIntervalSeconds?: number;
    /** Per-upstream timeout for one collection step. Default 5. */
    upstreamTimeoutSeconds?: number;
    /**
     * Largest upstream answer read, in bytes (ops Prometheus, Kubernetes, the federate probe).
     * A larger answer makes that source unknown. Default 16777216 (16 MB).
     */
    maxResponseBytes?: number;
    /**
     * A leaf whose federate target ops Prometheus scrapes without error, whose last probe (TLS
     * handshake and GET) was healthy, and whose Certificate, Ingress or HTTPRoute, DNS answer and
     * federate job have not changed since, is probed again after at most this long (each leaf
     * after between half of it and all of it); meanwhile its checks show that probe, with its
     * time. Any change or failure probes it at the next refresh. 0 probes every leaf at every
     * refresh. Default 300.
     */
    probeReuseSeconds?: number;
    /**
     * Reads in flight per upstream kind, each bounded on its own: a slow kind queues its own reads
     * only. A collection that outlasts refreshIntervalSeconds is reported (warning collection-slow).
     */
    concurrency?: {
      /** Requests to ops Prometheus at once (its agent's sockets). Default 10. */
      opsPrometheus?: number;
      /** Clusters whose Kubernetes API is read at once (two requests each). Default 32. */
      kubernetes?: number;
      /** TLS handshakes and federate probes at once. Default 32. */
      probe?: number;
      /** DNS lookups at once. Default 32. */
      dns?: number;
      /** EC2 regions read at once (pages and batches of a region go one after the other). Default 4. */
      ec2?: number;
    };

    /** Clusters after the add template, until healthy (see GET /onboarding). */
    onboarding?: {
      /** A step that has not passed for this long warns as stuck, with its remediation. Default 30. */
      stuckAfterMinutes?: number;
    };

    /** POST /refresh, which collects now instead of at the next interval. */
    refresh?: {
      /**
       * A refresh answers the current snapshot, without collecting, when it is younger than this.
       * Default 30.
       */
      minAgeSeconds?: number;
      /**
       * Refreshes one user may ask for per minute (counted per backend replica); beyond it the
       * route answers 429 with a Retry-After header in seconds. 0 means no limit. Default 6.
       */
      perUserPerMinute?: number;
    };

    /** GET /clusters/:name/cost and the federation-cost MCP tool. */
    cost?: {
      /**
       * A cluster's cost answer is kept this long; callers during a read share it. Default 60.
       */
      cacheSeconds?: number;
      /**
       * Cost reads one user may start per minute (counted per backend replica; kept answers do not
       * count); beyond it the route answers 429 with a Retry-After header. 0 means no limit.
       * Default 6.
       */
      perUserPerMinute?: number;
    };

    /**
     * Backstage notifications to the owners of a cluster's entity (and of the applications
     * federated from it) when the cluster turns down or degraded, and when it recovers.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** A new state must hold this long before owners are told (no flapping). Default 120. */
      minStateSeconds?: number;
    };

    /** The ops Prometheus that scrapes every leaf's /federate. */
    opsPrometheus: {
      /** Base URL, with any path prefix, e.g. https://prometheus-ops.example.com/prometheus */
      url: string;
      /** Public URL for links, when the backend reaches Prometheus on another address. */
      externalUrl?: string;
      /** @visibility secret */
      bearerToken?: string;
      basicAuth?: {
        username: string;
        /** @visibility secret */
        password: string;
      };
      /** PEM file of the CA that signed the ops Prometheus certificate. */
      caFile?: string;
    };

    /** Grafana, for dashboard links filtered to a cluster or an application. */
    grafana?: {
      /** e.g. https://grafana-ops.talentos.darey.io */
      baseUrl: string;
      /** Default: the Application Errors dashboard with its source_cluster variable. */
      dashboards?: Array<{
        title: string;
        /** Dashboard uid, as in /d/<uid> */
        uid: string;
        /** Template variable that selects the cluster. Default source_cluster. */
        clusterVariable?: string;
        /** Template variable that selects the application, if the dashboard has one. */
        applicationVariable?: string;
      }>;
      /** Where the backend calls the Grafana API, when not baseUrl. */
      apiUrl?: string;
      /**
       * Service-account token (Viewer) to read dashboards for metric usage (cost of federation).
       * @visibility secret
       */
      token?: string;
      /** Datasource uids or names that read ops Prometheus. Default: every Prometheus datasource. */
      datasources?: string[];
      /** How long dashboards read for usage are kept. Default 600. */
      usageTtlSeconds?: number;
      /** At most this many dashboards are read. Default 1000. */
      maxDashboards?: number;
    };

    /** Argo CD, for links to each leaf's cluster-resources application. */
    argocd?: {
      baseUrl: string;
      /** Application name; `{cluster}` is replaced. Default `cluster-resources`. */
      applicationName?: string;
    };

    /** Resolver for the DNS check, e.g. ['10.0.0.2'] or ['127.0.0.1:15353']. Default: the system's. */
    dns?: {
      servers?: string[];
    };

    /** Extra CA (PEM file) trusted when the backend checks the certificate each leaf serves. */
    tls?: {
      caFile?: string;
    };

    /** Label that names an application in federated http series. Default `job`. */
    applicationLabel?: string;
    /** Selector of the http series whose arrival the metrics check watches. */
    httpMetricsSelector?: string;
    /**
     * Clusters failing one check with one cause in a refresh before the status page and
     * list-clusters lead with it as a shared cause ("is it them or us?"). Default 5, at least 2.
     */
    sharedCauseThreshold?: number;

    /** AWS access for the security group check. Credentials come from the default chain. */
    aws?: {
      /** Endpoint override (VPC endpoint, or the local lab). */
      endpoint?: string;
      /** Source allowed to reach the leaves on tcp 443: the ops security group, or the ops NAT CIDR. */
      opsSource?: {
        securityGroupId?: string;
        cidr?: string;
      };
    };

    /** Kubeconfig file for clusters that use `kubernetes.context`. Default: the standard lookup. */
    kubeconfig?: string;

    /**
     * Clusters from the catalog: Resource entities of type kubernetes-cluster with the
     * prometheus-federation.io/cluster annotation, read at every refresh and merged with `clusters`
     * (an entry there wins field by field). An entity may only make the backend contact hosts that
     * match the patterns below; a refused entity is listed as a set-up warning with its reason.
     */
    discovery?: {
      /** Default true when the section is present. */
      enabled?: boolean;
      /** Entity namespaces that count. Default: all. */
      namespaces?: string[];
      /** Owners whose entities count, as entity refs (group:default/platform). Default: all. */
      owners?: string[];
      /** Origin location prefixes (backstage.io/managed-by-origin-location) that count. Default: all. */
      locations?: string[];
      /** Leaf host patterns an entity may name; `*` matches within a host, e.g. `*.example.com`. Required. */
      allowedHosts: string[];
      /** API server URL patterns, e.g. `https://*.eks.amazonaws.com`. Default: none (no Kubernetes access from entities). */
      allowedApiServers?: string[];
      /** AWS region patterns, e.g. `eu-*`. Default: none (no security group check from entities). */
      allowedRegions?: string[];
      /** Tokens for catalog clusters whose kubernetes.io/auth-provider is serviceAccount (the default). */
      serviceAccountTokens?: Array<{
        /** The cluster name (the entity's prometheus-federation.io/cluster). */
        cluster: string;
        /** @visibility secret */
        token: string;
      }>;
      /** Entities per catalog request. Default 500. */
      pageSize?: number;
      /** At most this many catalog clusters. Default 5000. */
      maxClusters?: number;
    };

    /** Clusters to check. Clusters that ops Prometheus federates but are not named here are listed too. */
    clusters?: Array<{
      /** Cluster name, as in federate-<name> and source_cluster. */
      name: string;
      /** Catalog entity of the cluster. Default resource:default/<name>. */
      entityRef?: string;
      /** The leaf Prometheus host name served by the Ingress. */
      prometheus: {
        host: string;
        /** Default 443. */
        port?: number;
      };
      /** Default federate-<name>. */
      federateJob?: string;
      kubernetes?: {
        /** A context of the kubeconfig. */
        context?: string;
        /** Or the API server URL with a token. */
        url?: string;
        /** @visibility secret */
        token?: string;
        caFile?: string;
      };
      /** Default namespace monitoring, name prometheus-<name>-tls. */
      certificate?: { namespace?: string; name?: string };
      /** Default namespace monitoring, name prometheus-ingress. */
      ingress?: { namespace?: string; name?: string };
      /** ingress (an Ingress) or gateway (a Gateway API HTTPRoute). Default: the Ingress, else the HTTPRoute when no Ingress exists. */
      exposure?: 'ingress' | 'gateway';
      /** Default namespace monitoring, name prometheus (gateway exposure). */
      httpRoute?: { namespace?: string; name?: string };
      aws?: {
        region: string;
        /** The leaf's node security group, e.g. sg-0123456789abcdef0 */
        nodeSecurityGroupId: string;
        /** Overrides prometheusFederation.aws.opsSource for this cluster. */
        opsSource?: {
          securityGroupId?: string;
          cidr?: string;
        };
      };
    }>;
  };
}
