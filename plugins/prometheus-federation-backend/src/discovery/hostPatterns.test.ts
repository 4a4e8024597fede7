import { matchesPattern } from './hostPatterns';

describe('matchesPattern', () => {
  it('matches whole values, case-insensitively, with * short of a slash', () => {
    expect(
      matchesPattern('*.example.com', 'Prometheus.Purple.example.com'),
    ).toBe(true);
    expect(matchesPattern('*.example.com', 'example.com.evil.test')).toBe(
      false,
    );
    expect(
      matchesPattern(
        'https://*.eks.amazonaws.com',
        'https://x.eks.amazonaws.com/p',
      ),
    ).toBe(false);
    expect(matchesPattern('a.b', 'axb')).toBe(false);
  });

  it('stays linear on an entity value made to backtrack', () => {
    const started = Date.now();
    expect(matchesPattern('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
