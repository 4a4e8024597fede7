import { ScrapeErrorCause } from '@promfed/plugin-prometheus-federation-common';

/** Causes of a target's `lastError`, in the order they must be tested (first match wins). */
const LAST_ERROR_CAUSES: Array<[RegExp, ScrapeErrorCause]> = [
  [/connection refused/i, 'connection-refused'],
  [/no such host|lookup \S+ on \S+|server misbehaving/i, 'dns'],
  [/server gave HTTP response to HTTPS client/i, 'http-vs-https'],
  [
    /context deadline exceeded|Client\.Timeout exceeded|i\/o timeout|handshake timeout/i,
    'timeout',
  ],
  [/x509:|tls:|certificate/i, 'tls'],
  [/sample limit exceeded/i, 'sample-limit'],
  [/body size limit exceeded/i, 'body-size-limit'],
  [/HTTP status 404/i, 'not-found'],
  // Prometheus 3 rejects the Content-Type; 2.x fails to parse the body ("INVALID" is not a
  // valid start token): both are an answer that is not Prometheus', a login page say.
  [/content[- ]type|is not a valid start token/i, 'invalid-content-type'],
  [/HTTP status \d{3}/i, 'http-status'],
];

/** Classifies the `lastError` of an ops Prometheus target. Undefined when the scrape is fine. */
export function classifyScrapeError(
  lastError: string | undefined,
): ScrapeErrorCause | undefined {
  if (!lastError) return undefined;
  return (
    LAST_ERROR_CAUSES.find(([pattern]) => pattern.test(lastError))?.[1] ??
    'other'
  );
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** Classifies a failure of the backend's own probe (Node error codes) with the same causes. */
export function classifyProbeError(
  code: string | undefined,
  message: string,
): ScrapeErrorCause {
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
    return 'dns';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (code && TLS_CODES.has(code)) return 'tls';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return 'http-vs-https';
  if (/wrong version number|packet length too long/i.test(message))
    return 'http-vs-https';
  return classifyScrapeError(message) ?? 'other';
}
