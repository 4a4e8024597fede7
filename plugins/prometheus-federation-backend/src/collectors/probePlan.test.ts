import { options, target } from '../__testUtils__/triageFixtures';
import { probePlan } from './probePlan';

const cluster = options.clusters[0];

describe('probePlan', () => {
  it('scrapes as the job does: scheme, host, port, path and params from the scrapeUrl (match[] narrowed to up), server_name and CA from the job', () => {
    const plan = probePlan(
      cluster,
      target({
        scrapeUrl:
          'http://user:secret@10.0.0.7:9090/prometheus/federate?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D&format=text',
      }),
      {
        jobName: 'federate-blue',
        insecureSkipVerify: true,
        serverName: 'prometheus-blue.example.com',
        ca: '-----BEGIN CERTIFICATE-----',
      },
    );
    expect(plan).toEqual({
      url: 'http://10.0.0.7:9090/prometheus/federate?format=text&match%5B%5D=up',
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
    ).toBe('https://prometheus-blue.example.com:8443/federate?match%5B%5D=up');
    expect(probePlan({ ...cluster, port: 8443 })).toEqual({
      url: 'https://prometheus-blue.example.com:8443/federate?match[]=up',
      serverName: 'prometheus-blue.example.com',
      verify: true,
      from: 'config',
    });
  });
});
