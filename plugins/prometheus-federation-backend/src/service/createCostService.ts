import { CostReader } from '../collectors/costReader';
import { GrafanaCollector } from '../collectors/grafana';
import { FederationOptions } from '../config/options';
import { secretsOf } from '../redact';
import { RefreshBudget } from './refreshBudget';
import { CostService } from './CostService';

/** The cost service of a configured plugin: its collectors, cache times and per-user budget. */
export function createCostService(
  options: FederationOptions,
  now?: () => number,
): CostService {
  return new CostService({
    reader: new CostReader(options),
    grafana: new GrafanaCollector(options, secretsOf(options)),
    datasources: options.grafana?.datasources ?? [],
    cacheSeconds: options.cost.cacheSeconds,
    usageTtlSeconds: options.grafana?.usageTtlSeconds ?? 0,
    budget: new RefreshBudget(options.cost.perUserPerMinute, now),
    now,
  });
}
