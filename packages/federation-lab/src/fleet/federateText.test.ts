import { federateText, leafSeries } from './federateText';

describe('federateText', () => {
  it('answers exactly the configured series, in text format, one TYPE per family', () => {
    const series = leafSeries('leaf-0001', 200);
    expect(series).toHaveLength(200);
    const text = federateText(series, 1_800_000_000_000);
    const lines = text.trimEnd().split('\n');
    const samples = lines.filter(l => !l.startsWith('#'));
    expect(samples).toHaveLength(200);
    for (const line of samples)
      expect(line).toMatch(
        /^[a-z_]+\{cluster="leaf-0001",[^}]*\} \d+ 1800000000000$/,
      );
    const types = lines.filter(l => l.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
    expect(types).toContain('# TYPE http_requests_total untyped');
    expect(types).toContain(
      '# TYPE http_request_duration_seconds_bucket untyped',
    );
    expect(text).toMatch(/job="dareyscore"/);
    expect(text).toMatch(/le="\+Inf"/);
    // Counters move with time; up stays at 1.
    const later = federateText(series, 1_800_000_060_000);
    expect(later).not.toBe(text.replace(/1800000000000/g, '1800000060000'));
    expect(later).toMatch(/^up\{[^}]*\} 1 1800000060000$/m);
  });
});
