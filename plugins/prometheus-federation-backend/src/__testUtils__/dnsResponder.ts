import dgram from 'node:dgram';
import { AddressInfo } from 'node:net';

export interface DnsResponder {
  /** host:port for Resolver.setServers. */
  server: string;
  /** Names asked, in order, with their query type (1 = A, 28 = AAAA). */
  questions: Array<{ name: string; type: number }>;
  close(): Promise<void>;
}

const SERVFAIL = 2;
const NXDOMAIN = 3;

/**
 * A tiny UDP DNS server on 127.0.0.1 (RFC 1035, one question, uncompressed): A answers from
 * `records`, an empty answer for other types of a known name, NXDOMAIN for unknown names,
 * SERVFAIL for names in `failing`.
 */
export async function startDnsResponder(
  records: Record<string, string[]>,
  failing: string[] = [],
): Promise<DnsResponder> {
  const socket = dgram.createSocket('udp4');
  const questions: DnsResponder['questions'] = [];
  socket.on('message', (query, peer) => {
    const labels: string[] = [];
    let offset = 12;
    while (query[offset] !== 0) {
      labels.push(
        query.toString('latin1', offset + 1, offset + 1 + query[offset]),
      );
      offset += 1 + query[offset];
    }
    const questionEnd = offset + 5;
    const name = labels.join('.').toLowerCase();
    const type = query.readUInt16BE(offset + 1);
    questions.push({ name, type });
    const addresses = type === 1 ? records[name] ?? [] : [];
    let rcode = 0;
    if (failing.includes(name)) rcode = SERVFAIL;
    else if (!records[name]) rcode = NXDOMAIN;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired + available
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(rcode ? 0 : addresses.length, 6);
    const answers = rcode
      ? []
      : addresses.map(address => {
          const answer = Buffer.alloc(16);
          answer.writeUInt16BE(0xc00c, 0); // pointer to the question's name
          answer.writeUInt16BE(1, 2);
          answer.writeUInt16BE(1, 4);
          answer.writeUInt32BE(30, 6);
          answer.writeUInt16BE(4, 10);
          address
            .split('.')
            .forEach((part, i) => answer.writeUInt8(Number(part), 12 + i));
          return answer;
        });
    socket.send(
      Buffer.concat([header, query.subarray(12, questionEnd), ...answers]),
      peer.port,
      peer.address,
    );
  });
  await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    server: `127.0.0.1:${port}`,
    questions,
    close: () => new Promise(resolve => socket.close(() => resolve())),
  };
}
