import { redactScrapeUrl } from './redact';

describe('redactScrapeUrl', () => {
  it('keeps match[] and hides every other query value and any user info', () => {
    expect(
      redactScrapeUrl(
        'https://prometheus-blue.example.com:443/federate?match%5B%5D=%7Bjob%3D%22app%22%7D&token=s3cr3t&match[]=up',
      ),
    ).toBe(
      'https://prometheus-blue.example.com:443/federate?match%5B%5D=%7Bjob%3D%22app%22%7D&token=***&match%5B%5D=up',
    );
    expect(redactScrapeUrl('https://u:p@h.example.com/federate?x=1')).toBe(
      'https://***@h.example.com/federate?x=***',
    );
  });

  it('leaves a URL without a query, and a text that is not a URL, as they are', () => {
    expect(redactScrapeUrl('https://h.example.com:443/federate')).toBe(
      'https://h.example.com:443/federate',
    );
    expect(redactScrapeUrl('not a url')).toBe('not a url');
  });
});
