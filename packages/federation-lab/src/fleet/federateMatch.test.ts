import { cachedNameMatchers, nameMatcher } from './federateMatch';

describe('cachedNameMatchers', () => {
  const names = [
    'up',
    'http_requests_total',
    'http_request_duration_seconds_bucket',
    'go_gc',
  ];

  it('answers as nameMatcher does, for each distinct match[] list', () => {
    const matcherFor = cachedNameMatchers();
    const lists = [['{__name__=~"http_.*"}'], ['up', '{__name__="go_gc"}'], []];
    for (const list of lists) {
      const cached = matcherFor(list);
      const plain = nameMatcher(list);
      // Asked twice: the remembered answer is the same as the first.
      for (const name of [...names, ...names])
        expect(cached(name)).toBe(plain(name));
    }
  });

  it('reuses one matcher per list and keeps lists apart', () => {
    const matcherFor = cachedNameMatchers();
    const http = matcherFor(['{__name__=~"http_.*"}']);
    expect(matcherFor(['{__name__=~"http_.*"}'])).toBe(http);
    const up = matcherFor(['up']);
    expect(up).not.toBe(http);
    expect(up('up')).toBe(true);
    expect(http('up')).toBe(false);
  });
});
