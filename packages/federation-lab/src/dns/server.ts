import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';

/** RFC 1035 response codes the lab answers with. */
export const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3 } as const;

/**
 * Pure answer logic: known names get their A record (no AAAA), anything else is NXDOMAIN.
 * Returns undefined for a message that is not a DNS query we can parse (resolvers drop garbage).
 */
export function answerMessage(
  message: Buffer,
  records: Map<string, string>,
): Buffer | undefined {
  let query: dnsPacket.DecodedPacket;
  try {
    query = dnsPacket.decode(message);
  } catch {
    return undefined;
  }
  if (query.type !== 'query') return undefined;
  const questions = query.questions ?? [];
  const reply = (rcode: number, answers: dnsPacket.Answer[] = []) =>
    dnsPacket.encode({
      type: 'response',
      id: query.id,
      // Authoritative, recursion available, RD echoed; dns-packet takes the rcode in the flags.
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER |
        dnsPacket.RECURSION_AVAILABLE |
        ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
        rcode,
      questions,
      answers,
    });
  const q = questions[0];
  if (!q || questions.length !== 1) return reply(RCODE.FORMERR);
  const address = records.get(q.name.toLowerCase().replace(/\.$/, ''));
  if (!address) return reply(RCODE.NXDOMAIN);
  if (q.type !== 'A' || (q.class ?? 'IN') !== 'IN') return reply(RCODE.NOERROR);
  return reply(RCODE.NOERROR, [
    { name: q.name, type: 'A', ttl: 30, data: address },
  ]);
}

/** A real DNS server over UDP on loopback, so nothing touches the system resolver. */
export async function startDnsServer(options: {
  port: number;
  records: () => Map<string, string>;
}): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const reply = answerMessage(msg, options.records());
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, '127.0.0.1', () => resolve());
  });
  return socket;
}
