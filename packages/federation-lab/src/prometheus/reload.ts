/** Asks ops Prometheus to read its configuration file again; a refusal (a bad config) throws. */
export async function reloadOpsPrometheus(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/-/reload`, { method: 'POST' });
  if (!res.ok)
    throw new Error(
      `ops Prometheus rejected the reload: HTTP ${
        res.status
      } ${await res.text()}`,
    );
}
