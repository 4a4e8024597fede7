import { ClusterCost } from '../cost/clusterCost';
import type { FederationProof } from '@promfed/plugin-prometheus-federation-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterDetail,
  ClusterStatus,
  EntityFederation,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationService } from '../service/FederationService';
import { registerActions } from './registerActions';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';

const green: ClusterStatus = {
  name: 'green',
  state: 'down',
  configured: true,
  federated: true,
  headline: {
    check: 'target',
    summary: 'federate-green is down: connection refused',
    cause: 'connection-refused',
    probe: { result: 'fail', summary: 'connection refused', agrees: true },
  },
  securityGroupRule: 'pass',
  firingAlerts: [{ name: 'PrometheusFederationDown', state: 'firing' }],
  links: { dashboards: [] },
  stateSince: '2026-11-30T12:00:00.000Z',
  checks: [
    {
      id: 'ingress',
      title: 'Ingress',
      result: 'pass',
      summary: 'prometheus-ingress has an address',
      evidence: [],
    },
    {
      id: 'target',
      title: 'Ops Prometheus target',
      result: 'fail',
      summary: 'federate-green is down: connection refused',
      evidence: [{ label: 'lastError', value: 'connect: connection refused' }],
      remediation: {
        summary: 'Start the leaf Prometheus',
        commands: ['kubectl get pods'],
      },
    },
  ],
  remediation: { summary: 'Start the leaf Prometheus' },
  history: [
    {
      at: '2026-11-30T12:00:00.000Z',
      from: 'healthy',
      to: 'down',
      headline: 'target',
    },
  ],
  warnings: [],
};

const overview: FederationOverview = {
  generatedAt: '2026-11-30T12:05:00.000Z',
  ageSeconds: 3,
  refreshIntervalSeconds: 30,
  opsPrometheus: { reachable: true },
  counts: { down: 1, degraded: 0, unknown: 0, healthy: 0 },
  sharedCauses: [],
  clusters: [green],
  warnings: [],
};

const detail: ClusterDetail = {
  generatedAt: overview.generatedAt,
  ageSeconds: 3,
  refreshIntervalSeconds: 30,
  opsPrometheus: { reachable: true },
  cluster: green,
};

const proofOf = jest.fn(
  async (cluster: string): Promise<FederationProof> => ({
    cluster,
    job: `federate-${cluster}`,
    selectors: ['{__name__=~"http_requests_total|up"}'],
    usedQueries: 3,
    withData: 2,
    lost: [
      {
        source: 'dashboard "Cache" panel "Evictions" query A',
        owner: 'dashboard "Cache"',
        expr: 'rate(app_cache_evictions_total[5m])',
        names: ['app_cache_evictions_total'],
      },
    ],
    notes: [],
  }),
);

const costOf = jest.fn(
  async (cluster: string): Promise<ClusterCost> => ({
    cluster,
    job: `federate-${cluster}`,
    volume: {
      series: 1685,
      names: 58,
      samplesPerScrape: 1684,
      durationSeconds: 3.1,
      timeoutSeconds: 4,
      timeoutReachedAt: 1767225600,
      top: [{ name: 'app_tenant_requests_total', series: 300, used: false }],
    },
    usage: {
      usedNames: ['http_requests_total', 'up'],
      queries: 31,
      dashboards: 3,
      unparsable: [
        {
          source: 'dashboard x',
          expr: 'sum(',
          error: 'parse error',
          names: [],
        },
      ],
      invalidRegexes: [],
      selectsEverything: [],
    },
    proposal: {
      cluster,
      selectors: ['{__name__=~"http_requests_total|up"}'],
      narrowed: true,
      reason: 'every name rules and dashboards use',
      keptNames: ['http_requests_total', 'up'],
      droppedNames: ['app_tenant_requests_total'],
      namesByOwner: [],
      before: { series: 1685, samplesPerScrape: 1684 },
      after: { series: 231, samplesPerScrape: 231 },
      savedPercent: 86.3,
    },
    notes: [],
  }),
);

