import {
  AWS_REGION_ANNOTATION,
  CLUSTER_ANNOTATION,
  EXPOSURE_ANNOTATION,
  KUBERNETES_API_SERVER_ANNOTATION,
  KUBERNETES_AUTH_PROVIDER_ANNOTATION,
  KUBERNETES_AWS_CLUSTER_ID_ANNOTATION,
  PROMETHEUS_HOST_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import {
  clusterEntity,
  discoveryOptions,
} from '../__testUtils__/clusterEntity';
import { entityCluster } from './entityCluster';

const OPS = { securityGroupId: 'sg-0fedcba9876543210' };

function parse(
  annotations: Record<string, string> = {},
  discovery = discoveryOptions(),
) {
  return entityCluster(clusterEntity('blue', annotations), discovery, OPS);
}

function reason(annotations: Record<string, string>, discovery?: any) {
  const result = parse(annotations, discovery);
  if (!('refusal' in result)) throw new Error('expected a refusal');
  return result.refusal.reason;
}

describe('entityCluster', () => {
  it('reads every fact the checks need from the entity', () => {
    expect(parse({ [EXPOSURE_ANNOTATION]: 'gateway' })).toEqual({
      cluster: {
        name: 'blue',
        entityRef: 'resource:default/blue',
        host: 'prometheus-blue.example.com',
        exposure: 'gateway',
        aws: {
          region: 'eu-west-1',
          nodeSecurityGroupId: 'sg-0123456789abcdef0',
          opsSource: OPS,
        },
        kubernetes: {
          url: 'https://blue.eks.amazonaws.com',
          caData: undefined,
          skipTlsVerify: false,
          aws: { clusterId: 'blue', region: 'eu-west-1' },
        },
      },
    });
  });

  it('takes the EKS cluster id from the Kubernetes plugin annotation', () => {
    const result = parse({
      [KUBERNETES_AWS_CLUSTER_ID_ANNOTATION]: 'prod-blue',
    });
    expect('cluster' in result && result.cluster.kubernetes?.aws).toEqual({
      clusterId: 'prod-blue',
      region: 'eu-west-1',
    });
  });

  it('uses the service account token configured for the cluster name', () => {
    const result = parse(
      { [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'serviceAccount' },
      discoveryOptions({ serviceAccountTokens: { blue: 'sa-token-blue' } }),
    );
    expect('cluster' in result && result.cluster.kubernetes?.token).toBe(
      'sa-token-blue',
    );
  });

  it('keeps a service-account cluster without a token, with the reason for its Kubernetes checks', () => {
    const result = parse({
      [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'serviceAccount',
    });
    expect('cluster' in result && result.cluster.kubernetes?.problem).toMatch(
      /no service account token for cluster blue: add it to prometheusFederation.discovery.serviceAccountTokens/,
    );
  });

  it('refuses a leaf host outside allowedHosts', () => {
    expect(reason({ [PROMETHEUS_HOST_ANNOTATION]: 'metadata.internal' })).toBe(
      'leaf host metadata.internal matches no pattern of prometheusFederation.discovery.allowedHosts',
    );
  });

  it('refuses an API server outside allowedApiServers, and one with a path trick', () => {
    expect(
      reason({ [KUBERNETES_API_SERVER_ANNOTATION]: 'https://10.0.0.1:6443' }),
    ).toMatch(/API server https:\/\/10.0.0.1:6443 matches no pattern/);
    expect(
      reason({
        [KUBERNETES_API_SERVER_ANNOTATION]:
          'https://evil.test/x.eks.amazonaws.com',
      }),
    ).toMatch(
      /matches no pattern of prometheusFederation.discovery.allowedApiServers/,
    );
  });

  it('refuses a region outside allowedRegions', () => {
    expect(reason({ [AWS_REGION_ANNOTATION]: 'us-east-1' })).toMatch(
      /AWS region us-east-1 matches no pattern/,
    );
  });

  it('refuses bad values with the common rules, naming the annotation', () => {
    expect(reason({ [CLUSTER_ANNOTATION]: 'Blue!' })).toMatch(
      /annotation prometheus-federation.io\/cluster "Blue!" is not a valid cluster name: use a DNS-1123 label/,
    );
    expect(reason({ [AWS_REGION_ANNOTATION]: 'europe' })).toMatch(
      /is not a valid AWS region/,
    );
    expect(reason({ [EXPOSURE_ANNOTATION]: 'nodeport' })).toMatch(
      /must be ingress or gateway/,
    );
    expect(reason({ [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'oidc' })).toMatch(
      /"oidc" is not one the backend can use \(serviceAccount, aws\)/,
    );
  });

  it('refuses oversized values without reading them', () => {
    const long = `${'a'.repeat(300)}`;
    const result = parse({ [CLUSTER_ANNOTATION]: long });
    expect(result).toEqual({
      refusal: {
        entityRef: 'resource:default/blue',
        cluster: undefined,
        reason: `annotation ${CLUSTER_ANNOTATION} is 300 characters long; at most 253 are read`,
      },
    });
  });
});
