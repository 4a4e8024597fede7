import { federationRuleId, seedEc2World } from '../ec2/world';
import { ActiveFaults } from '../faults/activeFaults';
import { resolveOptions } from '../options';
import { LiveWorld, WRONG_LEAF_ADDRESS } from './liveWorld';

const options = resolveOptions({
  dir: '/nonexistent-lab',
  clusters: ['blue', 'green'],
});

function world() {
  const faults = new ActiveFaults();
  return {
    faults,
    world: new LiveWorld(
      options,
      seedEc2World(options.clusters),
      faults,
      new Date(),
    ),
  };
}

describe('LiveWorld', () => {
  it('answers DNS for each leaf and its load balancer, and applies the DNS faults to one leaf', () => {
    const { faults, world: w } = world();
    expect(w.dnsRecords().get('prometheus-blue.federation.test')).toBe(
      '127.0.0.1',
    );
    faults.add('dns-wrong-address', 'blue');
    faults.add('dns-missing', 'green');
    const records = w.dnsRecords();
    expect(records.get('prometheus-blue.federation.test')).toBe(
      WRONG_LEAF_ADDRESS,
    );
    expect(records.get('blue-nlb.elb.federation.test')).toBe('127.0.0.1');
    expect(records.has('prometheus-green.federation.test')).toBe(false);
    faults.remove('dns-wrong-address', 'blue');
    expect(w.dnsRecords().get('prometheus-blue.federation.test')).toBe(
      '127.0.0.1',
    );
  });

  it('removes only the faulted leaf security group rule', () => {
    const { faults, world: w } = world();
    faults.add('security-group-rule-removed', 'green');
    const ids = w.ec2World().rules.map(r => r.securityGroupRuleId);
    expect(ids).toContain(federationRuleId('blue'));
    expect(ids).not.toContain(federationRuleId('green'));
  });
});
