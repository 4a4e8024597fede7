import {
  MAX_NARROW_OWNER_CHARS,
  MAX_NARROW_OWNERS,
  namesByOwnerForNarrow,
  narrowOwnerLabel,
} from './narrowOwners';

describe('narrowOwnerLabel', () => {
  it('keeps a plain owner as it is', () => {
    expect(narrowOwnerLabel('dashboard "Runtime"')).toBe('dashboard "Runtime"');
  });

  it('makes a title one line without backticks, cut to the maximum', () => {
    expect(narrowOwnerLabel('dashboard "a`b\nc"')).toBe('dashboard "a b c"');
    const long = narrowOwnerLabel(`dashboard "${'x'.repeat(500)}"`);
    expect(long).toHaveLength(MAX_NARROW_OWNER_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('namesByOwnerForNarrow', () => {
  it('merges owners that clean to one label, sorts, and drops owners without names', () => {
    expect(
      namesByOwnerForNarrow([
        { owner: 'dashboard "b`"', names: ['up'] },
        { owner: 'alert g/A', names: [] },
        { owner: 'dashboard "b "', names: ['http_requests_total', 'up'] },
        { owner: 'alert g/B', names: ['app_queue_depth'] },
      ]),
    ).toEqual([
      { owner: 'alert g/B', names: ['app_queue_depth'] },
      { owner: 'dashboard "b "', names: ['http_requests_total', 'up'] },
    ]);
  });

  it('lists at most the maximum of owners', () => {
    const many = Array.from({ length: MAX_NARROW_OWNERS + 5 }, (_, i) => ({
      owner: `alert g/R${String(i).padStart(5, '0')}`,
      names: ['up'],
    }));
    const fitted = namesByOwnerForNarrow(many);
    expect(fitted).toHaveLength(MAX_NARROW_OWNERS);
    expect(fitted[0].owner).toBe('alert g/R00000');
  });
});
