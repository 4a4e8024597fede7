import { STOP_BUDGET_MS } from './exitBackstop';

/** What `createBackend()` answers, as far as starting and stopping go. */
export interface StartableBackend {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Starts the backend; a start that fails (a configuration error, a plugin that cannot start)
 * prints why and exits non-zero at once, after closing what the start opened. Backstage alone
 * logs "Backend startup failed" and keeps the process running, never ready, with its server,
 * database pools and timers open.
 */
export async function startOrExit(
  backend: StartableBackend,
  exit: (code: number) => void = code => process.exit(code),
): Promise<void> {
  try {
    await backend.start();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    const backstop = setTimeout(() => exit(1), STOP_BUDGET_MS);
    backstop.unref();
    await backend.stop().catch(() => undefined);
    clearTimeout(backstop);
    exit(1);
  }
}
