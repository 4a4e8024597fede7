import {
  RCODE_NXDOMAIN,
  TYPE_A,
  TYPE_AAAA,
  decodeQuery,
  decodeResponse,
  encodeResponse,
} from './packet';
import { answerQuery } from './server';

/** A query as a stub resolver sends it (RD set). */
function query(id: number, name: string, type = TYPE_A): Buffer {
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

const records = new Map([['prometheus-blue.federation.test', '127.0.0.1']]);

describe('DNS codec', () => {
  it('decodes a query', () => {
    expect(
      decodeQuery(query(0x1234, 'prometheus-blue.federation.test')),
    ).toEqual({
      id: 0x1234,
      flags: 0x0100,
      questions: [
        { name: 'prometheus-blue.federation.test', type: TYPE_A, class: 1 },
      ],
    });
  });

  it('answers a known host with its A record, case-insensitively, echoing id and question', () => {
    const res = decodeResponse(
      answerQuery(
        decodeQuery(query(7, 'Prometheus-Blue.federation.test')),
        records,
      ),
    );
    expect(res).toEqual({
      id: 7,
      rcode: 0,
      answers: [
        {
          name: 'Prometheus-Blue.federation.test',
          type: TYPE_A,
          ttl: 30,
          address: '127.0.0.1',
        },
      ],
    });
  });

  it('answers NXDOMAIN for unknown names and no data for AAAA of known ones', () => {
    expect(
      decodeResponse(
        answerQuery(
          decodeQuery(query(8, 'prometheus-red.federation.test')),
          records,
        ),
      ).rcode,
    ).toBe(RCODE_NXDOMAIN);
    const aaaa = decodeResponse(
      answerQuery(
        decodeQuery(query(9, 'prometheus-blue.federation.test', TYPE_AAAA)),
        records,
      ),
    );
    expect(aaaa).toEqual({ id: 9, rcode: 0, answers: [] });
  });

  it('follows compression pointers and rejects truncated messages', () => {
    const q = decodeQuery(query(1, 'a.test'));
    const msg = encodeResponse(q, 0, []);
    // Point a second name at the first one (offset 12).
    const withPointer = Buffer.concat([msg, Buffer.from([0xc0, 12])]);
    expect(decodeQuery(withPointer).questions[0].name).toBe('a.test');
    expect(() => decodeQuery(Buffer.from([0, 1, 0]))).toThrow(/shorter/);
    expect(() => decodeQuery(query(1, 'a.test').subarray(0, 16))).toThrow();
  });
});
