import { federateJobName } from '@promfed/plugin-prometheus-federation-common';

/**
 * Waits until ops Prometheus has one federate target per leaf, each scraped and in the health
 * expected: up, or down for the leaves in `expectDown` (a fleet's failing leaves).
 */
export async function waitForFederateTargetsUp(
  opsPort: number,
  clusters: string[],
  timeoutMs: number,
  expectDown: Set<string> = new Set(),
): Promise<void> {
  const expected = new Map(
    clusters.map(c => [federateJobName(c), expectDown.has(c) ? 'down' : 'up']),
  );
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
        expected.has(t.scrapePool),
      );
      const wrong = federate.filter(
        t => t.health !== expected.get(t.scrapePool),
      );
      if (federate.length === expected.size && wrong.length === 0) return;
      last = `${federate.length}/${expected.size} targets; ${wrong
        .slice(0, 5)
        .map(
          t =>
            `${t.scrapePool}=${t.health}${
              t.lastError ? ` (${t.lastError})` : ''
            }`,
        )
        .join(', ')}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise(r => setTimeout(r, clusters.length > 100 ? 500 : 250));
  }
  throw new Error(
    `ops federate targets not as expected after ${timeoutMs / 1000}s: ${last}`,
  );
}
