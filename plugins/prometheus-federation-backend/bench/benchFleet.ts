/** The lab fleet and the `prometheusFederation` section the route benchmarks run with. */
import { startFleet } from '@promfed/federation-lab';

/**
 * A lab's or fleet's AWS keys into this process' environment (the backend's EC2 client reads
 * them), and the `prometheusFederation` section for it: one refresh an hour (the benchmarks
 * refresh themselves), 10 s upstream timeout, then `overrides`.
 */
export function benchFederation<T extends object>(
  lab: {
    awsCredentials: { accessKeyId: string; secretAccessKey: string };
    backendConfig: { prometheusFederation: T };
  },
  overrides: object = {},
) {
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  return {
    ...lab.backendConfig.prometheusFederation,
    refreshIntervalSeconds: 3600,
    upstreamTimeoutSeconds: 10,
    // The benchmarks refresh back to back, every 5 to 10 s: with 100 (the default 300 at 30 s
    // refreshes, scaled), healthy leaves' probes fall due again within the run.
    probeReuseSeconds: 100,
    ...overrides,
  };
}

/**
 * The lab fleet the fleet benchmarks run against: 10% of the clusters faulted, 200 series a
 * leaf, 15 s scrapes; with its benchFederation(), `overrides` last.
 */
export async function startBenchFleet(
  dir: string,
  size: number,
  basePort: number,
  overrides: object = {},
) {
  const fleet = await startFleet({
    dir,
    basePort,
    clusters: size,
    faultFraction: 0.1,
    seriesPerLeaf: 200,
    scrapeIntervalSeconds: 15,
  });
  return { fleet, federation: benchFederation(fleet, overrides) };
}
