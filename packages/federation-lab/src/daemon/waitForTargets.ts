import { federateJobName } from '@internal/plugin-prometheus-federation-common';

/** Waits until ops Prometheus has one federate target per leaf, all up. */
export async function waitForFederateTargetsUp(
  opsPort: number,
  clusters: string[],
  timeoutMs: number,
): Promise<void> {
  const jobs = new Set(clusters.map(federateJobName));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(
        `http://127.0.0.1:${opsPort}/api/v1/targets?state=active`,
      );
      const body = (await res.json()) as {
        data: {
          activeTargets: Array<{
            scrapePool: string;
            health: string;
            lastError: string;
          }>;
        };
      };
      const federate = body.data.activeTargets.filter(t =>
        jobs.has(t.scrapePool),
      );
      if (
        federate.length === jobs.size &&
        federate.every(t => t.health === 'up')
      )
        return;
      last = federate
        .map(
          t =>
            `${t.scrapePool}=${t.health}${
              t.lastError ? ` (${t.lastError})` : ''
            }`,
        )
        .join(', ');
    } catch (e) {
      last = String(e);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `ops federate targets not up after ${timeoutMs / 1000}s: ${last}`,
  );
}
