export interface Config {
  permission?: {
    prometheusFederation?: {
      /**
       * Groups (entity refs, e.g. group:default/platform) whose members may ask the
       * prometheus-federation backend for an immediate re-collection.
       */
      refreshGroups?: string[];
    };
  };
}
