import { FLEET_FAULTS, assignFleetFaults, targetDown } from './faults';
import { fleetClusterName, resolveFleetOptions } from './options';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => fleetClusterName(i));

describe('assignFleetFaults', () => {
  it('faults round(n × fraction) clusters, spread evenly, every kind in turn', () => {
    const faults = assignFleetFaults(names(1000), 0.1);
    const faulted = Object.keys(faults);
    expect(faulted).toHaveLength(100);
    expect(faulted.slice(0, 3)).toEqual([
      'leaf-0001',
      'leaf-0011',
      'leaf-0021',
    ]);
    // 100 faults over six kinds, in turn: 17 of the first four, 16 of the last two.
    expect(
      FLEET_FAULTS.map(
        kind => Object.values(faults).filter(f => f === kind).length,
      ),
    ).toEqual([17, 17, 17, 17, 16, 16]);
    expect(Object.values(assignFleetFaults(names(24), 0.25)).sort()).toEqual(
      [...FLEET_FAULTS].sort(),
    );
    expect(assignFleetFaults(names(50), 0)).toEqual({});
  });

  it('tells which faults take the federate target down', () => {
    expect(FLEET_FAULTS.filter(targetDown)).toEqual([
      'leaf-error-500',
      'connection-reset',
      'certificate-expired',
    ]);
  });

  it('resolves fleet options with defaults and rejects impossible ones', () => {
    const o = resolveFleetOptions({ clusters: 3, dir: '/tmp/x' });
    expect(o).toMatchObject({
      clusters: ['leaf-0001', 'leaf-0002', 'leaf-0003'],
      seriesPerLeaf: 200,
      scrapeIntervalSeconds: 15,
      basePort: 19000,
    });
    expect(() => resolveFleetOptions({ clusters: 0 })).toThrow(/1 to 2000/);
    expect(() =>
      resolveFleetOptions({ clusters: 5, faultFraction: 2 }),
    ).toThrow(/faultFraction/);
  });
});
