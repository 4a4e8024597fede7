import { XMLBuilder } from 'fast-xml-parser';
import type { SecurityGroup, SecurityGroupRule } from './world';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

// Empty sets render as `<groups/>`, as EC2 writes them; undefined fields are left out.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  suppressEmptyNode: true,
});

/** An XML document with its declaration; the builder escapes every text value. */
function xmlDocument(root: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    ...root,
  });
}

function tagSet(tags: Record<string, string>) {
  return { item: Object.entries(tags).map(([key, value]) => ({ key, value })) };
}

export function ruleItem(r: SecurityGroupRule) {
  return {
    securityGroupRuleId: r.securityGroupRuleId,
    groupId: r.groupId,
    groupOwnerId: r.groupOwnerId,
    isEgress: r.isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrIpv4: r.cidrIpv4,
    referencedGroupInfo: r.referencedGroupInfo && {
      groupId: r.referencedGroupInfo.groupId,
      userId: r.referencedGroupInfo.userId,
    },
    description: r.description,
    tagSet: tagSet(r.tags),
  };
}

/** A group's rules in the older ipPermissions form DescribeSecurityGroups returns. */
function permissions(rules: SecurityGroupRule[]) {
  return {
    item: rules.map(r => ({
      ipProtocol: r.ipProtocol,
      ...(r.ipProtocol === '-1'
        ? {}
        : { fromPort: r.fromPort, toPort: r.toPort }),
      groups: r.referencedGroupInfo
        ? {
            item: {
              userId: r.referencedGroupInfo.userId,
              groupId: r.referencedGroupInfo.groupId,
              description: r.description,
            },
          }
        : '',
      ipRanges: r.cidrIpv4
        ? { item: { cidrIp: r.cidrIpv4, description: r.description } }
        : '',
      ipv6Ranges: '',
      prefixListIds: '',
    })),
  };
}

export function groupItem(g: SecurityGroup, rules: SecurityGroupRule[]) {
  const own = rules.filter(r => r.groupId === g.groupId);
  return {
    ownerId: g.ownerId,
    groupId: g.groupId,
    groupName: g.groupName,
    groupDescription: g.description,
    ipPermissions: permissions(own.filter(r => !r.isEgress)),
    ipPermissionsEgress: permissions(own.filter(r => r.isEgress)),
    vpcId: g.vpcId,
    securityGroupArn: `arn:aws:ec2:eu-west-1:${g.ownerId}:security-group/${g.groupId}`,
    tagSet: tagSet(g.tags),
  };
}

/** A successful Query API response: `<{Action}Response>` with the action's item set. */
export function describeResponseXml(options: {
  action: string;
  requestId: string;
  items: object[];
  nextToken?: string;
}): string {
  const setName =
    options.action === 'DescribeSecurityGroups'
      ? 'securityGroupInfo'
      : 'securityGroupRuleSet';
  return xmlDocument({
    [`${options.action}Response`]: {
      '@_xmlns': NS,
      requestId: options.requestId,
      [setName]: { item: options.items },
      nextToken: options.nextToken,
    },
  });
}

export function errorResponseXml(
  code: string,
  message: string,
  requestId: string,
): string {
  return xmlDocument({
    Response: {
      Errors: { Error: { Code: code, Message: message } },
      RequestID: requestId,
    },
  });
}
