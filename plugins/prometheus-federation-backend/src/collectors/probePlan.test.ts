import { options, target } from '../__testUtils__/triageFixtures';
import { probePlan } from './probePlan';

const cluster = options.clusters[0];

describe('probePlan', () => {
  it('scrapes as the job does: scheme, host, port, path and match[] from the scrapeUrl, server_name and CA from the job', () => {
    const plan = probePlan(
      cluster,
      target({
        scrapeUrl:
          'http://user:secret@10.0.0.7:9090/prometheus/federate?match%5B%5D=up',
      }),
      {
        jobName: 'federate-blue',
        insecureSkipVerify: true,
        serverName: 'prometheus-blue.example.com',
        ca: '-----BEGIN CERTIFICATE-----',
      },
    );
    expect(plan).toEqual({
      url: 'http://10.0.0.7:9090/prometheus/federate?match%5B%5D=up',
      serverName: 'prometheus-blue.example.com',
      verify: false,
      ca: '-----BEGIN CERTIFICATE-----',
      auth: undefined,
      from: 'job',
    });
  });

  it('keeps a non-default port, and falls back to the configured host without a target', () => {
    expect(
      probePlan(
        cluster,
        target({
          scrapeUrl: 'https://prometheus-blue.example.com:8443/federate',
        }),
      ).url,
    ).toBe('https://prometheus-blue.example.com:8443/federate');
    expect(probePlan({ ...cluster, port: 8443 })).toEqual({
      url: 'https://prometheus-blue.example.com:8443/federate?match[]=up',
      serverName: 'prometheus-blue.example.com',
      verify: true,
      from: 'config',
    });
  });
});
