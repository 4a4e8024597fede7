import { buildFederateJob } from './federateJob';

describe('buildFederateJob', () => {
  it('writes the set-up job with verified TLS by default', () => {
    const job = buildFederateJob({
      cluster: 'blue',
      host: 'prometheus-blue.talentos.darey.io',
    });
    expect(job).toEqual({
      job_name: 'federate-blue',
      honor_labels: true,
      metrics_path: '/federate',
      scheme: 'https',
      tls_config: { insecure_skip_verify: false },
      params: { 'match[]': ['{__name__=~".+"}'] },
      static_configs: [
        {
          targets: ['prometheus-blue.talentos.darey.io'],
          labels: { source_cluster: 'blue' },
        },
      ],
    });
  });

  it('opts into insecure_skip_verify only when asked, and keeps key order', () => {
    const job = buildFederateJob({
      cluster: 'green',
      host: 'prometheus-green.example.com',
      target: '127.0.0.1:19443',
      tls: { insecureSkipVerify: true, caFile: '/ignored.pem' },
      scrapeTimeout: '20s',
    });
    expect(job.tls_config).toEqual({ insecure_skip_verify: true });
    expect(job.static_configs[0].targets).toEqual(['127.0.0.1:19443']);
    expect(Object.keys(job)).toEqual([
      'job_name',
      'honor_labels',
      'metrics_path',
      'scheme',
      'scrape_timeout',
      'tls_config',
      'params',
      'static_configs',
    ]);
  });

  it('names the CA and server name for verified TLS against a private CA', () => {
    const job = buildFederateJob({
      cluster: 'blue',
      host: 'prometheus-blue.federation.test',
      tls: {
        caFile: '/lab/ca.pem',
        serverName: 'prometheus-blue.federation.test',
      },
    });
    expect(job.tls_config).toEqual({
      ca_file: '/lab/ca.pem',
      server_name: 'prometheus-blue.federation.test',
      insecure_skip_verify: false,
    });
  });
});
