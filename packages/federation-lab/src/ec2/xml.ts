import type { SecurityGroup, SecurityGroupRule } from './world';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    c =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[
        c
      ]!),
  );
}

function el(
  name: string,
  value: string | number | boolean | undefined,
): string {
  return value === undefined
    ? ''
    : `<${name}>${escapeXml(String(value))}</${name}>`;
}

function tagSet(tags: Record<string, string>): string {
  const items = Object.entries(tags).map(
    ([k, v]) => `<item>${el('key', k)}${el('value', v)}</item>`,
  );
  return `<tagSet>${items.join('')}</tagSet>`;
}

export function ruleXml(r: SecurityGroupRule): string {
  return [
    '<item>',
    el('securityGroupRuleId', r.securityGroupRuleId),
    el('groupId', r.groupId),
    el('groupOwnerId', r.groupOwnerId),
    el('isEgress', r.isEgress),
    el('ipProtocol', r.ipProtocol),
    el('fromPort', r.fromPort),
    el('toPort', r.toPort),
    el('cidrIpv4', r.cidrIpv4),
    r.referencedGroupInfo
      ? `<referencedGroupInfo>${el(
          'groupId',
          r.referencedGroupInfo.groupId,
        )}${el('userId', r.referencedGroupInfo.userId)}</referencedGroupInfo>`
      : '',
    el('description', r.description),
    tagSet(r.tags),
    '</item>',
  ].join('');
}

/** A group's rules in the older ipPermissions form DescribeSecurityGroups returns. */
function permissionsXml(name: string, rules: SecurityGroupRule[]): string {
  const items = rules.map(r => {
    const groups = r.referencedGroupInfo
      ? `<groups><item>${el('userId', r.referencedGroupInfo.userId)}${el(
          'groupId',
          r.referencedGroupInfo.groupId,
        )}${el('description', r.description)}</item></groups>`
      : '<groups/>';
    const ranges = r.cidrIpv4
      ? `<ipRanges><item>${el('cidrIp', r.cidrIpv4)}${el(
          'description',
          r.description,
        )}</item></ipRanges>`
      : '<ipRanges/>';
    const ports =
      r.ipProtocol === '-1'
        ? ''
        : el('fromPort', r.fromPort) + el('toPort', r.toPort);
    return `<item>${el(
      'ipProtocol',
      r.ipProtocol,
    )}${ports}${groups}${ranges}<ipv6Ranges/><prefixListIds/></item>`;
  });
  return `<${name}>${items.join('')}</${name}>`;
}

export function groupXml(g: SecurityGroup, rules: SecurityGroupRule[]): string {
  const own = rules.filter(r => r.groupId === g.groupId);
  return [
    '<item>',
    el('ownerId', g.ownerId),
    el('groupId', g.groupId),
    el('groupName', g.groupName),
    el('groupDescription', g.description),
    permissionsXml(
      'ipPermissions',
      own.filter(r => !r.isEgress),
    ),
    permissionsXml(
      'ipPermissionsEgress',
      own.filter(r => r.isEgress),
    ),
    el('vpcId', g.vpcId),
    el(
      'securityGroupArn',
      `arn:aws:ec2:eu-west-1:${g.ownerId}:security-group/${g.groupId}`,
    ),
    tagSet(g.tags),
    '</item>',
  ].join('');
}

/** A successful Query API response: `<{Action}Response>` with the action's item set. */
export function describeResponseXml(options: {
  action: string;
  requestId: string;
  items: string[];
  nextToken?: string;
}): string {
  const setName =
    options.action === 'DescribeSecurityGroups'
      ? 'securityGroupInfo'
      : 'securityGroupRuleSet';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<${options.action}Response xmlns="${NS}">`,
    el('requestId', options.requestId),
    `<${setName}>${options.items.join('')}</${setName}>`,
    el('nextToken', options.nextToken),
    `</${options.action}Response>`,
  ].join('');
}

export function errorResponseXml(
  code: string,
  message: string,
  requestId: string,
): string {
  const error = `<Error>${el('Code', code)}${el('Message', message)}</Error>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors>${error}</Errors>${el(
    'RequestID',
    requestId,
  )}</Response>`;
}
