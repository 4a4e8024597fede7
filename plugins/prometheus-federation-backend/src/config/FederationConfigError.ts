/** A configuration error that names the key and what to write instead. */
export class FederationConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`${key} ${problem}`);
    this.name = 'FederationConfigError';
  }
}

/** Stops reading the config: `<key> <problem>`, e.g. `...clusters[0].name must be ...`. */
export function fail(key: string, problem: string): never {
  throw new FederationConfigError(key, problem);
}
