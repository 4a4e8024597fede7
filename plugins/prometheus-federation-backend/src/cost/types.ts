/** Shapes of the cost analysis: which metric names the ops side uses, and what a cluster sends. */
import type {
  InvalidRegex,
  NarrowingProposal,
  NamesByOwner,
  UnparsableQuery,
  VolumeFigures,
} from '@promfed/plugin-prometheus-federation-common';

export type {
  InvalidRegex,
  NarrowingProposal,
  NamesByOwner,
  UnparsableQuery,
  VolumeFigures,
};

/** One PromQL expression found in a rule, a dashboard panel or a dashboard variable. */
export interface UsedQuery {
  /** Where it was found, in words: `rule prometheus-federation-health/PrometheusFederationDown`. */
  source: string;
  /** The dashboard or rule it belongs to, when `source` names a part of it. */
  owner?: string;
  expr: string;
}

/** A condition on `__name__` as a selector states it (several in one selector are and-ed). */
export interface NameMatcher {
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** One vector selector's conditions on the metric name; none means every name. */
export interface NameSelector {
  matchers: NameMatcher[];
}

export interface ParsedQuery {
  selectors: NameSelector[];
  /** The parser's complaint; selectors are then best effort. */
  error?: string;
}

export interface MetricUsage {
  /** Known federated names that some query selects, sorted. */
  names: string[];
  /** What must stay federated, as regex alternatives (exact names escaped). */
  keepPatterns: string[];
  /** A query selects every name (a selector without a name, a negated name): no narrowing. */
  selectsEverything: string[];
  /** By used name: the sources that read it (at most a few each). */
  usedBy: Record<string, string[]>;
  /** By dashboard or rule: the names it reads, for the pull request. */
  namesByOwner: NamesByOwner[];
  unparsable: UnparsableQuery[];
  /** Regexes that do not compile (or are too long): their queries may read any name. */
  invalidRegexes: InvalidRegex[];
  queries: number;
}

/** What ops Prometheus says one cluster's federate job sends. */
export interface ClusterVolume {
  cluster: string;
  /** Federated series by metric name, for this `source_cluster`. */
  seriesByName: Record<string, number>;
  samplesPerScrape?: number;
  /** `scrape_body_size_bytes` (extra-scrape-metrics); absent without the feature. */
  bodyBytes?: number;
}
