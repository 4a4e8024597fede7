import { compilePrometheusRegex } from './promRegex';

describe('compilePrometheusRegex', () => {
  it('is fully anchored, as Prometheus label matchers are', () => {
    const re = compilePrometheusRegex('http_.*');
    expect(re.valid).toBe(true);
    if (!re.valid) return;
    expect(re.matches('http_requests_total')).toBe(true);
    expect(re.matches('x_http_requests_total')).toBe(false);
    const alt = compilePrometheusRegex('a|b');
    expect(alt.valid && alt.matches('ab')).toBe(false);
  });

  it('names an invalid pattern instead of throwing', () => {
    const re = compilePrometheusRegex('node_(cpu|mem');
    expect(re.valid).toBe(false);
    expect(!re.valid && re.error).toMatch(/^invalid regex: /);
  });

  it('refuses what RE2 does not have (backreferences, lookaround)', () => {
    expect(compilePrometheusRegex('(a)\\1').valid).toBe(false);
    expect(compilePrometheusRegex('a(?=b)').valid).toBe(false);
  });

  it('matches a catastrophic pattern in linear time', () => {
    const re = compilePrometheusRegex('([a-z_]+)+Z');
    const started = Date.now();
    expect(re.valid && re.matches(`${'a'.repeat(5000)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
