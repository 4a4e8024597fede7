import { createHash } from 'node:crypto';

export const LAB_ACCOUNT_ID = '123456789012';
export const LAB_REGION = 'eu-west-1';

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  tags: Record<string, string>;
}

export interface SecurityGroupRule {
  securityGroupRuleId: string;
  groupId: string;
  groupOwnerId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  referencedGroupInfo?: { groupId: string; userId: string };
  description?: string;
  tags: Record<string, string>;
}

export interface Ec2World {
  groups: SecurityGroup[];
  rules: SecurityGroupRule[];
}

/** Stable AWS-style ids (`sg-` + 17 hex), so a restarted lab keeps the ids written in app-config. */
export function awsId(prefix: 'sg' | 'sgr' | 'vpc', ...seed: string[]): string {
  return `${prefix}-${createHash('sha256')
    .update(seed.join('/'))
    .digest('hex')
    .slice(0, 17)}`;
}

export function opsClusterSecurityGroupId(): string {
  return awsId('sg', 'eks-cluster-sg', 'ops');
}

export function nodeSecurityGroupId(cluster: string): string {
  return awsId('sg', 'node', cluster);
}

/** The rule the Terraform file (`repositoryLayout().terraform` in the common package) creates for a leaf. */
export function federationRuleId(cluster: string): string {
  return awsId('sgr', 'ops-to-prometheus', cluster);
}

export function federationRuleDescription(cluster: string): string {
  return `Allow ops Prometheus to federate from ${cluster} Prometheus via Ingress LoadBalancer (port 443)`;
}

/**
 * The set-up's AWS world: the ops EKS cluster security group, a node security group per leaf with
 * the usual node rules, and the federation rule (tcp 443 from the ops cluster group; see
 * docs/federation-setup.md#security-group-rule).
 */
export function seedEc2World(clusters: string[]): Ec2World {
  const opsSg = opsClusterSecurityGroupId();
  const groups: SecurityGroup[] = [
    {
      groupId: opsSg,
      groupName: `eks-cluster-sg-ops-${opsSg.slice(3, 13)}`,
      description:
        'EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.',
      vpcId: awsId('vpc', 'ops'),
      ownerId: LAB_ACCOUNT_ID,
      tags: {
        'aws:eks:cluster-name': 'ops',
        'kubernetes.io/cluster/ops': 'owned',
        Name: 'eks-cluster-sg-ops',
      },
    },
  ];
  const rules: SecurityGroupRule[] = [
    {
      securityGroupRuleId: awsId('sgr', 'ops', 'egress'),
      groupId: opsSg,
      groupOwnerId: LAB_ACCOUNT_ID,
      isEgress: true,
      ipProtocol: '-1',
      fromPort: -1,
      toPort: -1,
      cidrIpv4: '0.0.0.0/0',
      tags: {},
    },
  ];
  for (const c of clusters) {
    const sg = nodeSecurityGroupId(c);
    groups.push({
      groupId: sg,
      groupName: `${c}-node-20250114093212345600000001`,
      description: 'EKS node shared security group',
      vpcId: awsId('vpc', c),
      ownerId: LAB_ACCOUNT_ID,
      tags: { Name: `${c}-node`, 'terraform-aws-modules': 'eks' },
    });
    rules.push(
      {
        securityGroupRuleId: awsId('sgr', c, 'egress'),
        groupId: sg,
        groupOwnerId: LAB_ACCOUNT_ID,
        isEgress: true,
        ipProtocol: '-1',
        fromPort: -1,
        toPort: -1,
        cidrIpv4: '0.0.0.0/0',
        description: 'Allow all egress',
        tags: {},
      },
      {
        securityGroupRuleId: awsId('sgr', c, 'node-to-node'),
        groupId: sg,
        groupOwnerId: LAB_ACCOUNT_ID,
        isEgress: false,
        ipProtocol: 'tcp',
        fromPort: 1025,
        toPort: 65535,
        referencedGroupInfo: { groupId: sg, userId: LAB_ACCOUNT_ID },
        description: 'Node to node ingress on ephemeral ports',
        tags: {},
      },
      {
        securityGroupRuleId: federationRuleId(c),
        groupId: sg,
        groupOwnerId: LAB_ACCOUNT_ID,
        isEgress: false,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedGroupInfo: { groupId: opsSg, userId: LAB_ACCOUNT_ID },
        description: federationRuleDescription(c),
        tags: {},
      },
    );
  }
  return { groups, rules };
}
