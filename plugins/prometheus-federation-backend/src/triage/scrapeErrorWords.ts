import {
  SCRAPE_ERROR_CAUSE_TEXT,
  ScrapeErrorCause,
} from '@promfed/plugin-prometheus-federation-common';

/** TLS failures told apart, in words (the x509 text stays in the evidence). */
const TLS_WORDS: Array<[RegExp, string]> = [
  [/expired|not yet valid|CERT_HAS_EXPIRED/i, 'certificate expired'],
  [
    /valid for|not valid for any names|ALTNAME_INVALID|another host/i,
    'certificate for another host name',
  ],
  [
    /unknown authority|self.signed|not trusted|UNABLE_TO_(VERIFY|GET)/i,
    'certificate not trusted',
  ],
];

/** Node's certificate verification codes, in words; the code itself stays in the evidence. */
const TLS_CODE_WORDS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another host name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer unknown',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer unknown',
  CERT_REVOKED: 'revoked',
};

export function tlsCodeInWords(code: string | undefined): string {
  return (code && TLS_CODE_WORDS[code]) || 'verification failed';
}

/**
 * A classified scrape or probe failure in words, on one line: "connection refused",
 * "certificate expired". Unclassified errors keep their own text, without the `Get "<url>": `
 * prefix Prometheus adds.
 */
export function scrapeErrorInWords(
  cause: ScrapeErrorCause,
  error: string,
): string {
  if (cause === 'tls') {
    const found = TLS_WORDS.find(([pattern]) => pattern.test(error));
    return found ? found[1] : SCRAPE_ERROR_CAUSE_TEXT.tls;
  }
  if (cause === 'http-status') {
    const status = /HTTP status (\d{3}[^"\n]*)/i.exec(error);
    if (status) return `HTTP ${status[1].trim()}`;
  }
  if (cause !== 'other' || !error) return SCRAPE_ERROR_CAUSE_TEXT[cause];
  const line = error
    .replace(/^Get "[^"]*":\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
