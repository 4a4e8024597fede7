import { federateJobName } from '@promfed/plugin-prometheus-federation-common';

/** Polls `check` until it returns a value (not undefined), or fails with the last observation. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000}s waiting for ${what}${
      last ? `: ${String(last)}` : ''
    }`,
  );
}

export interface ActiveTarget {
  scrapePool: string;
  health: string;
  lastError: string;
  labels: Record<string, string>;
}

/** The ops Prometheus's active federate target of a cluster (real /api/v1/targets). */
export async function federateTarget(
  opsUrl: string,
  cluster: string,
): Promise<ActiveTarget | undefined> {
  const job = federateJobName(cluster);
  const res = await fetch(
    `${opsUrl}/api/v1/targets?state=active&scrapePool=${job}`,
  );
  const body = (await res.json()) as {
    data: { activeTargets: ActiveTarget[] };
  };
  return body.data.activeTargets.find(t => t.scrapePool === job);
}
