import { parseScrapeJobs } from './scrapeJobConfig';

describe('parseScrapeJobs', () => {
  it('keeps what the probe and the lint need; secrets only as their presence', () => {
    const jobs = parseScrapeJobs(`
global:
  scrape_interval: 30s
scrape_configs:
  - job_name: federate-blue
    honor_labels: true
    scheme: http
    metrics_path: /federate
    sample_limit: 5000
    params:
      match[]: ['{__name__=~".+"}']
    basic_auth:
      username: ops
      password: <secret>
    tls_config:
      server_name: prometheus-blue.example.com
      ca_file: /etc/prometheus/ca.crt
      insecure_skip_verify: false
  - job_name: federate-green
`);
    expect(jobs).toEqual([
      {
        jobName: 'federate-blue',
        honorLabels: true,
        insecureSkipVerify: false,
        sampleLimit: 5000,
        scheme: 'http',
        metricsPath: '/federate',
        match: ['{__name__=~".+"}'],
        serverName: 'prometheus-blue.example.com',
        caFile: '/etc/prometheus/ca.crt',
        ca: undefined,
        auth: 'basic',
      },
      expect.objectContaining({
        jobName: 'federate-green',
        // Left away: Prometheus' default, false (the leaf's job and instance get renamed).
        honorLabels: false,
        scheme: 'https',
        metricsPath: '/metrics',
        auth: undefined,
      }),
    ]);
  });
});
