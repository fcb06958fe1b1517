// Python spellings; expected strings are what Python 3.11 prints (repr(float), str(), repr(str)).
import { describe, expect, it } from 'vitest';
import { comparePy, floatRepr, pyRepr, pyStr } from '../../src/python/value.ts';

describe('floatRepr', () => {
  it.each([
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456789.123, '123456789.123'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-1e-7, '-1e-07'],
    [1.2345678901234568e16, '1.2345678901234568e+16'],
    [9999999999999998.0, '9999999999999998.0'],
    [1e15, '1000000000000000.0'],
    [123e-20, '1.23e-18'],
    [-0, '-0.0'],
  ])('%s', (n, want) => {
    expect(floatRepr(n)).toBe(want);
  });
});

describe('pyStr / pyRepr', () => {
  it('spells None, True, False, ints and containers as Python', () => {
    expect([null, true, false, 3, 2.5].map(pyStr)).toEqual(['None', 'True', 'False', '3', '2.5']);
    expect(pyStr({ a: [1, 'x', null], "b'": { c: true } })).toBe(`{'a': [1, 'x', None], "b'": {'c': True}}`);
  });

  it('escapes like repr(str)', () => {
    expect(pyRepr('a\nb\t\u0007é\u2028')).toBe("'a\\nb\\t\\x07é\\u2028'");
    expect(pyRepr(`it's "q"`)).toBe(`'it\\'s "q"'`);
  });
});

describe('comparePy', () => {
  it('orders by code point: characters beyond the BMP after U+FFxx (unlike UTF-16 order)', () => {
    const keys = ['😀', '\uff41', 'b', 'B'];
    expect([...keys].sort(comparePy)).toEqual(['B', 'b', '\uff41', '😀']);
    expect([...keys].sort()).not.toEqual([...keys].sort(comparePy));
  });
});
