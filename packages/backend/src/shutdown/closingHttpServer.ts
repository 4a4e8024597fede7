import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Server } from 'node:http';

/** How long requests in flight may finish after a stop begins, before their sockets close. */
export const REQUEST_GRACE_MS = 1500;

/**
 * Once the server is closing: lets the requests in flight finish for `graceMs`, then ends the
 * connections still open, so that the close completes.
 */
export async function endRequestsAfterGrace(
  server: Server,
  graceMs = REQUEST_GRACE_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    new Promise(resolve => server.once('close', resolve)),
    new Promise(resolve => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  server.closeAllConnections();
}

/**
 * Backstage's root HTTP router, whose stop ends open requests after a grace. In production
 * Backstage closes only idle connections and then waits for the rest, and some never end on
 * their own soon: the events bus holds each subscriber's long poll for 55 s, a signals socket
 * stays open, a reader may wait on a collection. Without this the server, and so the process,
 * outlives Kubernetes' 30 s between SIGTERM and SIGKILL.
 */
export const closingRootHttpRouter = rootHttpRouterServiceFactory({
  configure({ applyDefaults, server, lifecycle }) {
    applyDefaults();
    lifecycle.addShutdownHook(() => endRequestsAfterGrace(server));
  },
});
