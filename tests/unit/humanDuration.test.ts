import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../src/kubectl/humanDuration';

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5, '<invalid>'],
    [-1, '0s'],
    [0, '0s'],
    [55, '55s'],
    [119.9, '119s'],
    [120, '2m'],
    [322, '5m22s'],
    [599, '9m59s'],
    [600, '10m'],
    [59 * 60 + 30, '59m'],
    [99 * 60, '99m'],
    [179 * 60 + 59, '179m'],
    [185 * 60, '3h5m'],
    [4 * 3600, '4h'],
    [8 * 3600 + 600, '8h'],
    [47 * 3600, '47h'],
    [5 * 86400, '5d'],
    [5 * 86400 + 3 * 3600, '5d3h'],
    [100 * 86400, '100d'],
    [3 * 365 * 86400 + 10 * 86400, '3y10d'],
    [10 * 365 * 86400, '10y'],
  ])('%s s → %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });
});
