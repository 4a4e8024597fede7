/**
 * The Prometheus queries of one Grafana dashboard (the JSON of `GET /api/dashboards/uid/<uid>`):
 * panel targets, panels nested in rows (current and old schema), library panels (their model, as
 * `GET /api/library-elements/<uid>` returns it) and template variables' queries.
 */
import { asArray, asObject, Json } from '../jsonShape';
import { readVariableQuery, variableQueryText } from './variableQuery';

export interface DashboardQuery {
  source: string;
  /** The dashboard or rule it belongs to: the pull request lists names by owner. */
  owner?: string;
  /** A PromQL expression, or a name regex from Grafana's metrics(…). */
  expr?: string;
  nameRegex?: string;
}

export interface DashboardReadOptions {
  /** Datasource uids or names of ops Prometheus; empty: any Prometheus datasource. */
  datasources: string[];
  /** Library panel models by uid, fetched beforehand. */
  libraryPanels: Record<string, Json>;
}

/**
 * Whether a datasource reference reads ops Prometheus. Unset means the default datasource, and a
 * variable (`${DS}`) can be ops Prometheus: both count, so that no used metric is missed.
 */
export function readsOpsPrometheus(
  reference: unknown,
  datasources: string[],
): boolean {
  if (reference === undefined || reference === null) return true;
  const ref = asObject(reference);
  const type = ref ? ref.type : undefined;
  const id = ref ? ref.uid : reference;
  if (typeof type === 'string' && type !== 'prometheus') return false;
  if (typeof id !== 'string') return true;
  if (id.includes('$') || id === '-- Mixed --') return true;
  if (id === '-- Grafana --' || id === 'grafana') return false;
  if (datasources.length === 0) return true;
  return datasources.includes(id);
}

function panelQueries(
  panel: Json,
  where: string,
  options: DashboardReadOptions,
  out: DashboardQuery[],
): void {
  const library = asObject(panel.libraryPanel);
  const libraryUid = library ? library.uid : undefined;
  const model =
    typeof libraryUid === 'string'
      ? options.libraryPanels[libraryUid]
      : undefined;
  // A library panel's queries live in its model, not in the dashboard.
  const source = model ?? panel;
  const title = String(source.title ?? source.id ?? '?');
  for (const target of asArray(source.targets)) {
    const datasource = target.datasource ?? source.datasource;
    if (typeof target.expr !== 'string' || target.hide === true) continue;
    if (!readsOpsPrometheus(datasource, options.datasources)) continue;
    out.push({
      source: `${where} panel "${title}" query ${target.refId ?? '?'}`,
      owner: where,
      expr: target.expr,
    });
  }
  // Rows (collapsed or not) and the old schema nest panels.
  for (const nested of asArray(source.panels)) {
    panelQueries(nested, where, options, out);
  }
}

function variableQueries(
  dashboard: Json,
  where: string,
  options: DashboardReadOptions,
  out: DashboardQuery[],
): void {
  const templating = asObject(dashboard.templating);
  for (const variable of asArray(templating ? templating.list : undefined)) {
    if (variable.type !== 'query') continue;
    if (!readsOpsPrometheus(variable.datasource, options.datasources)) continue;
    const text =
      variableQueryText(variable.query) ??
      variableQueryText(variable.definition);
    if (!text) continue;
    const source = `${where} variable ${String(variable.name)}`;
    const query = readVariableQuery(text);
    if (query.kind === 'promql')
      out.push({ source, owner: where, expr: query.expr });
    if (query.kind === 'nameRegex')
      out.push({ source, owner: where, nameRegex: query.regex });
  }
}

export function dashboardQueries(
  dashboard: Json,
  options: DashboardReadOptions,
): DashboardQuery[] {
  const where = `dashboard "${String(dashboard.title ?? dashboard.uid)}"`;
  const out: DashboardQuery[] = [];
  for (const panel of asArray(dashboard.panels)) {
    panelQueries(panel, where, options, out);
  }
  for (const row of asArray(dashboard.rows)) {
    panelQueries(row, where, options, out);
  }
  variableQueries(dashboard, where, options, out);
  return out;
}
