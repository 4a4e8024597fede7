/**
 * Reads the dashboards of Grafana (HTTP API, service-account token): search, each dashboard by uid,
 * and the library panels they use. Raw JSON only; cost/ reads the queries out of it. I/O only: the
 * cost service keeps the answer for `usageTtlSeconds` and shares one read between callers.
 */
import { FederationOptions } from '../config/options';
import { libraryPanelUids } from './grafanaLibraryPanels';
import { httpGet } from './httpClient';
import { mapWithLimit } from './limit';
import { RequestCounter } from './requestCounter';
import { sourced } from './sourced';
import { GrafanaDashboards, Sourced } from './types';

/** Dashboards read at the same time: Grafana renders each from its database. */
const CONCURRENCY = 4;

type Json = Record<string, unknown>;

export class GrafanaCollector {
  constructor(
    private readonly options: FederationOptions,
    private readonly secrets: string[],
    private readonly counter?: RequestCounter,
  ) {}

  private async get(path: string, signal: AbortSignal): Promise<unknown> {
    const grafana = this.options.grafana!;
    this.counter?.add('grafana');
    const response = await httpGet(
      `${grafana.apiUrl ?? grafana.baseUrl}${path}`,
      {
        headers: { Authorization: `Bearer ${grafana.token}` },
        signal,
        limitBytes: this.options.maxResponseBytes,
      },
    );
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(response.body);
  }

  private read<T>(name: string, run: (signal: AbortSignal) => Promise<T>) {
    const seconds = this.options.upstreamTimeoutSeconds;
    return sourced(`Grafana ${name}`, seconds, this.secrets, run);
  }

  /** Undefined when Grafana or its token is not configured: usage then comes from rules alone. */
  async collect(): Promise<Sourced<GrafanaDashboards> | undefined> {
    const grafana = this.options.grafana;
    if (!grafana?.token) return undefined;
    return this.readAll(grafana.maxDashboards);
  }

  private async readAll(max: number): Promise<Sourced<GrafanaDashboards>> {
    const search = await this.read('/api/search', s =>
      this.get(`/api/search?type=dash-db&limit=${max}`, s),
    );
    if (!search.ok) return search;
    const hits = Array.isArray(search.value) ? (search.value as Json[]) : [];
    const uids = hits
      .map(h => h.uid)
      .filter((u): u is string => typeof u === 'string')
      .slice(0, max);
    const skipped: string[] = [];
    const dashboards: Json[] = [];
    const answers = await mapWithLimit(uids, CONCURRENCY, uid =>
      this.read(`dashboard ${uid}`, s =>
        this.get(`/api/dashboards/uid/${encodeURIComponent(uid)}`, s),
      ),
    );
    for (const answer of answers) {
      const dashboard = answer.ok
        ? (answer.value as Json)?.dashboard
        : undefined;
      if (dashboard && typeof dashboard === 'object')
        dashboards.push(dashboard as Json);
      else
        skipped.push(
          answer.ok ? 'a dashboard answer without dashboard' : answer.reason,
        );
    }
    const libraryPanels = await this.libraryPanels(dashboards, skipped);
    return { ok: true, value: { dashboards, libraryPanels, skipped } };
  }

  private async libraryPanels(
    dashboards: Json[],
    skipped: string[],
  ): Promise<Record<string, Json>> {
    const uids = [...new Set(dashboards.flatMap(libraryPanelUids))].sort();
    const answers = await mapWithLimit(uids, CONCURRENCY, uid =>
      this.read(`library panel ${uid}`, s =>
        this.get(`/api/library-elements/${encodeURIComponent(uid)}`, s),
      ),
    );
    const models: Record<string, Json> = Object.create(null);
    answers.forEach((answer, i) => {
      const result = answer.ok ? (answer.value as Json)?.result : undefined;
      const model = (result as Json | undefined)?.model;
      if (model && typeof model === 'object') models[uids[i]] = model as Json;
      else
        skipped.push(
          answer.ok ? `library panel ${uids[i]}: no model` : answer.reason,
        );
    });
    return models;
  }
}
