import { certificateCheck } from './certificateCheck';
import { connectivityCheck, REUSED_BECAUSE } from './connectivityCheck';
import { context, healthyFacts, iso } from '../__testUtils__/triageFixtures';

function withCertificate(status: object, served: object = {}) {
  const facts = healthyFacts();
  const cert = facts.kubernetes!.certificate as any;
  Object.assign(cert.value, status);
  Object.assign((facts.tls as any).value.certificate, served);
  return context(facts);
}

describe('certificateCheck', () => {
  it('passes when cert-manager and the served certificate agree it is valid', () => {
    expect(certificateCheck(context()).result).toBe('pass');
  });

  it('fails when the Certificate is not Ready (issuance failed)', () => {
    const c = certificateCheck(
      withCertificate({
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'DoesNotExist',
            message: 'Issuing certificate as Secret does not exist',
          },
          {
            type: 'Issuing',
            status: 'False',
            reason: 'Failed',
            message: 'ACME order failed',
          },
        ],
      }),
    );
    expect(c.result).toBe('fail');
    expect(c.summary).toContain('is not Ready (DoesNotExist)');
    expect(c.evidence).toContainEqual({
      label: 'Issuing',
      value: 'False (Failed): ACME order failed',
    });
  });

  it('fails when the served certificate expired, even when Ready is still True', () => {
    const c = certificateCheck(
      withCertificate(
        {},
        {
          validTo: iso(-3600),
          authorized: false,
          authorizationError: 'CERT_HAS_EXPIRED',
        },
      ),
    );
    expect(c.result).toBe('fail');
    expect(c.summary).toMatch(/serves a certificate that expired/);
    expect(c.summary).not.toMatch(/not trusted/);
  });

  it('warns on a failing renewal while Ready stays True', () => {
    const c = certificateCheck(
      withCertificate({
        renewalTime: iso(-86400),
        failedIssuanceAttempts: 2,
        conditions: [
          { type: 'Ready', status: 'True' },
          {
            type: 'Issuing',
            status: 'False',
            reason: 'Failed',
            message: 'rate limited',
          },
        ],
      }),
    );
    expect(c.result).toBe('warn');
    expect(c.summary).toContain('is failing: rate limited');
  });

  it('says when a resumed TLS session reports the certificate of an earlier full handshake', () => {
    const facts = healthyFacts();
    (facts.tls as any).value.shownAt = '2026-12-07T07:55:00.000Z';
    const c = certificateCheck(context(facts));
    expect(c.result).toBe('pass');
    expect(c.evidence).toContainEqual({
      label: 'Served certificate read',
      value:
        'at the full handshake of 2026-12-07T07:55:00.000Z; this check resumed that TLS session',
    });
    expect(
      certificateCheck(context()).evidence.map(e => e.label),
    ).not.toContain('Served certificate read');
  });

  it("says when a reused probe's certificate is from an earlier probe, and why", () => {
    const facts = healthyFacts();
    facts.probeReusedFrom = '2026-12-07T07:58:00.000Z';
    const c = certificateCheck(context(facts));
    expect(c.result).toBe('pass');
    expect(c.evidence).toContainEqual({
      label: 'Served certificate read',
      value: `at the full handshake of 2026-12-07T07:58:00.000Z; this refresh reused the probe of 2026-12-07T07:58:00.000Z (${REUSED_BECAUSE})`,
    });
    const probed = connectivityCheck(context(facts));
    expect(probed.result).toBe('pass');
    expect(probed.evidence).toContainEqual({
      label: 'Probed',
      value: `at 2026-12-07T07:58:00.000Z, used again: ${REUSED_BECAUSE}`,
    });
  });

  it('warns within 14 days of expiry', () => {
    const c = certificateCheck(withCertificate({ notAfter: iso(5 * 86400) }));
    expect(c).toMatchObject({
      result: 'warn',
      summary: expect.stringContaining('expires in 5 days'),
    });
  });

  it('fails when the served certificate does not name the host or is untrusted', () => {
    expect(
      certificateCheck(withCertificate({}, { hostnameMatches: false })).summary,
    ).toContain('does not name prometheus-blue.example.com');
    expect(
      certificateCheck(
        withCertificate(
          {},
          {
            authorized: false,
            authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN',
          },
        ),
      ).summary,
    ).toContain('not trusted (a self-signed certificate in the chain)');
  });

  it('is unknown with a timeout reason when neither source answered', () => {
    const facts = healthyFacts();
    facts.kubernetes!.certificate = {
      ok: false,
      reason: 'timeout: Kubernetes API of blue did not answer within 5s',
      timedOut: true,
    };
    facts.tls = {
      ok: true,
      value: { error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443' },
    };
    const c = certificateCheck(context(facts));
    expect(c.result).toBe('unknown');
    expect(c.reason).toMatch(/^timeout: Kubernetes API of blue/);
  });
});
