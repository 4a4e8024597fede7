import * as dnsPacket from 'dns-packet';
import { RCODE, answerMessage } from './server';

/** A query as a stub resolver sends it (RD set), written byte by byte as on the wire. */
function query(id: number, name: string, type = 1): Buffer {
  const header = Buffer.from([
    id >> 8,
    id & 0xff,
    0x01,
    0x00,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const labels = name
    .split('.')
    .map(l => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  return Buffer.concat([header, ...labels, Buffer.from([0, 0, type, 0, 1])]);
}

const TYPE_AAAA = 28;
const records = new Map([['prometheus-blue.federation.test', '127.0.0.1']]);

function answer(msg: Buffer) {
  const reply = answerMessage(msg, records);
  if (!reply) throw new Error('no reply');
  const decoded = dnsPacket.decode(reply);
  return {
    id: decoded.id,
    rcode: (decoded.flags ?? 0) & 0xf,
    aa: decoded.flag_aa,
    rd: decoded.flag_rd,
    questions: decoded.questions,
    answers: (decoded.answers as dnsPacket.StringAnswer[]).map(a => ({
      name: a.name,
      type: a.type,
      ttl: a.ttl,
      address: a.data,
    })),
  };
}

describe('DNS server', () => {
  it('decodes a query as a stub resolver sends it', () => {
    expect(
      dnsPacket.decode(query(0x1234, 'prometheus-blue.federation.test')),
    ).toMatchObject({
      id: 0x1234,
      flags: 0x0100,
      questions: [
        { name: 'prometheus-blue.federation.test', type: 'A', class: 'IN' },
      ],
    });
  });

  it('answers a known host with its A record, case-insensitively, echoing id and question', () => {
    expect(answer(query(7, 'Prometheus-Blue.federation.test'))).toEqual({
      id: 7,
      rcode: RCODE.NOERROR,
      aa: true,
      rd: true,
      questions: [
        { name: 'Prometheus-Blue.federation.test', type: 'A', class: 'IN' },
      ],
      answers: [
        {
          name: 'Prometheus-Blue.federation.test',
          type: 'A',
          ttl: 30,
          address: '127.0.0.1',
        },
      ],
    });
  });

  it('answers NXDOMAIN for unknown names and no data for AAAA of known ones', () => {
    expect(answer(query(8, 'prometheus-red.federation.test')).rcode).toBe(
      RCODE.NXDOMAIN,
    );
    expect(
      answer(query(9, 'prometheus-blue.federation.test', TYPE_AAAA)),
    ).toMatchObject({ id: 9, rcode: RCODE.NOERROR, answers: [] });
  });

  it('follows compression pointers and drops truncated messages', () => {
    // Two questions, the second a pointer to the first name (offset 12): FORMERR, but parsed.
    const first = query(1, 'a.test');
    first.writeUInt16BE(2, 4);
    const withPointer = Buffer.concat([
      first,
      Buffer.from([0xc0, 12, 0, 1, 0, 1]),
    ]);
    expect(dnsPacket.decode(withPointer).questions?.[1].name).toBe('a.test');
    expect(answer(withPointer).rcode).toBe(RCODE.FORMERR);
    expect(answerMessage(Buffer.from([0, 1, 0]), records)).toBeUndefined();
    expect(
      answerMessage(query(1, 'a.test').subarray(0, 16), records),
    ).toBeUndefined();
  });
});
