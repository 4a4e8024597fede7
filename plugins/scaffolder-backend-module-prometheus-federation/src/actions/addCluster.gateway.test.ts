import fs from 'node:fs';
import path from 'node:path';
import {
  httpRoutePath,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import { createRemoveClusterAction } from './removeCluster';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import { validateHttpRoute } from '../__testUtils__/checks';

const paths = repositoryLayout('purple');
const ROUTE = httpRoutePath('purple');
const add = (repo: string, input: Record<string, unknown> = {}) =>
  runAction(createAddClusterAction(), repo, input);

describe('prometheus-federation:cluster:add with Gateway API', () => {
  afterEach(removeFixtureRepos);

  it("follows the repository's HTTPRoutes, and remove restores it", async () => {
    const repo = fixtureRepo('gateway-api');
    const before = readTree(repo);
    const { outputs } = await add(repo);
    expect(outputs.changedFiles[0]).toBe(ROUTE);
    const after = readTree(repo);
    expect(after[paths.ingress]).toBeUndefined();
    const route = validateHttpRoute(after[ROUTE]);
    expect(route.spec).toEqual({
      parentRefs: [
        { name: 'public', namespace: 'gateway-system', sectionName: 'https' },
      ],
      hostnames: ['prometheus-purple.talentos.darey.io'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: 'kube-prometheus-stack-prometheus', port: 9090 },
          ],
        },
      ],
    });
    expect(after[ROUTE]).toContain('# Exposes the purple Prometheus');
    expect(outputs.body).toContain('kubectl get httproute prometheus');
    expect(outputs.body).toContain('`gateway-httproute` source');
    expect(outputs.body).toContain('cert-manager.io/cluster-issuer');

    expect((await add(repo)).outputs.changed).toBe(false);
    const removed = await runAction(createRemoveClusterAction(), repo, {
      cluster: 'purple',
    });
    expect(removed.outputs.deletedFiles).toEqual([ROUTE]);
    expect(readTree(repo)).toEqual(before);
  });

  it('writes an HTTPRoute from scratch when asked, on the given Gateway', async () => {
    const repo = fixtureRepo('federation-setup');
    await add(repo, {
      exposure: 'gateway',
      referenceCluster: '',
      gatewayName: 'shared',
      gatewayNamespace: 'infra',
    });
    const route = validateHttpRoute(
      fs.readFileSync(path.join(repo, ROUTE), 'utf8'),
    );
    expect(route.spec.parentRefs).toEqual([
      { name: 'shared', namespace: 'infra' },
    ]);
    expect(fs.existsSync(path.join(repo, paths.ingress))).toBe(false);
  });

  it('asks for the Gateway when there is no HTTPRoute to follow', async () => {
    const repo = fixtureRepo('federation-setup');
    await expect(add(repo, { exposure: 'gateway' })).rejects.toThrow(
      'give gatewayName',
    );
  });

  it('keeps a hand-made HTTPRoute, or reports a conflict', async () => {
    const repo = fixtureRepo('gateway-api');
    const file = path.join(repo, ROUTE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const blue = readTree(repo)[httpRoutePath('blue')];
    const handMade = `${blue.replace(/blue/g, 'purple')}# tuned by hand\n`;
    fs.writeFileSync(file, handMade);
    const { outputs } = await add(repo);
    expect(outputs.unchangedFiles).toContain(ROUTE);
    expect(fs.readFileSync(file, 'utf8')).toBe(handMade);

    fs.writeFileSync(file, handMade.replace('port: 9090', 'port: 9091'));
    await expect(add(repo)).rejects.toThrow(
      'An HTTPRoute already exists with different settings (port)',
    );
  });
});
