/**
 * The wire shape of `GET /clusters/:name/cost`: one cluster's federation volume, which metric
 * names ops rules and dashboards use, and the narrowest `match[]` that keeps them.
 */

/** A rule or dashboard query the PromQL grammar could not read: its names are kept anyway. */
export interface UnparsableQuery {
  /** Where it is, in words: `dashboard "Application Errors" panel "Latency" query A`. */
  source: string;
  expr: string;
  error: string;
  /** Names the partial parse still found: kept, never dropped. */
  names: string[];
}

/** A `__name__` regex that RE2 refuses, or too long to evaluate: its query may read any name. */
export interface InvalidRegex {
  /** Where it is, in words, as for an unparsable query. */
  source: string;
  pattern: string;
  error: string;
}

/** One dashboard or rule and the names of this cluster it reads. */
export interface NamesByOwner {
  /** `dashboard "Application Errors"`, `alert group/Name` or `recording rule group/name`. */
  owner: string;
  names: string[];
}

export interface VolumeFigures {
  series: number;
  samplesPerScrape?: number;
  bodyBytes?: number;
}

export interface NarrowingProposal {
  cluster: string;
  /**
   * The proposed `match[]` list, verified before it is shown: every selector compiles under RE2,
   * every used name is matched, and each selector and the whole list fit the match[] limits.
   */
  selectors: string[];
  /** False when some query selects every name: the job stays match-all. */
  narrowed: boolean;
  /** Why the proposal has this form, in words. */
  reason: string;
  keptNames: string[];
  droppedNames: string[];
  /** Per dashboard and rule, the names of this cluster it reads: the pull request lists them. */
  namesByOwner: NamesByOwner[];
  before: VolumeFigures;
  /** Samples and bytes after are estimated from the share of series kept. */
  after: VolumeFigures;
  /** Percent of series saved, rounded to one decimal. */
  savedPercent: number;
}

/** One step of the federate job's scrape over the last hours, for the cost chart. */
export interface CostPoint {
  /** Unix seconds. */
  at: number;
  durationSeconds?: number;
  timeoutSeconds?: number;
  /** Samples per scrape: one per federated series. */
  series?: number;
  /** `scrape_body_size_bytes` (extra-scrape-metrics). */
  bodyBytes?: number;
}

/** A used query that lost its data for the cluster: what it is and the names to add back. */
export interface LostQuery {
  /** `dashboard "Application Errors" panel "Latency" query A`, `alert group/Name`. */
  source: string;
  /** The dashboard or rule it belongs to. */
  owner: string;
  expr: string;
  /** Names (or patterns) the job's match[] no longer selects; add them back to restore it. */
  names: string[];
}

/**
 * After a narrowing is live: whether every query the usage came from still has data for the
 * cluster, and what the narrowing saved as measured (the job's scrape history: the last scrape
 * before the drop against the last one; none while the history shows no drop).
 */
export interface FederationProof {
  cluster: string;
  job: string;
  /** The job's match[] as ops Prometheus scrapes it now. */
  selectors: string[];
  /** Queries that read at least one name of this cluster (or lost one). */
  usedQueries: number;
  /** Of those, the ones whose every selector still selects a federated series. */
  withData: number;
  lost: LostQuery[];
  measured?: { before: VolumeFigures; after: VolumeFigures };
  /** Sources that could not be read, in words; with any, no proof is claimed. */
  notes: string[];
}

export interface ClusterCost {
  cluster: string;
  job: string;
  volume?: {
    series: number;
    names: number;
    top: Array<{ name: string; series: number; used: boolean }>;
    samplesPerScrape?: number;
    bodyBytes?: number;
    durationSeconds?: number;
    timeoutSeconds?: number;
    /** When the scrape reaches its timeout at the last hour's rate (unix seconds). */
    timeoutReachedAt?: number;
  };
  usage?: {
    /** Names of this cluster's series that rules or dashboards use. */
    usedNames: string[];
    queries: number;
    dashboards: number;
    unparsable: UnparsableQuery[];
    /** Regexes RE2 refuses: their queries count as reading any name, so nothing is narrowed. */
    invalidRegexes: InvalidRegex[];
    /** Queries that select every name (no narrowing possible while they exist). */
    selectsEverything: string[];
  };
  /** The last 6 h at a 5-minute step, oldest first; absent when ops Prometheus had no range data. */
  history?: CostPoint[];
  /** Absent when usage could not be read completely: a guess could drop a used metric. */
  proposal?: NarrowingProposal;
  /** Sources that could not be read or were not configured, in words. */
  notes: string[];
}
