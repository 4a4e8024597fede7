import http from 'node:http';
import type { LabFault } from '../state';

export interface ControlHandlers {
  status(): object;
  fault(fault: LabFault, cluster: string): Promise<object>;
  revert(fault: LabFault, cluster: string): Promise<object>;
  /** Re-onboards a cluster on the lab's GitHub (a merged PR annotating its catalog file). */
  onboard(cluster: string): Promise<object>;
  /** Takes the onboarding annotation off again. */
  offboard(cluster: string): Promise<object>;
}

/**
 * The daemon's control endpoint: `POST|DELETE /faults/<fault>/<cluster>`,
 * `POST|DELETE /onboarding/<cluster>`, `GET /status`.
 */
export async function startControlServer(
  port: number,
  handlers: ControlHandlers,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/status') {
      reply(200, handlers.status());
      return;
    }
    const m = /^\/faults\/([a-z-]+)\/([a-z0-9-]+)$/.exec(req.url ?? '');
    const o = /^\/onboarding\/([a-z0-9-]+)$/.exec(req.url ?? '');
    if ((!m && !o) || (req.method !== 'POST' && req.method !== 'DELETE')) {
      reply(404, {
        error:
          'use POST|DELETE /faults/<fault>/<cluster>, POST|DELETE /onboarding/<cluster> or GET /status',
      });
      return;
    }
    const post = req.method === 'POST';
    let action: Promise<object>;
    if (o) action = post ? handlers.onboard(o[1]) : handlers.offboard(o[1]);
    else
      action = post
        ? handlers.fault(m![1] as LabFault, m![2])
        : handlers.revert(m![1] as LabFault, m![2]);
    action.then(
      body => reply(200, body),
      (e: Error) => reply(400, { error: e.message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
