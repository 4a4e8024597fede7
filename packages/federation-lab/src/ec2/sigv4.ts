import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Ec2Error } from './errors';

export interface LabAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface IncomingSignedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** AWS allows 15 minutes of clock skew. */
const MAX_SKEW_MS = 15 * 60 * 1000;

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m
    ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
    : undefined;
}

/**
 * Verifies an AWS Signature Version 4 header signature by signing the same request again with
 * the lab credentials (smithy's signer, as the SDK uses) and comparing. Throws the EC2 error
 * a real endpoint answers with.
 */
export async function verifySigV4(
  req: IncomingSignedRequest,
  credentials: LabAwsCredentials,
  now = new Date(),
): Promise<void> {
  const authorization = req.headers.authorization;
  if (!authorization) {
    throw new Ec2Error(
      'MissingAuthenticationToken',
      'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
      401,
    );
  }
  const m = AUTH.exec(authorization);
  if (!m) {
    throw new Ec2Error(
      'IncompleteSignature',
      'The request signature does not conform to AWS standards.',
      400,
    );
  }
  const [
    ,
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaderList,
    signature,
  ] = m;
  if (accessKeyId !== credentials.accessKeyId) {
    throw new Ec2Error(
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
      401,
    );
  }
  const signingDate = parseAmzDate(req.headers['x-amz-date'] ?? '');
  if (
    !signingDate ||
    !signingDate.toISOString().replace(/-/g, '').startsWith(scopeDate)
  ) {
    throw new Ec2Error(
      'IncompleteSignature',
      'The request must contain a valid X-Amz-Date header matching the credential scope.',
      400,
    );
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new Ec2Error('RequestExpired', 'Request has expired.', 400);
  }
  const signedNames = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    if (req.headers[name] === undefined) {
      throw new Ec2Error(
        'IncompleteSignature',
        `Signed header ${name} is missing from the request.`,
        400,
      );
    }
    headers[name] = req.headers[name];
  }
  // The signer trusts a given x-amz-content-sha256 as the payload hash: check it against the body.
  const declaredHash = req.headers['x-amz-content-sha256'];
  if (
    declaredHash !== undefined &&
    declaredHash !== createHash('sha256').update(req.body).digest('hex')
  ) {
    throw signatureMismatch();
  }
  const signer = new SignatureV4({
    credentials,
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: (req.headers.host ?? '').split(':')[0],
      path: req.path,
      query: req.query,
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(signedNames) },
  );
  const expected =
    /Signature=([0-9a-f]{64})/.exec(
      String(signed.headers.authorization),
    )?.[1] ?? '';
  if (
    expected.length !== signature.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  ) {
    throw signatureMismatch();
  }
}

function signatureMismatch(): Ec2Error {
  return new Ec2Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    403,
  );
}
