import { Sha256 } from '@aws-crypto/sha256-js';
import {
  ALGORITHM_IDENTIFIER,
  AMZ_DATE_HEADER,
  AUTH_HEADER,
  SHA256_HEADER,
  SignatureV4,
} from '@smithy/signature-v4';
import { timingSafeEqual } from 'node:crypto';
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

interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** AWS allows 15 minutes of clock skew. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * The fields of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
 * header. smithy only signs; reading the header back is the one part it has no function for.
 */
function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = new RegExp(
    `^${ALGORITHM_IDENTIFIER} Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$`,
  ).exec(value);
  if (!m) return undefined;
  const [, accessKeyId, scopeDate, region, service, signed, signature] = m;
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders: signed.split(';'),
    signature,
  };
}

/** `20250101T000000Z` (smithy's date input does not take this form). */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m
    ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
    : undefined;
}

/**
 * Verifies an AWS Signature Version 4 header signature by signing the same request again with
 * smithy's signer (the one the SDK uses) and the lab credentials, then comparing signatures.
 * Throws the EC2 error a real endpoint answers with.
 */
export async function verifySigV4(
  req: IncomingSignedRequest,
  credentials: LabAwsCredentials,
  now = new Date(),
): Promise<void> {
  const authorization = req.headers[AUTH_HEADER];
  if (!authorization) {
    throw new Ec2Error(
      'MissingAuthenticationToken',
      'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
      401,
    );
  }
  const given = parseAuthorization(authorization);
  if (!given) {
    throw new Ec2Error(
      'IncompleteSignature',
      'The request signature does not conform to AWS standards.',
      400,
    );
  }
  if (given.accessKeyId !== credentials.accessKeyId) {
    throw new Ec2Error(
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
      401,
    );
  }
  const signingDate = parseAmzDate(req.headers[AMZ_DATE_HEADER] ?? '');
  if (
    !signingDate ||
    !signingDate.toISOString().replace(/-/g, '').startsWith(given.scopeDate)
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
  const headers: Record<string, string> = {};
  for (const name of given.signedHeaders) {
    if (req.headers[name] === undefined) {
      throw new Ec2Error(
        'IncompleteSignature',
        `Signed header ${name} is missing from the request.`,
        400,
      );
    }
    // The signer trusts a given payload hash header; leave it out so it hashes the real body.
    if (name !== SHA256_HEADER) headers[name] = req.headers[name];
  }
  const signer = new SignatureV4({
    credentials,
    region: given.region,
    service: given.service,
    sha256: Sha256,
    // Re-adds the payload hash header (from the body) only where the client signed one.
    applyChecksum: given.signedHeaders.includes(SHA256_HEADER),
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
    { signingDate, signableHeaders: new Set(given.signedHeaders) },
  );
  const expected =
    parseAuthorization(String(signed.headers[AUTH_HEADER]))?.signature ?? '';
  if (
    expected.length !== given.signature.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(given.signature))
  ) {
    throw new Ec2Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      403,
    );
  }
}
