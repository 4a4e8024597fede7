import { escapeForTpl, unescapeTpl } from './tplEscape';

describe('escapeForTpl', () => {
  it('escapes {{ for tpl and reads it back', () => {
    expect(escapeForTpl({ a: ['x{{y'] })).toEqual({ a: ['x{{ "{{" }}y'] });
    expect(unescapeTpl(escapeForTpl('a{{b{{c'))).toBe('a{{b{{c');
  });
});
