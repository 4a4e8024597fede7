import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { timingSafeEqual } from 'node:crypto';
import { LabAwsCredentials, parseAmzDate } from '../ec2/sigv4';

const PREFIX = 'k8s-aws-v1.';
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** What aws-iam-authenticator accepts: a token signed within the last 15 minutes. */
const MAX_AGE_MS = 15 * 60 * 1000;

/**
 * Reviews an EKS bearer token as the API server's authenticator does, without calling STS: the
 * token is a presigned STS GetCallerIdentity URL; the authenticator adds its own cluster id as
 * the x-k8s-aws-id header, so a token signed for another cluster, or with another secret, has a
 * signature that does not match. Here the lab signs the same request again with its credentials
 * (what STS would do) and compares. Returns why the token is refused, or undefined when valid.
 */
export async function reviewEksToken(
  bearer: string,
  clusterId: string,
  credentials: LabAwsCredentials,
  now = new Date(),
): Promise<string | undefined> {
  if (!bearer.startsWith(PREFIX)) return 'not an EKS token';
  let url: URL;
  try {
    url = new URL(
      Buffer.from(bearer.slice(PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    return 'the token is not a URL';
  }
  const region = /^sts\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];
  if (url.protocol !== 'https:' || !region || url.pathname !== '/')
    return `the token is not an STS URL: ${url.origin}${url.pathname}`;
  const q = Object.fromEntries(url.searchParams);
  if (q.Action !== 'GetCallerIdentity')
    return 'the token does not ask GetCallerIdentity';
  const signedHeaders = (q['X-Amz-SignedHeaders'] ?? '').split(';');
  if (!signedHeaders.includes(CLUSTER_ID_HEADER))
    return `the token does not sign the ${CLUSTER_ID_HEADER} header`;
  const credential = (q['X-Amz-Credential'] ?? '').split('/');
  if (credential[0] !== credentials.accessKeyId)
    return 'the access key is unknown';
  const signingDate = parseAmzDate(q['X-Amz-Date'] ?? '');
  if (!signingDate) return 'the token has no signing date';
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_AGE_MS)
    return 'the token has expired';
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(q))
    if (!k.startsWith('X-Amz-')) query[k] = v;
  const signer = new SignatureV4({
    credentials,
    region: credential[2] ?? region,
    service: 'sts',
    sha256: Sha256,
  });
  const expected = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: url.hostname,
      path: '/',
      headers: { host: url.hostname, [CLUSTER_ID_HEADER]: clusterId },
      query,
    },
    { signingDate, expiresIn: Number(q['X-Amz-Expires'] ?? 60) },
  );
  const want = Buffer.from(String(expected.query?.['X-Amz-Signature'] ?? ''));
  const given = Buffer.from(q['X-Amz-Signature'] ?? '');
  if (want.length !== given.length || !timingSafeEqual(want, given))
    return `the signature does not match (a token for another cluster id than ${clusterId}, or another secret key)`;
  return undefined;
}
