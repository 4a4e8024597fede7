import { Pacer } from '../cost/pacer';
import { jsonBytesInSlices } from './slicedJson';
import { decodeSnapshotValue, encodeSnapshotValue } from './snapshotEncoding';

const value = {
  generatedAt: '2026-11-30T00:00:00.000Z',
  skipped: undefined,
  opsPrometheus: { reachable: true },
  clusters: Array.from({ length: 300 }, (_, i) => ({
    name: `c${i}`,
    note: i % 2 ? undefined : 'quote " and \\ backslash',
    checks: [{ id: 'target', evidence: [{ label: 'x', value: i }] }],
  })),
  warnings: [],
};

describe('jsonBytesInSlices', () => {
  it('writes the same text as JSON.stringify, yielding between array entries', async () => {
    let clock = 0;
    // Every clock read is 5 ms later: a slice is used up every other entry.
    const pacer = new Pacer(Infinity, () => (clock += 5));
    const pause = jest.spyOn(pacer, 'pause');
    expect((await jsonBytesInSlices(value, pacer)).toString('utf8')).toBe(
      JSON.stringify(value),
    );
    expect(pause.mock.calls.length).toBeGreaterThan(100);
  });

  it('writes non-ASCII text as UTF-8, and an object without fields', async () => {
    const text = { clusters: [{ name: 'zürich-€' }], note: '雪' };
    expect((await jsonBytesInSlices(text)).toString('utf8')).toBe(
      JSON.stringify(text),
    );
    expect((await jsonBytesInSlices({})).toString('utf8')).toBe('{}');
  });

  it('round-trips through the stored encoding; plain stored JSON is read as it is', async () => {
    const encoded = await encodeSnapshotValue(value);
    expect(typeof encoded).toBe('string');
    expect(await decodeSnapshotValue(encoded)).toEqual(
      JSON.parse(JSON.stringify(value)),
    );
    expect(await decodeSnapshotValue({ generatedAt: 'x' })).toEqual({
      generatedAt: 'x',
    });
    expect(await decodeSnapshotValue(undefined)).toBeUndefined();
  });
});
