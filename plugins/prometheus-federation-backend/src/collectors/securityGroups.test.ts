import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { RequestCounter } from './requestCounter';
import { SecurityGroupsCollector } from './securityGroups';

// The EC2 query protocol's XML, as the SDK parses it (see the domain notes).
const page = (
  items: string,
  nextToken?: string,
) => `<?xml version="1.0" encoding="UTF-8"?>
<DescribeSecurityGroupRulesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>7c1d2b3a-0000-4000-8000-000000000001</requestId>
  <securityGroupRuleSet>${items}</securityGroupRuleSet>
  ${nextToken ? `<nextToken>${nextToken}</nextToken>` : ''}
</DescribeSecurityGroupRulesResponse>`;

const rule = (id: string, group: string, source: string) => `<item>
  <securityGroupRuleId>${id}</securityGroupRuleId><groupId>${group}</groupId><groupOwnerId>123456789012</groupOwnerId>
  <isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>
  ${
    source.startsWith('sg-')
      ? `<referencedGroupInfo><groupId>${source}</groupId><userId>123456789012</userId></referencedGroupInfo>`
      : `<cidrIpv4>${source}</cidrIpv4>`
  }
  <description>ops to prometheus</description><tagSet/></item>`;

const THROTTLED = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>x</RequestID></Response>`;

describe('SecurityGroupsCollector', () => {
  let server: LocalServer;
  const env = { ...process.env };
  beforeEach(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDLABLABLAB';
    process.env.AWS_SECRET_ACCESS_KEY = 'lab-secret-key-never-shown';
  });
  afterEach(async () => {
    process.env = { ...env };
    await server?.close();
  });

  const threeClusters = () =>
    ['blue', 'green', 'red'].map((name, i) => ({
      name,
      prometheus: { host: `prometheus-${name}.federation.test` },
      aws: {
        region: i < 2 ? 'eu-west-1' : 'us-east-1',
        nodeSecurityGroupId: `sg-0${name[0]
          .charCodeAt(0)
          .toString(16)}${'0'.repeat(14)}`,
      },
    }));

  function collector(counter: RequestCounter, clusters = threeClusters()) {
    const options = readFederationConfig(
      new ConfigReader({
        prometheusFederation: {
          opsPrometheus: { url: 'http://127.0.0.1:1' },
          upstreamTimeoutSeconds: 2,
          aws: {
            endpoint: server.url,
            opsSource: { securityGroupId: 'sg-0aaaaaaaaaaaaaaaa' },
          },
          clusters,
        },
      }),
    )!;
    return new SecurityGroupsCollector(
      options,
      ['lab-secret-key-never-shown'],
      counter,
    );
  }

  it('reads all leaves of a region in one paginated call, retrying throttling', async () => {
    let calls = 0;
    server = await startLocalServer((_req, res, body) => {
      calls += 1;
      res.setHeader('content-type', 'text/xml;charset=UTF-8');
      const params = new URLSearchParams(body);
      if (calls === 1) {
        res.writeHead(503);
        res.end(THROTTLED);
        return;
      }
      const groups = [...params]
        .filter(([k]) => k.startsWith('Filter.1.Value.'))
        .map(([, v]) => v);
      if (!params.get('NextToken')) {
        res.end(
          page(rule('sgr-01', groups[0], 'sg-0aaaaaaaaaaaaaaaa'), 'page-2'),
        );
      } else {
        res.end(
          page(groups[1] ? rule('sgr-02', groups[1], '203.0.113.10/32') : ''),
        );
      }
    });
    const counter = new RequestCounter();
    const byRegion = await collector(counter).collect();

    expect(byRegion['eu-west-1']).toMatchObject({
      ok: true,
      value: [
        {
          ruleId: 'sgr-01',
          groupId: 'sg-06200000000000000',
          isEgress: false,
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa',
        },
        {
          ruleId: 'sgr-02',
          groupId: 'sg-06700000000000000',
          cidrIpv4: '203.0.113.10/32',
        },
      ],
    });
    expect(byRegion['us-east-1'].ok).toBe(true);
    // Filters carry every leaf group of the region in one call; port and source are matched later.
    const first = new URLSearchParams(
      server.requests.find(
        r => !r.body.includes('NextToken') && r.body.includes('sg-0620'),
      )!.body,
    );
    expect(first.get('Action')).toBe('DescribeSecurityGroupRules');
    expect(first.get('Filter.1.Name')).toBe('group-id');
    expect([
      first.get('Filter.1.Value.1'),
      first.get('Filter.1.Value.2'),
    ]).toEqual(['sg-06200000000000000', 'sg-06700000000000000']);
    // One throttled attempt + two pages for eu-west-1, two pages for us-east-1: retries and pages count.
    const counts = counter.snapshot();
    expect(counts['aws:eu-west-1'] + counts['aws:us-east-1']).toBe(5);
  });

  it('batches group ids by 200, the most EC2 accepts in one filter', async () => {
    server = await startLocalServer((_req, res, body) => {
      const params = new URLSearchParams(body);
      const groups = [...params]
        .filter(([k]) => k.startsWith('Filter.1.Value.'))
        .map(([, v]) => v);
      if (groups.length > 200) {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          '<Response><Errors><Error><Code>FilterLimitExceeded</Code><Message>The maximum number of filter values specified on a single call is 200</Message></Error></Errors><RequestID>x</RequestID></Response>',
        );
        return;
      }
      res.setHeader('content-type', 'text/xml;charset=UTF-8');
      res.end(
        page(groups.map(g => rule(`sgr-${g}`, g, '10.0.0.1/32')).join('')),
      );
    });
    const counter = new RequestCounter();
    const byRegion = await collector(
      counter,
      Array.from({ length: 450 }, (_, i) => ({
        name: `c${i}`,
        prometheus: { host: `prometheus-c${i}.federation.test` },
        aws: {
          region: 'eu-west-1',
          nodeSecurityGroupId: `sg-0${i.toString(16).padStart(16, '0')}`,
        },
      })),
    ).collect();
    expect(byRegion['eu-west-1'].ok).toBe(true);
    const rules = byRegion['eu-west-1'].ok ? byRegion['eu-west-1'].value : [];
    expect(new Set(rules.map(r => r.groupId)).size).toBe(450);
    expect(counter.snapshot()['aws:eu-west-1']).toBe(3);
  });

  it('turns an EC2 error into a reason for the region, without credentials', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        "<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group 'sg-06200000000000000' does not exist</Message></Error></Errors><RequestID>x</RequestID></Response>",
      );
    });
    const byRegion = await collector(new RequestCounter()).collect();
    expect(byRegion['eu-west-1']).toMatchObject({
      ok: false,
      reason: 'EC2 eu-west-1: security group not found',
      detail: expect.stringContaining('does not exist'),
    });
    expect(JSON.stringify(byRegion)).not.toContain(
      'lab-secret-key-never-shown',
    );
  });
});
