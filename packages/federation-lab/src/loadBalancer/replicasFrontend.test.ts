import { addLabel } from './replicasFrontend';

describe('addLabel', () => {
  it('adds the label to every sample line of a federate answer, and leaves comments alone', () => {
    const body = [
      '# TYPE http_requests_total untyped',
      'http_requests_total{cluster="blue",route="/api/items"} 12 1700000000000',
      'up{} 1 1700000000000',
      'bare_metric 3 1700000000000',
      '',
    ].join('\n');
    expect(addLabel(body, 'prometheus_replica', 'r1').split('\n')).toEqual([
      '# TYPE http_requests_total untyped',
      'http_requests_total{prometheus_replica="r1",cluster="blue",route="/api/items"} 12 1700000000000',
      'up{prometheus_replica="r1"} 1 1700000000000',
      'bare_metric{prometheus_replica="r1"} 3 1700000000000',
      '',
    ]);
  });
});
