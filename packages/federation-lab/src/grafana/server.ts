import { createHash } from 'node:crypto';
import http from 'node:http';
import { DASHBOARDS, LIBRARY_PANELS } from './dashboards';

/**
 * A loopback Grafana HTTP API, wire-compatible for what the backend reads: search, dashboards by
 * uid, library elements; and `POST /api/dashboards/db` (save a dashboard by uid, as Grafana does),
 * so that a test can change what a dashboard reads. A service-account token (Bearer) is required,
 * as in Grafana.
 */
export function labGrafanaToken(seed: string): string {
  return `glsa_lab_${createHash('sha256')
    .update(`grafana:${seed}`)
    .digest('hex')
    .slice(0, 32)}`;
}

function meta(d: Record<string, unknown>) {
  const uid = String(d.uid);
  return {
    type: 'db',
    canSave: true,
    canEdit: true,
    slug: uid,
    url: `/d/${uid}/${uid}`,
    folderUid: 'ops',
    folderTitle: 'Operations',
    provisioned: true,
  };
}

type Json = Record<string, unknown>;

function answer(
  dashboards: Json[],
  path: string,
  query: URLSearchParams,
): unknown {
  if (path === '/api/health') return { database: 'ok', version: '11.3.0' };
  if (path === '/api/search') {
    const text = (query.get('query') ?? '').toLowerCase();
    return dashboards
      .filter(d => String(d.title).toLowerCase().includes(text))
      .map((d, i) => ({
        id: i + 1,
        uid: d.uid,
        title: d.title,
        uri: `db/${d.uid}`,
        url: `/d/${d.uid}/${d.uid}`,
        type: 'dash-db',
        tags: d.tags,
        isStarred: false,
        folderUid: 'ops',
        folderTitle: 'Operations',
      }));
  }
  const dashboard = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(path);
  if (dashboard) {
    const found = dashboards.find(
      d => d.uid === decodeURIComponent(dashboard[1]),
    );
    return found && { dashboard: found, meta: meta(found) };
  }
  const element = /^\/api\/library-elements\/([^/]+)$/.exec(path);
  if (element) {
    const found = LIBRARY_PANELS[decodeURIComponent(element[1])];
    return (
      found && {
        result: {
          ...found,
          folderUid: 'ops',
          version: 1,
          meta: { connectedDashboards: 1 },
        },
      }
    );
  }
  return undefined;
}

export async function startGrafanaServer(options: {
  port: number;
  token: string;
}): Promise<http.Server> {
  // This server's copy: a saved dashboard changes it, not the module's constants.
  const dashboards: Json[] = structuredClone(DASHBOARDS);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (
      url.pathname !== '/api/health' &&
      req.headers.authorization !== `Bearer ${options.token}`
    ) {
      send(401, { message: 'Unauthorized' });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/dashboards/db') {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        const saved = (JSON.parse(text || '{}') as { dashboard?: Json })
          .dashboard;
        if (!saved || typeof saved.uid !== 'string') {
          send(400, { message: 'dashboard with a uid required' });
          return;
        }
        const at = dashboards.findIndex(d => d.uid === saved.uid);
        if (at < 0) dashboards.push(saved);
        else dashboards[at] = saved;
        send(200, { status: 'success', uid: saved.uid, version: 2 });
      });
      return;
    }
    const body =
      req.method === 'GET'
        ? answer(dashboards, url.pathname, url.searchParams)
        : undefined;
    if (body === undefined) send(404, { message: 'Not found' });
    else send(200, body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}
