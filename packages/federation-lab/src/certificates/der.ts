/**
 * The little DER (ASN.1) the fleet's in-process certificates need: encoding of the X.509 types
 * used, and reading one element of an existing certificate (the CA's subject, byte for byte).
 */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
export const set = (...items: Buffer[]) => tlv(0x31, ...items);
export const octetString = (b: Buffer) => tlv(0x04, b);
export const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
export const boolean = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

/** A positive INTEGER from big-endian bytes (a leading 0 keeps the sign bit clear). */
export function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [40 * parts[0] + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let n = part >>> 7; n > 0; n >>>= 7) chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** X.509 Time: UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
export function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

/** BIT STRING with no unused bits. */
export const bitString = (b: Buffer) =>
  tlv(0x03, Buffer.concat([Buffer.from([0]), b]));

/** One element at `offset`: where its content starts and where the element ends. */
export function readElement(der: Buffer, offset: number) {
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  return { tag: der[offset], offset, start, end: start + length };
}

/**
 * The subject Name of a certificate, as its DER bytes: an issued certificate's issuer must equal
 * them exactly for Go and OpenSSL to chain it to the CA.
 */
export function subjectOf(certificateDer: Buffer): Buffer {
  const certificate = readElement(certificateDer, 0);
  const tbs = readElement(certificateDer, certificate.start);
  let offset = tbs.start;
  const fields: Array<ReturnType<typeof readElement>> = [];
  while (offset < tbs.end && fields.length < 6) {
    const element = readElement(certificateDer, offset);
    fields.push(element);
    offset = element.end;
  }
  // [0] version is optional (v1 certificates leave it out).
  const shift = fields[0].tag === 0xa0 ? 1 : 0;
  const subject = fields[4 + shift];
  return certificateDer.subarray(subject.offset, subject.end);
}
