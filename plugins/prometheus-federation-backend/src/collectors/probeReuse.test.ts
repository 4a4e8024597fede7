import {
  EndpointReading,
  healthyReading,
  probeInputs,
  ProbeReuse,
} from './probeReuse';
import { KubernetesFacts, ProbePlan } from './types';

const plan: ProbePlan = {
  url: 'https://prometheus-blue.example.com/federate?match[]=up',
  serverName: 'prometheus-blue.example.com',
  verify: true,
  from: 'job',
};
const healthy: EndpointReading = {
  probePlan: plan,
  tls: {
    ok: true,
    value: {
      certificate: {
        subject: 'prometheus-blue.example.com',
        issuer: 'ca',
        dnsNames: ['prometheus-blue.example.com'],
        validFrom: '2026-11-01T00:00:00Z',
        validTo: '2027-02-01T00:00:00Z',
        chain: ['prometheus-blue.example.com', 'ca'],
        authorized: true,
        hostnameMatches: true,
      },
    },
  },
  probe: {
    ok: true,
    value: { status: 200, textFormat: true, durationMs: 12 },
  },
};
const kubernetes = (notAfter: string): KubernetesFacts => ({
  ingress: { ok: false, reason: 'not read' },
  certificate: {
    ok: true,
    value: { found: true, dnsNames: [], conditions: [], notAfter },
  },
});
const dns = (...addresses: string[]) => ({
  ok: true as const,
  value: { addresses },
});
const inputs = probeInputs(plan, kubernetes('2027-02-01'), dns('10.0.0.1'));

const PROBE_REUSE_MS = 300_000;

describe('ProbeReuse', () => {
  it("uses a healthy leaf's probe again, saying from when, while its target is up", () => {
    const probes = new ProbeReuse(PROBE_REUSE_MS);
    probes.probed('blue', inputs, healthy, 0);
    expect(probes.reusable('blue', inputs, true, 60_000)).toEqual({
      ...healthy,
      probeReusedFrom: new Date(0).toISOString(),
    });
    // Ops Prometheus' target is down or erring: the leaf is probed.
    expect(probes.reusable('blue', inputs, false, 60_000)).toBeUndefined();
  });

  it('probes again once anything the probe depends on changed', () => {
    const probes = new ProbeReuse(PROBE_REUSE_MS);
    probes.probed('blue', inputs, healthy, 0);
    const changed = [
      probeInputs(plan, kubernetes('2027-03-01'), dns('10.0.0.1')),
      probeInputs(plan, kubernetes('2027-02-01'), dns('10.0.0.2')),
      probeInputs(
        { ...plan, serverName: 'other.example.com' },
        kubernetes('2027-02-01'),
        dns('10.0.0.1'),
      ),
    ];
    for (const other of changed) {
      expect(other).not.toBe(inputs);
      expect(probes.reusable('blue', other, true, 1000)).toBeUndefined();
    }
    // The DNS answer's order is not a change.
    expect(
      probeInputs(plan, kubernetes('2027-02-01'), dns('10.0.0.2', '10.0.0.1')),
    ).toBe(
      probeInputs(plan, kubernetes('2027-02-01'), dns('10.0.0.1', '10.0.0.2')),
    );
  });

  it('probes each leaf again within PROBE_REUSE_MS, the fleet spread over that time', () => {
    const probes = new ProbeReuse(PROBE_REUSE_MS);
    const names = Array.from({ length: 200 }, (_, i) => `leaf-${i}`);
    for (const name of names) probes.probed(name, inputs, healthy, 0);
    const dueBy = (ms: number) =>
      names.filter(n => !probes.reusable(n, inputs, true, ms)).length;
    expect(dueBy(PROBE_REUSE_MS / 2 - 1)).toBe(0);
    expect(dueBy((PROBE_REUSE_MS * 3) / 4)).toBeGreaterThan(50);
    expect(dueBy((PROBE_REUSE_MS * 3) / 4)).toBeLessThan(150);
    expect(dueBy(PROBE_REUSE_MS)).toBe(200);
  });

  it('never stands for a later refresh when reuse is off (0)', () => {
    const probes = new ProbeReuse(0);
    probes.probed('blue', inputs, healthy, 0);
    expect(probes.reusable('blue', inputs, true, 0)).toBeUndefined();
  });

  it('keeps no probe that was not healthy, and drops leaves no longer listed', () => {
    const probes = new ProbeReuse(PROBE_REUSE_MS);
    probes.probed('blue', inputs, healthy, 0);
    probes.probed(
      'blue',
      inputs,
      {
        ...healthy,
        probe: {
          ok: true,
          value: { status: 500, textFormat: false, durationMs: 3 },
        },
      },
      1,
    );
    expect(probes.reusable('blue', inputs, true, 2)).toBeUndefined();
    probes.probed('green', inputs, healthy, 0);
    probes.retain(['blue']);
    expect(probes.size).toBe(0);
  });
});

describe('healthyReading', () => {
  const cert = healthy.tls!.ok ? healthy.tls!.value.certificate! : undefined!;
  it.each([
    [
      'an untrusted certificate',
      {
        ...healthy,
        tls: {
          ok: true,
          value: { certificate: { ...cert, authorized: false } },
        },
      },
    ],
    [
      'a certificate for another name',
      {
        ...healthy,
        tls: {
          ok: true,
          value: { certificate: { ...cert, hostnameMatches: false } },
        },
      },
    ],
    [
      'a failed handshake',
      { ...healthy, tls: { ok: true, value: { error: 'ECONNRESET' } } },
    ],
    [
      'an unread TLS source',
      { ...healthy, tls: { ok: false, reason: 'timeout' } },
    ],
    [
      'an answer not in text format',
      {
        ...healthy,
        probe: {
          ok: true,
          value: { status: 200, textFormat: false, durationMs: 1 },
        },
      },
    ],
    [
      'a redirect',
      {
        ...healthy,
        probe: {
          ok: true,
          value: { status: 302, textFormat: false, durationMs: 1 },
        },
      },
    ],
  ] as Array<[string, EndpointReading]>)(
    'is not healthy with %s',
    (_, reading) => {
      expect(healthyReading(reading)).toBe(false);
    },
  );

  it('is healthy over plain HTTP (no handshake) with a 200 text answer', () => {
    expect(
      healthyReading({
        ...healthy,
        tls: { ok: true, value: { skipped: 'plain HTTP' } },
      }),
    ).toBe(true);
  });
});
