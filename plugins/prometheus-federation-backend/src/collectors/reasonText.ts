/**
 * Upstream failures in words an on-call engineer reads, on one line: "connection refused",
 * "timeout after 5 s", "throttled". The raw error is kept beside it as evidence.
 */

const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ENODATA: 'host not found',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate for another host name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted',
  ERR_SSL_WRONG_VERSION_NUMBER: 'HTTP answer to an HTTPS request',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'HTTP answer to an HTTPS request',
};

/** AWS error names (the SDK sets `name`) that mean the same to an operator. */
const AWS_WORDS: Array<[RegExp, string]> = [
  [/Throttl|RequestLimitExceeded|TooManyRequests/i, 'throttled'],
  [/AuthFailure|UnauthorizedOperation|InvalidClientTokenId/i, 'not authorized'],
  [/SignatureDoesNotMatch/i, 'credentials rejected'],
  [/InvalidGroup\.NotFound/i, 'security group not found'],
  [/CredentialsProviderError|Could not load credentials/i, 'no credentials'],
];

const MESSAGE_WORDS: Array<[RegExp, string]> = [
  [/connection refused/i, 'connection refused'],
  [
    /wrong version number|packet length too long/i,
    'HTTP answer to an HTTPS request',
  ],
  [/socket hang up/i, 'connection closed'],
  [/aborted/i, 'aborted'],
];

/** The longest reason kept on the one line; the full error stays in the evidence. */
const MAX_WORDS = 160;

export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_WORDS ? `${line.slice(0, MAX_WORDS - 1)}…` : line;
}

/** A failure in words, e.g. "connection refused"; falls back to the message's first line. */
export function reasonInWords(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CODE_WORDS[code]) return CODE_WORDS[code];
  const aws = AWS_WORDS.find(([pattern]) =>
    pattern.test(`${error.name} ${code ?? ''}`),
  );
  if (aws) return aws[1];
  const known = MESSAGE_WORDS.find(([pattern]) => pattern.test(error.message));
  if (known) return known[1];
  return oneLine(error.message.split('\n')[0] || error.name);
}