function setUp(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  withCost = false,
) {
  const service: FederationService = {
    overview: jest.fn(async () => overview),
    refresh: jest.fn(),
    detail: jest.fn(async (name: string) =>
      name === 'green' ? detail : undefined,
    ),
    entity: jest.fn(
      async (ref: string, _options: object): Promise<EntityFederation> =>
        ref === 'resource:default/green'
          ? {
              kind: 'cluster' as const,
              generatedAt: '',
              ageSeconds: 0,
              cluster: green,
            }
          : {
              kind: 'application' as const,
              generatedAt: overview.generatedAt,
              ageSeconds: 3,
              application: {
                application: 'dareyscore',
                clusters: [
                  {
                    cluster: 'green',
                    clusterState: 'down' as const,
                    arriving: false,
                    httpSeries: 0,
                    dashboards: [],
                  },
                ],
              },
            },
    ),
  };
  const registry = actionsRegistryServiceMock();
  const audit = recordingAuditor();
  registerActions({
    registry,
    service,
    permissions: mockServices.permissions({ result }),
    auditor: audit.auditor,
    ...(withCost ? { cost: { cost: costOf, proof: proofOf } } : {}),
  });
  const invoke = (name: string, input: object = {}) =>
    registry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials: mockCredentials.user(),
    });
  return { registry, service, invoke, events: audit.events };
}

