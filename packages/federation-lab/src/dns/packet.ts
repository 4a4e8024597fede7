/** A minimal DNS message codec (RFC 1035): enough for one question and A answers. */

export const TYPE_A = 1;
export const TYPE_AAAA = 28;
export const CLASS_IN = 1;
export const RCODE_NOERROR = 0;
export const RCODE_FORMERR = 1;
export const RCODE_NXDOMAIN = 3;

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsQuery {
  id: number;
  flags: number;
  questions: DnsQuestion[];
}

export interface DnsAnswer {
  name: string;
  type: number;
  ttl: number;
  /** Dotted IPv4 for A records. */
  address: string;
}

function readName(buf: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let offset = start;
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    if (offset >= buf.length)
      throw new Error('name runs past the end of the message');
    const len = buf[offset];
    if (len === 0) {
      return { name: labels.join('.'), next: next === -1 ? offset + 1 : next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (next === -1) next = offset + 2;
      offset = ((len & 0x3f) << 8) | buf[offset + 1];
      continue;
    }
    labels.push(buf.toString('latin1', offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  throw new Error('too many name compression pointers');
}

function writeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map(p =>
      Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')]),
    ),
    Buffer.from([0]),
  ]);
}

export function decodeQuery(buf: Buffer): DnsQuery {
  if (buf.length < 12) throw new Error('message shorter than a DNS header');
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  const qdcount = buf.readUInt16BE(4);
  const questions: DnsQuestion[] = [];
  let offset = 12;
  for (let i = 0; i < qdcount; i++) {
    const { name, next } = readName(buf, offset);
    if (next + 4 > buf.length)
      throw new Error('question runs past the end of the message');
    questions.push({
      name,
      type: buf.readUInt16BE(next),
      class: buf.readUInt16BE(next + 2),
    });
    offset = next + 4;
  }
  return { id, flags, questions };
}

/** A response to `query`: authoritative, recursion available, echoing the question. */
export function encodeResponse(
  query: DnsQuery,
  rcode: number,
  answers: DnsAnswer[],
): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  const rd = query.flags & 0x0100;
  // QR=1, opcode copied, AA=1, RD copied, RA=1, rcode.
  header.writeUInt16BE(
    0x8000 | (query.flags & 0x7800) | 0x0400 | rd | 0x0080 | (rcode & 0xf),
    2,
  );
  header.writeUInt16BE(query.questions.length, 4);
  header.writeUInt16BE(answers.length, 6);
  const questions = query.questions.map(q => {
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(q.type, 0);
    tail.writeUInt16BE(q.class, 2);
    return Buffer.concat([writeName(q.name), tail]);
  });
  const records = answers.map(a => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(a.type, 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(a.ttl, 4);
    fixed.writeUInt16BE(4, 8);
    const rdata = Buffer.from(a.address.split('.').map(Number));
    return Buffer.concat([writeName(a.name), fixed, rdata]);
  });
  return Buffer.concat([header, ...questions, ...records]);
}

/** Decodes a response (used by tests and the lab's own health check). */
export function decodeResponse(buf: Buffer): {
  id: number;
  rcode: number;
  answers: DnsAnswer[];
} {
  const query = decodeQuery(buf);
  const ancount = buf.readUInt16BE(6);
  let offset = 12;
  for (let i = 0; i < query.questions.length; i++)
    offset = readName(buf, offset).next + 4;
  const answers: DnsAnswer[] = [];
  for (let i = 0; i < ancount; i++) {
    const { name, next } = readName(buf, offset);
    const type = buf.readUInt16BE(next);
    const ttl = buf.readUInt32BE(next + 4);
    const len = buf.readUInt16BE(next + 8);
    const rdata = buf.subarray(next + 10, next + 10 + len);
    answers.push({ name, type, ttl, address: [...rdata].join('.') });
    offset = next + 10 + len;
  }
  return { id: query.id, rcode: query.flags & 0xf, answers };
}
