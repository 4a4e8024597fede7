import {
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  SecurityGroupRule as Ec2Rule,
} from '@aws-sdk/client-ec2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ClusterOptions, FederationOptions } from '../config/options';
import { RequestCounter } from './requestCounter';
import { sourced } from './sourced';
import { SecurityGroupRule, Sourced } from './types';

export function parseRule(rule: Ec2Rule): SecurityGroupRule {
  return {
    ruleId: rule.SecurityGroupRuleId ?? '',
    groupId: rule.GroupId ?? '',
    isEgress: rule.IsEgress === true,
    ipProtocol: rule.IpProtocol ?? '',
    fromPort: rule.FromPort,
    toPort: rule.ToPort,
    cidrIpv4: rule.CidrIpv4,
    referencedGroupId: rule.ReferencedGroupInfo?.GroupId,
    description: rule.Description,
  };
}

/** EC2 accepts at most 200 values per filter (FilterLimitExceeded above). */
export const MAX_FILTER_VALUES = 200;

/** `items` in consecutive batches of at most `size`. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads the rules of every leaf node security group: one paginated DescribeSecurityGroupRules per
 * region and batch of at most 200 group ids (EC2's filter limit), filtered by group id. Port and source are matched by triage (the API cannot filter them).
 */
export class SecurityGroupsCollector {
  private readonly clients = new Map<string, EC2Client>();

  constructor(
    private readonly options: FederationOptions,
    private readonly secrets: string[],
    private readonly counter?: RequestCounter,
  ) {}

  private client(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        endpoint: this.options.aws.endpoint,
        // Adaptive retry backs off on throttling (RequestLimitExceeded) with a client-side rate limiter.
        retryMode: 'adaptive',
        maxAttempts: 4,
        requestHandler: new NodeHttpHandler({
          connectionTimeout: this.options.upstreamTimeoutSeconds * 1000,
          requestTimeout: this.options.upstreamTimeoutSeconds * 1000,
        }),
      });
      if (this.counter) {
        const counter = this.counter;
        // Counts HTTP attempts, retries included.
        client.middlewareStack.add(
          next => args => {
            counter.add(`aws:${region}`);
            return next(args);
          },
          { step: 'finalizeRequest', priority: 'low', name: 'countRequests' },
        );
      }
      this.clients.set(region, client);
    }
    return client;
  }

  /** Rules by region. */
  async collect(
    /** Runs one region's read; the facts collector bounds how many run at once. */
    limit: <T>(region: string, read: () => Promise<T>) => Promise<T> = (
      _region,
      read,
    ) => read(),
    /** This refresh's clusters (with discovery, not only app-config's). */
    clusters: ClusterOptions[] = this.options.clusters,
  ): Promise<Record<string, Sourced<SecurityGroupRule[]>>> {
    const groupsByRegion = new Map<string, Set<string>>();
    for (const cluster of clusters) {
      if (!cluster.aws) continue;
      const groups =
        groupsByRegion.get(cluster.aws.region) ?? new Set<string>();
      groups.add(cluster.aws.nodeSecurityGroupId);
      groupsByRegion.set(cluster.aws.region, groups);
    }
    // Retries may take several timeouts; give the whole paginated read room for them.
    const seconds = this.options.upstreamTimeoutSeconds * 2;
    const entries = await Promise.all(
      [...groupsByRegion].map(async ([region, groups]) => {
        const result = await limit(region, () =>
          sourced(`EC2 ${region}`, seconds, this.secrets, async signal => {
            const client = this.client(region);
            const rules: SecurityGroupRule[] = [];
            // Batches one after the other: pages per region stay sequential, as before.
            for (const batch of batches([...groups], MAX_FILTER_VALUES)) {
              let nextToken: string | undefined;
              // Pages by hand: the SDK paginator cannot take the abort signal, so a timed-out
              // refresh would keep paging.
              do {
                const page = await client.send(
                  new DescribeSecurityGroupRulesCommand({
                    Filters: [{ Name: 'group-id', Values: batch }],
                    MaxResults: 1000,
                    NextToken: nextToken,
                  }),
                  { abortSignal: signal },
                );
                rules.push(...(page.SecurityGroupRules ?? []).map(parseRule));
                nextToken = page.NextToken;
              } while (nextToken && !signal.aborted);
              if (signal.aborted) break;
            }
            return rules;
          }),
        );
        return [region, result] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}
