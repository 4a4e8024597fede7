/**
 * How long a stop may take before the process exits anyway: inside the 5 s a replica has to
 * leave after SIGTERM (Kubernetes kills at 30 s; a rolling update waits for each replica).
 */
export const STOP_BUDGET_MS = 4000;

/** The kinds of handle still open (`TCPSocketWrap ×2, Timeout`), for the backstop's message. */
export function openHandles(): string {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind))
    .join(', ');
}

/** Where the stop signals come from: the process (a test gives its own emitter). */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * A bounded backstop behind Backstage's own stop, which exits once every shutdown hook is done:
 * should a hook still hang, the process exits non-zero after `budgetMs`, naming what is open.
 * The timer is unref'd: it never keeps a process alive that would otherwise end. Answers a
 * function that takes the backstop away again.
 */
export function exitAfterStopBudget(
  budgetMs = STOP_BUDGET_MS,
  exit: (code: number) => void = code => process.exit(code),
  signals: SignalSource = process,
): () => void {
  const arm = (signal: NodeJS.Signals) => () => {
    setTimeout(() => {
      console.error(
        `The backend's stop is still open after ${budgetMs} ms of ${signal} (${openHandles()}): exiting without it`,
      );
      exit(1);
    }, budgetMs).unref();
  };
  const onTerm = arm('SIGTERM');
  const onInt = arm('SIGINT');
  signals.once('SIGTERM', onTerm);
  signals.once('SIGINT', onInt);
  return () => {
    signals.off('SIGTERM', onTerm);
    signals.off('SIGINT', onInt);
  };
}