describe('actions', () => {
  it('registers three read-only, idempotent actions with descriptions and schemas', async () => {
    const { actions } = await setUp().registry.list();
    expect(actions.map(a => a.name)).toEqual([
      'list-clusters',
      'diagnose-cluster',
      'application-clusters',
    ]);
    for (const a of actions) {
      expect(a.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(a.description.length).toBeGreaterThan(100);
      expect(a.schema.output).toHaveProperty('properties');
    }
  });

  it('lists clusters with their state and headline', async () => {
    const { output } = await setUp().invoke('list-clusters');
    expect(output).toMatchObject({
      counts: { down: 1 },
      clusters: [
        {
          name: 'green',
          state: 'down',
          headline: {
            check: 'target',
            summary: 'federate-green is down: connection refused',
          },
          firingAlerts: ['PrometheusFederationDown'],
        },
      ],
    });
  });

  it('leads with the shared causes, their side and clusters, within the limit', async () => {
    overview.sharedCauses = [
      {
        check: 'security-group',
        side: 'ops',
        summary: '3 clusters degraded, security group rule: ... Ops side: ...',
        reason: 'the ops NAT address or security group changed',
        remediation: { summary: 'Fix the ops source once.' },
        clusters: ['a', 'b', 'c'],
      },
    ];
    try {
      const { output } = await setUp().invoke('list-clusters', { limit: 2 });
      expect((output as any).sharedCauses).toEqual([
        {
          check: 'security-group',
          side: 'ops',
          summary:
            '3 clusters degraded, security group rule: ... Ops side: ...',
          reason: 'the ops NAT address or security group changed',
          remediation: { summary: 'Fix the ops source once.' },
          clusterCount: 3,
          clusters: ['a', 'b'],
        },
      ]);
    } finally {
      overview.sharedCauses = [];
    }
  });

  it('filters clusters by state and limits the answer, worst first', async () => {
    const { invoke } = setUp();
    const none = await invoke('list-clusters', { states: ['healthy'] });
    expect(none.output).toMatchObject({
      total: 0,
      clusters: [],
      counts: { down: 1 },
    });
    const one = await invoke('list-clusters', { states: ['down'], limit: 1 });
    expect(one.output).toMatchObject({
      total: 1,
      clusters: [{ name: 'green' }],
    });
    await expect(invoke('list-clusters', { limit: 0 })).rejects.toThrow(
      /Invalid input/,
    );
  });

  it('says when the first snapshot is due instead of listing no cluster while it is collected', async () => {
    const { invoke } = setUp();
    overview.collecting = { since: overview.generatedAt, dueInSeconds: 9 };
    try {
      await expect(invoke('list-clusters')).rejects.toThrow(
        'Collecting federation health: the first snapshot is due in 9 s.',
      );
    } finally {
      delete overview.collecting;
    }
  });

  it('diagnoses a cluster: checks in order, evidence, remediation, history', async () => {
    const { output } = await setUp().invoke('diagnose-cluster', {
      cluster: 'green',
    });
    expect(output).toMatchObject({
      cluster: 'green',
      state: 'down',
      headline: { check: 'target' },
      checks: [
        { order: 1, id: 'ingress', result: 'pass' },
        {
          order: 2,
          id: 'target',
          result: 'fail',
          evidence: [
            { label: 'lastError', value: 'connect: connection refused' },
          ],
          remediation: { commands: ['kubectl get pods'] },
        },
      ],
      history: [{ from: 'healthy', to: 'down' }],
    });
  });

  it('answers not found for an unknown cluster, and refuses bad input', async () => {
    const { invoke } = setUp();
    await expect(
      invoke('diagnose-cluster', { cluster: 'nowhere' }),
    ).rejects.toThrow(/No cluster "nowhere"/);
    await expect(invoke('diagnose-cluster', {})).rejects.toThrow(
      /Invalid input/,
    );
  });

  it("answers an application's source clusters, from a name or a ref", async () => {
    const { invoke, service } = setUp();
    const { output } = await invoke('application-clusters', {
      application: 'dareyscore',
    });
    expect(service.entity).toHaveBeenCalledWith(
      'component:default/dareyscore',
      {
        credentials: expect.anything(),
      },
    );
    expect(output).toMatchObject({
      application: 'dareyscore',
      clusters: [{ cluster: 'green', clusterState: 'down', arriving: false }],
    });
    await expect(
      invoke('application-clusters', { application: 'resource:default/green' }),
    ).rejects.toThrow(/call diagnose-cluster with "green"/);
  });

  it('answers the proof after a narrowing: the query that lost data and the name to add back', async () => {
    const { registry, invoke } = setUp(AuthorizeResult.ALLOW, true);
    const { actions } = await registry.list();
    expect(actions.map(a => a.name)).toContain('federation-proof');
    const { output } = (await invoke('federation-proof', {
      cluster: 'green',
    })) as any;
    expect(output).toMatchObject({ usedQueries: 3, withData: 2 });
    expect(output.lost[0]).toMatchObject({
      owner: 'dashboard "Cache"',
      names: ['app_cache_evictions_total'],
    });
    await expect(
      invoke('federation-proof', { cluster: 'nope' }),
    ).rejects.toThrow(/No cluster "nope"/);
  });

  it('answers the federation cost and the narrowed match[] when the plugin can read it', async () => {
    const { registry, invoke } = setUp(AuthorizeResult.ALLOW, true);
    const { actions } = await registry.list();
    expect(actions.map(a => a.name)).toContain('federation-cost');
    const { output } = (await invoke('federation-cost', {
      cluster: 'green',
    })) as any;
    expect(output.proposal.selectors).toEqual([
      '{__name__=~"http_requests_total|up"}',
    ]);
    expect(output.proposal.savedPercent).toBe(86.3);
    expect(output.volume.timeoutReachedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(output.unparsableQueries).toEqual([
      { source: 'dashboard x', error: 'parse error' },
    ]);
    expect(output.invalidRegexes).toEqual([]);
    expect(output.proposal.namesByOwner).toEqual([]);
    await expect(
      invoke('federation-cost', { cluster: 'nope' }),
    ).rejects.toThrow(/No cluster "nope"/);
    const denied = setUp(AuthorizeResult.DENY, true);
    await expect(
      denied.invoke('federation-cost', { cluster: 'green' }),
    ).rejects.toThrow(/Not allowed to read federation status/);
  });

  it('refuses every action without the read permission', async () => {
    const { invoke, service } = setUp(AuthorizeResult.DENY);
    for (const [name, input] of [
      ['list-clusters', {}],
      ['diagnose-cluster', { cluster: 'green' }],
      ['application-clusters', { application: 'dareyscore' }],
    ] as const) {
      await expect(invoke(name, input)).rejects.toThrow(
        /Not allowed to read federation status/,
      );
    }
    expect(service.overview).not.toHaveBeenCalled();
    expect(service.detail).not.toHaveBeenCalled();
  });

  it('audits every tool call: the tool, its input, the caller and the outcome', async () => {
    const { invoke, events } = setUp(AuthorizeResult.ALLOW, true);
    await invoke('diagnose-cluster', { cluster: 'green' });
    await invoke('federation-cost', { cluster: 'green' });
    await expect(
      invoke('diagnose-cluster', { cluster: 'nope' }),
    ).rejects.toThrow();
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'mcp-tool-call',
        meta: {
          tool: 'diagnose-cluster',
          actor: 'user:default/mock',
          input: { cluster: 'green' },
        },
        outcome: 'success',
      }),
      expect.objectContaining({
        meta: expect.objectContaining({ tool: 'federation-cost' }),
        outcome: 'success',
      }),
      expect.objectContaining({
        meta: expect.objectContaining({ input: { cluster: 'nope' } }),
        outcome: 'fail',
        error: expect.stringContaining('nope'),
      }),
    ]);
    const denied = setUp(AuthorizeResult.DENY);
    await expect(denied.invoke('list-clusters', {})).rejects.toThrow();
    expect(denied.events).toEqual([
      expect.objectContaining({
        meta: expect.objectContaining({ tool: 'list-clusters' }),
        outcome: 'fail',
        error: expect.stringContaining('Not allowed'),
      }),
    ]);
  });
});
