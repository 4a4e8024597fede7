import { parsedBack } from './parsedBack';

describe('parsedBack', () => {
  it('answers what an edited file reads as when that is what was intended', () => {
    expect(
      parsedBack('a: 1\nb: [x]\n', { b: ['x'], a: 1 }, 'The file'),
    ).toEqual({ a: 1, b: ['x'] });
  });

  it('refuses invalid YAML and a file that reads back otherwise, naming it', () => {
    expect(() =>
      parsedBack(
        'a: https://x/pull/1:\n',
        { a: 'https://x/pull/1:' },
        'The catalog entity',
      ),
    ).toThrow(/The catalog entity after the edit is not valid YAML/);
    expect(() =>
      parsedBack('a: 1\n', { a: '1' }, 'The catalog entity'),
    ).toThrow(/would not read back as intended after the edit; nothing was written/);
  });
});
