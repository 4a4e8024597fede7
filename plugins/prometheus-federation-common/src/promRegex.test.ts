import {
  cachedRegexCount,
  compilePrometheusRegex,
  MAX_GENERAL_REGEX_CHARS,
  REGEX_CACHE_SIZE,
} from './promRegex';
import { escapeRegexLiteral, literalUnion } from './regexLiterals';

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

  it('reads `.` as any character, newlines included, as Prometheus does', () => {
    const re = compilePrometheusRegex('a.b');
    expect(re.valid && re.matches('a\nb')).toBe(true);
  });

  it('matches a list of names as a set, whatever its length', () => {
    const names = Array.from({ length: 10000 }, (_, i) => `name_${i}.total`);
    const started = Date.now();
    const re = compilePrometheusRegex(names.map(escapeRegexLiteral).join('|'));
    expect(re.valid && re.matches('name_9999.total')).toBe(true);
    expect(re.valid && re.matches('name_9999xtotal')).toBe(false);
    // Matched as a set (RE2 would take half a second to compile it), well within a second.
    expect(re.valid && re.names).toHaveLength(10000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a long pattern that is not a list of names, saying so', () => {
    const re = compilePrometheusRegex(
      `(${'a|'.repeat(MAX_GENERAL_REGEX_CHARS)}b)+`,
    );
    expect(re.valid).toBe(false);
    expect(!re.valid && re.error).toMatch(/too long/);
  });

  it('remembers a bounded number of patterns', () => {
    for (let i = 0; i < REGEX_CACHE_SIZE + 50; i++) {
      compilePrometheusRegex(`cache_check_${i}.*`);
    }
    expect(cachedRegexCount()).toBe(REGEX_CACHE_SIZE);
  });
});

describe('literalUnion', () => {
  it('reads escaped names back, and refuses anything with a metacharacter', () => {
    expect(literalUnion('up|a\\.b|c:d')).toEqual(['up', 'a.b', 'c:d']);
    expect(literalUnion('a.*')).toBeUndefined();
    expect(literalUnion('a\\d')).toBeUndefined();
    expect(literalUnion('(a|b)')).toBeUndefined();
  });

  it('round-trips every name escapeRegexLiteral escapes', () => {
    const names = ['a.b', 'x{y}', 'p|q', 'back\\slash', 'c+d?', 'e^f$'];
    const pattern = names.map(escapeRegexLiteral).join('|');
    expect(literalUnion(pattern)).toEqual(names);
    const re = compilePrometheusRegex(pattern);
    for (const n of names) expect(re.valid && re.matches(n)).toBe(true);
  });
});
