import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InProcessIssuer } from './inProcessIssuer';
import { ensureCa } from './openssl';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-issuer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('InProcessIssuer', () => {
  it('issues per-host certificates that chain to the openssl-made lab CA', async () => {
    await ensureCa(path.join(dir, 'ca.crt'), path.join(dir, 'ca.key'));
    const caPem = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
    const ca = new X509Certificate(caPem);
    const issuer = new InProcessIssuer(
      caPem,
      fs.readFileSync(path.join(dir, 'ca.key'), 'utf8'),
    );
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2026-04-01T00:00:00Z');
    const started = Date.now();
    const pems = Array.from({ length: 200 }, (_, i) =>
      issuer.issue({
        host: `prometheus-c${i}.federation.test`,
        notBefore,
        notAfter,
      }),
    );
    // Hundreds per second where openssl takes a process per certificate.
    expect(Date.now() - started).toBeLessThan(5000);
    const cert = new X509Certificate(pems[7]);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.issuer).toBe(ca.subject);
    expect(cert.subject).toBe('CN=prometheus-c7.federation.test');
    expect(cert.subjectAltName).toBe('DNS:prometheus-c7.federation.test');
    expect(cert.checkHost('prometheus-c7.federation.test')).toBeDefined();
    expect(cert.checkHost('prometheus-c8.federation.test')).toBeUndefined();
    expect(new Date(cert.validFrom)).toEqual(notBefore);
    expect(new Date(cert.validTo)).toEqual(notAfter);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    // Distinct serials, one key.
    expect(
      new Set(pems.map(p => new X509Certificate(p).serialNumber)).size,
    ).toBe(200);
    expect(cert.publicKey.equals(new X509Certificate(pems[0]).publicKey)).toBe(
      true,
    );
  });
});
