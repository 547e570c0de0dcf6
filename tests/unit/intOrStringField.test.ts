import { describe, expect, it } from 'vitest';
import { countField, parseIntOrStringField } from '../../src/ui/arithmetic/intOrString';

describe('int-or-string form fields read like YAML scalars', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['3', 3],
    ['-1', -1],
    ['40%', '40%'],
    ['"5"', '5'],
    ["'12.5%'", '12.5%'],
    ['five', 'five'],
    ['99999999999999999999', '99999999999999999999'],
  ])('%j → %j', (text, value) => {
    expect(parseIntOrStringField(text)).toEqual(value);
  });

  it('clamps counts to whole non-negative numbers', () => {
    expect(countField('7')).toBe(7);
    expect(countField(-3)).toBe(0);
    expect(countField('abc')).toBe(0);
    expect(countField(2.9)).toBe(2);
    expect(countField(1e9, 10_000)).toBe(10_000);
  });
});
