/**
 * Federation cost on request, for the route and the MCP tool: what ops Prometheus and Grafana say
 * (collectors, I/O only), combined by `cost/` (pure). Each cluster's answer is kept for
 * `cost.cacheSeconds` and callers that arrive during a read share it; Grafana's dashboards are kept
 * for `grafana.usageTtlSeconds` and read once for every cluster. A read that is neither kept nor
 * running spends one of the caller's reads per minute (as refresh does): kept answers are free.
 */
import type {
  ClusterCost,
  FederationProof,
} from '@promfed/plugin-prometheus-federation-common';
import { CostReader } from '../collectors/costReader';
import { GrafanaCollector } from '../collectors/grafana';
import { CostFacts, GrafanaDashboards, Sourced } from '../collectors/types';
import { clusterCost } from '../cost/clusterCost';
import { federationProof } from '../cost/proof';
import { SharedRead } from './sharedRead';

/** The caller asked for more fresh reads than the budget allows. */
export class CostBudgetExceeded extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many cost reads: try again in ${retryAfterSeconds}s (answers read in the last minute are served without limit)`,
    );
    this.name = 'TooManyRequestsError';
  }
}

export interface CostServiceOptions {
  reader: Pick<CostReader, 'read'>;
  /** Absent without Grafana: usage then comes from the rules alone. */
  grafana?: Pick<GrafanaCollector, 'collect'>;
  /** Datasource uids or names of ops Prometheus in dashboards; empty: any Prometheus. */
  datasources: string[];
  cacheSeconds: number;
  usageTtlSeconds: number;
  /** Fresh reads per user: 0 when allowed now, else the seconds to wait. */
  budget: { take(user: string): number };
  now?: () => number;
}

/** One read of a cluster: what was read, and the cost computed from it. */
interface CostRead {
  facts: CostFacts;
  cost: ClusterCost;
}

export class CostService {
  private readonly answers: SharedRead<CostRead>;
  private readonly dashboards: SharedRead<
    Sourced<GrafanaDashboards> | undefined
  >;
  private readonly now: () => number;

  constructor(private readonly options: CostServiceOptions) {
    this.now = options.now ?? Date.now;
    // An answer without volume (ops Prometheus failed) is read again by the next caller.
    this.answers = new SharedRead(
      options.cacheSeconds * 1000,
      this.now,
      undefined,
      read => read.cost.volume !== undefined,
    );
    // A failed Grafana read is retried by the next caller, not kept for the whole TTL.
    this.dashboards = new SharedRead(
      options.usageTtlSeconds * 1000,
      this.now,
      1,
      value => value?.ok === true,
    );
  }

  /** One cluster's cost, for `user` (who spends the budget when a read must start). */
  async cost(cluster: string, user: string): Promise<ClusterCost> {
    return (await this.shared(cluster, user)).cost;
  }

  /**
   * After a narrowing is live: whether every used query still has data for the cluster, from the
   * same read as the cost (kept and shared alike).
   */
  async proof(cluster: string, user: string): Promise<FederationProof> {
    const { facts } = await this.shared(cluster, user);
    return federationProof(facts, { datasources: this.options.datasources });
  }

  private shared(cluster: string, user: string): Promise<CostRead> {
    const kept = this.answers.fresh(cluster);
    if (kept) return Promise.resolve(kept);
    if (!this.answers.reading(cluster)) {
      const retryAfter = this.options.budget.take(user);
      if (retryAfter > 0)
        return Promise.reject(new CostBudgetExceeded(retryAfter));
    }
    return this.answers.get(cluster, () => this.read(cluster));
  }

  private async read(cluster: string): Promise<CostRead> {
    const nowSeconds = this.now() / 1000;
    const grafana = this.options.grafana;
    const [ops, dashboards] = await Promise.all([
      this.options.reader.read(cluster, nowSeconds),
      grafana
        ? this.dashboards.get('grafana', () => grafana.collect())
        : undefined,
    ]);
    const facts: CostFacts = { ...ops, dashboards };
    const cost = await clusterCost(facts, {
      datasources: this.options.datasources,
      nowSeconds,
    });
    return { facts, cost };
  }
}
