import { check } from './check';
import { clusterState } from './state';
import { target } from '../__testUtils__/triageFixtures';

describe('clusterState', () => {
  const pass = check('ingress', 'pass', 'ok');
  const warn = check('certificate', 'warn', 'expires soon');
  const fail = check('security-group', 'fail', 'no rule');
  const unknown = check('dns', 'unknown', 'timeout');

  it('is unknown when ops Prometheus cannot be read or the cluster is not federated', () => {
    expect(clusterState(false, target(), [pass])).toBe('unknown');
    expect(clusterState(true, undefined, [pass])).toBe('unknown');
  });

  it('is down when the target is down or never scraped, whatever else passes', () => {
    expect(clusterState(true, target({ health: 'down' }), [pass])).toBe('down');
    expect(
      clusterState(
        true,
        target({ health: 'unknown', lastScrape: '0001-01-01T00:00:00Z' }),
        [pass],
      ),
    ).toBe('down');
  });

  it('is degraded when the target is up but a check fails or warns', () => {
    expect(clusterState(true, target(), [pass, warn])).toBe('degraded');
    expect(clusterState(true, target(), [pass, fail])).toBe('degraded');
  });

  it('is healthy when the target is up and nothing fails; unknown checks do not lower it', () => {
    expect(clusterState(true, target(), [pass, unknown])).toBe('healthy');
  });
});
