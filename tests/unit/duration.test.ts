import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/scenario/duration';

describe('parseDuration (Go syntax, in seconds)', () => {
  it.each([
    ['500ms', 0.5],
    ['10s', 10],
    ['2m', 120],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['0', 0],
    [30, 30],
  ])('%j → %d s', (text, seconds) => {
    expect(parseDuration(text, 'x')).toBeCloseTo(seconds, 9);
  });

  it.each(['', '10', '5 s', 'ten', '1h-2m', '-1s'])('rejects %j', (text) => {
    expect(() => parseDuration(text, 'advance')).toThrow(/advance: invalid duration/);
  });
});
