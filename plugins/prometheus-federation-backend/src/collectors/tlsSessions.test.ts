import { TlsSessions } from './tlsSessions';
import { ServedCertificate } from './types';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const certificate = (validTo: string): ServedCertificate => ({
  subject: 'leaf',
  issuer: 'ca',
  dnsNames: ['leaf'],
  validFrom: '2026-12-01T00:00:00Z',
  validTo,
  chain: ['leaf', 'ca'],
  authorized: true,
  hostnameMatches: true,
});
const session = Buffer.from('ticket');

describe('TlsSessions', () => {
  it('offers a session only with the certificate it came with, while both are young enough', () => {
    const sessions = new TlsSessions(60_000);
    sessions.issued('a', session);
    expect(sessions.resumable('a', NOW)).toBeUndefined();
    sessions.shown('a', {
      certificate: certificate('2027-01-01T00:00:00Z'),
      authorized: true,
      at: NOW,
    });
    expect(sessions.resumable('a', NOW)).toBeUndefined();
    sessions.issued('a', session);
    expect(sessions.resumable('a', NOW + 59_000)).toMatchObject({
      session,
      at: NOW,
    });
    expect(sessions.resumable('a', NOW + 60_000)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('makes a full handshake when the certificate it showed expires within the age limit', () => {
    const sessions = new TlsSessions(60_000);
    sessions.shown('a', {
      certificate: certificate('2026-12-07T08:00:30Z'),
      authorized: true,
      at: NOW,
    });
    sessions.issued('a', session);
    expect(sessions.resumable('a', NOW)).toBeUndefined();
  });

  it('keeps one session per leaf and drops the ones whose full handshake aged out', () => {
    const sessions = new TlsSessions(60_000);
    const cert = certificate('2027-01-01T00:00:00Z');
    sessions.shown('a', { certificate: cert, authorized: true, at: NOW });
    sessions.shown('b', {
      certificate: cert,
      authorized: true,
      at: NOW + 30_000,
    });
    sessions.shown('a', {
      certificate: cert,
      authorized: true,
      at: NOW + 40_000,
    });
    expect(sessions.size).toBe(2);
    sessions.shown('c', {
      certificate: cert,
      authorized: true,
      at: NOW + 95_000,
    });
    expect(sessions.size).toBe(2); // b aged out; a's newer handshake is kept
  });
});
