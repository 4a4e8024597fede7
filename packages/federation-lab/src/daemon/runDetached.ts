/**
 * The life of a detached daemon process: start; stop and exit on SIGTERM or SIGINT (what `stop`
 * sends); on a failed start, `failed` records why (after which the process exits 1).
 */
export async function runDetached(o: {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  failed(error: string): Promise<void>;
}): Promise<void> {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await o.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  try {
    await o.start();
    process.stdout.write(`${o.name} ready\n`);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${o.name} failed to start: ${error}\n`);
    stopping = true;
    await o.failed(error).catch(() => undefined);
    process.exit(1);
  }
}
