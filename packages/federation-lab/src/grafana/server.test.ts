import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DASHBOARDS } from './dashboards';
import { labGrafanaToken, startGrafanaServer } from './server';

describe('lab Grafana API', () => {
  let server: http.Server;
  const token = labGrafanaToken('seed');
  const get = async (path: string, auth = `Bearer ${token}`) => {
    const port = (server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { Authorization: auth },
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    server = await startGrafanaServer({ port: 0, token });
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('answers search, dashboards by uid and library elements as Grafana does', async () => {
    const search = await get('/api/search?type=dash-db');
    expect(search.body.map((d: any) => d.uid)).toEqual(
      DASHBOARDS.map(d => d.uid),
    );
    expect(search.body[0]).toMatchObject({
      type: 'dash-db',
      folderTitle: 'Operations',
    });
    const dashboard = await get('/api/dashboards/uid/application-errors');
    expect(dashboard.body.dashboard.title).toBe('Application Errors');
    expect(dashboard.body.meta.slug).toBe('application-errors');
    const element = await get('/api/library-elements/queue-backlog');
    expect(element.body.result.model.targets[0].expr).toContain(
      'app_queue_depth',
    );
    expect((await get('/api/dashboards/uid/nope')).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await get('/api/search', '')).status).toBe(401);
    expect((await get('/api/search', 'Bearer glsa_wrong')).status).toBe(401);
    expect(labGrafanaToken('seed')).toMatch(/^glsa_lab_[0-9a-f]{32}$/);
  });
});
