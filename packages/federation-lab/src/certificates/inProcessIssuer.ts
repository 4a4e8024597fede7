import {
  KeyObject,
  X509Certificate,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  subjectOf,
  time,
  tlv,
  utf8String,
} from './der';

const OID = {
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(
    oid(id),
    ...(critical ? [boolean(true)] : []),
    octetString(value),
  );
}

/**
 * Issues server certificates signed by the lab CA without leaving the process: a thousand hosts
 * in milliseconds, where openssl takes a process (and tens of ms) per certificate. Every host gets
 * its own certificate (its name, its dates), all over one key pair: what the checks look at (the
 * chain, the names, the validity) stays per host, and one key is enough on loopback.
 */
export class InProcessIssuer {
  private readonly caKey: KeyObject;
  private readonly issuerName: Buffer;
  private readonly algorithm: Buffer;
  /** The key of every certificate issued here (PEM, for tls.createSecureContext). */
  readonly keyPem: string;
  private readonly publicKeyDer: Buffer;

  constructor(caCertPem: string, caKeyPem: string) {
    this.caKey = createPrivateKey(caKeyPem);
    this.issuerName = subjectOf(new X509Certificate(caCertPem).raw);
    // ECDSA identifiers carry no parameters; RSA's carry NULL (RFC 5758, RFC 4055).
    this.algorithm =
      this.caKey.asymmetricKeyType === 'ec'
        ? sequence(oid(OID.ecdsaWithSha256))
        : sequence(oid(OID.sha256WithRsa), tlv(0x05));
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.keyPem = pair.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    this.publicKeyDer = pair.publicKey.export({ type: 'spki', format: 'der' });
  }

  /** A serverAuth certificate for `host` (CN and the only DNS name), as PEM. */
  issue(o: { host: string; notBefore: Date; notAfter: Date }): string {
    const serial = randomBytes(16);
    serial[0] = (serial[0] & 0x7f) | 0x01;
    const name = sequence(
      set(sequence(oid(OID.commonName), utf8String(o.host))),
    );
    const extensions = sequence(
      extension(OID.basicConstraints, true, sequence()),
      // digitalSignature and keyEncipherment, as the lab's openssl certificates.
      extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x05, 0xa0]))),
      extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
      extension(
        OID.subjectAltName,
        false,
        sequence(tlv(0x82, Buffer.from(o.host, 'ascii'))),
      ),
    );
    const tbs = sequence(
      explicit(0, integer(Buffer.from([2]))),
      integer(serial),
      this.algorithm,
      this.issuerName,
      sequence(time(o.notBefore), time(o.notAfter)),
      name,
      this.publicKeyDer,
      explicit(3, extensions),
    );
    const signature = sign('sha256', tbs, this.caKey);
    const der = sequence(tbs, this.algorithm, bitString(signature));
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join(
      '\n',
    )}\n-----END CERTIFICATE-----\n`;
  }
}
