import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** The prefix of an EKS bearer token, as `aws eks get-token` makes it. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';

/** The header that binds the token to one cluster; it is signed, so it cannot be changed. */
export const EKS_CLUSTER_ID_HEADER = 'x-k8s-aws-id';

/** `aws eks get-token` presigns for 60 s; the API server accepts a token for 15 minutes after. */
const PRESIGN_SECONDS = 60;

/** Reused for this long: well inside the 60 s the presigned URL is valid. */
const REUSE_MS = 45_000;

type AwsCredentialIdentityProvider = ConstructorParameters<
  typeof SignatureV4
>[0]['credentials'];

/**
 * An EKS bearer token: an STS GetCallerIdentity URL presigned with SigV4 (signed headers
 * host and x-k8s-aws-id), base64url without padding, prefixed `k8s-aws-v1.`. The API server
 * calls that URL to learn who is asking; the cluster id header stops a token made for one
 * cluster from being replayed to another. Credentials come from the backend's default chain.
 */
export async function eksToken(
  clusterId: string,
  region: string,
  credentials: AwsCredentialIdentityProvider,
  now = new Date(),
): Promise<string> {
  const hostname = `sts.${region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'sts',
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      headers: { host: hostname, [EKS_CLUSTER_ID_HEADER]: clusterId },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: PRESIGN_SECONDS, signingDate: now },
  );
  const query = Object.entries(signed.query ?? {})
    .map(
      ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`,
    )
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return `${EKS_TOKEN_PREFIX}${Buffer.from(url).toString('base64url')}`;
}

/** Tokens per cluster id, made from the default credential chain and reused briefly. */
export class EksTokens {
  private readonly cache = new Map<string, { token: string; at: number }>();

  constructor(
    private readonly credentials: AwsCredentialIdentityProvider = defaultProvider(),
  ) {}

  async token(clusterId: string, region: string): Promise<string> {
    const key = `${region}/${clusterId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < REUSE_MS) return hit.token;
    const token = await eksToken(clusterId, region, this.credentials);
    this.cache.set(key, { token, at: Date.now() });
    return token;
  }
}
