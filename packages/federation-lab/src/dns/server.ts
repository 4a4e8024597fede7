import dgram from 'node:dgram';
import {
  CLASS_IN,
  DnsQuery,
  RCODE_FORMERR,
  RCODE_NOERROR,
  RCODE_NXDOMAIN,
  TYPE_A,
  decodeQuery,
  encodeResponse,
} from './packet';

/** Pure answer logic: known names get their A record (no AAAA), anything else is NXDOMAIN. */
export function answerQuery(
  query: DnsQuery,
  records: Map<string, string>,
): Buffer {
  const q = query.questions[0];
  if (!q || query.questions.length !== 1)
    return encodeResponse(query, RCODE_FORMERR, []);
  const address = records.get(q.name.toLowerCase().replace(/\.$/, ''));
  if (!address) return encodeResponse(query, RCODE_NXDOMAIN, []);
  const answers =
    q.type === TYPE_A && q.class === CLASS_IN
      ? [{ name: q.name, type: TYPE_A, ttl: 30, address }]
      : [];
  return encodeResponse(query, RCODE_NOERROR, answers);
}

/** A real DNS server over UDP on loopback, so nothing touches the system resolver. */
export async function startDnsServer(options: {
  port: number;
  records: () => Map<string, string>;
}): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    let reply: Buffer;
    try {
      reply = answerQuery(decodeQuery(msg), options.records());
    } catch {
      return; // not a DNS query we can parse: drop it, as resolvers do with garbage
    }
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, '127.0.0.1', () => resolve());
  });
  return socket;
}
