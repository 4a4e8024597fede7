import { ClusterOptions, FederationOptions } from '../config/options';
import {
  ClusterFacts,
  OpsPrometheusFacts,
  PromTarget,
  ScrapeJobConfig,
  Sourced,
} from '../collectors/types';

/** Everything the checks of one cluster may look at. Plain data: triage does no I/O. */
export interface TriageContext {
  name: string;
  /** Undefined when ops Prometheus federates the cluster but the config does not name it. */
  cluster?: ClusterOptions;
  options: FederationOptions;
  facts: ClusterFacts;
  ops: Sourced<OpsPrometheusFacts>;
  job: string;
  target?: PromTarget;
  scrapeJob?: ScrapeJobConfig;
  /** Seconds since the epoch. */
  now: number;
}
