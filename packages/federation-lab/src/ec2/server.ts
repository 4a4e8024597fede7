import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Ec2Error } from './errors';
import { describe } from './query';
import { LabAwsCredentials, verifySigV4 } from './sigv4';
import type { Ec2World, SecurityGroup, SecurityGroupRule } from './world';
import {
  describeResponseXml,
  errorResponseXml,
  groupItem,
  ruleItem,
} from './xml';

/** Handles one Query API request end to end (signature, action, XML); exported for tests. */
export async function handleEc2Request(
  req: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
  },
  world: Ec2World,
  credentials: LabAwsCredentials,
): Promise<{ status: number; body: string }> {
  const requestId = randomUUID();
  try {
    const url = new URL(req.url, 'http://lab');
    await verifySigV4(
      {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: req.body,
      },
      credentials,
    );
    const params = new URLSearchParams(
      req.method === 'POST' ? req.body : url.search,
    );
    const result = describe(world, params);
    const items =
      result.action === 'DescribeSecurityGroups'
        ? (result.items as SecurityGroup[]).map(g => groupItem(g, world.rules))
        : (result.items as SecurityGroupRule[]).map(ruleItem);
    return {
      status: 200,
      body: describeResponseXml({
        action: result.action,
        requestId,
        items,
        nextToken: result.nextToken,
      }),
    };
  } catch (e) {
    const err =
      e instanceof Ec2Error
        ? e
        : new Ec2Error('InternalError', 'An internal error has occurred', 500);
    return {
      status: err.status,
      body: errorResponseXml(err.code, err.message, requestId),
    };
  }
}

/** The EC2 Query API on loopback, answering from the daemon's live world. */
export async function startEc2Server(options: {
  port: number;
  credentials: LabAwsCredentials;
  world: () => Ec2World;
}): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
      }
      handleEc2Request(
        {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        options.world(),
        options.credentials,
      ).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}
