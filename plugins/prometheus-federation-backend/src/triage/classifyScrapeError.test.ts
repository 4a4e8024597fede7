import { classifyProbeError, classifyScrapeError } from './classifyScrapeError';

describe('classifyScrapeError', () => {
  // The lastError texts of Prometheus 2.42, as listed in the domain notes.
  it.each([
    ['server returned HTTP status 404 Not Found', 'not-found'],
    [
      'Get "https://prometheus-blue.federation.test:23443/federate?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D": dial tcp 127.0.0.1:23443: connect: connection refused',
      'connection-refused',
    ],
    [
      'Get "https://prometheus-blue.example.com:443/federate": dial tcp: lookup prometheus-blue.example.com on 10.0.0.2:53: no such host',
      'dns',
    ],
    [
      'Get "https://127.0.0.1:9090/federate": http: server gave HTTP response to HTTPS client',
      'http-vs-https',
    ],
    ['sample limit exceeded', 'sample-limit'],
    ['body size limit exceeded', 'body-size-limit'],
    [
      'Get "https://prometheus-blue.example.com:443/federate?match%5B%5D=up": context deadline exceeded',
      'timeout',
    ],
    [
      'Get "https://prometheus-blue.example.com:443/federate": x509: certificate has expired or is not yet valid: current time 2026-11-24T12:00:00Z is after 2026-11-01T00:00:00Z',
      'tls',
    ],
    [
      'Get "https://prometheus-blue.example.com:443/federate": x509: certificate is valid for ingress.local, not prometheus-blue.example.com',
      'tls',
    ],
    [
      'received unsupported Content-Type "text/html" and no fallback_scrape_protocol specified for target',
      'invalid-content-type',
    ],
    ['server returned HTTP status 502 Bad Gateway', 'http-status'],
    ['something nobody has seen', 'other'],
  ])('%s -> %s', (lastError, cause) => {
    expect(classifyScrapeError(lastError)).toBe(cause);
  });

  it('has no cause for a healthy target', () => {
    expect(classifyScrapeError('')).toBeUndefined();
  });

  it('classifies the backend probe errors with the same causes', () => {
    expect(
      classifyProbeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'),
    ).toBe('connection-refused');
    expect(
      classifyProbeError(
        'ENOTFOUND',
        'queryA ENOTFOUND prometheus-blue.example.com',
      ),
    ).toBe('dns');
    expect(
      classifyProbeError('CERT_HAS_EXPIRED', 'certificate has expired'),
    ).toBe('tls');
    expect(
      classifyProbeError(
        'EPROTO',
        'SSL routines:ssl3_get_record:wrong version number',
      ),
    ).toBe('http-vs-https');
  });
});
