import { describe, expect, it } from 'vitest';
import table from './tables/limit-update-indexes.json';
import { comparable, evaluateCase, type TableCase } from '../../src/sim/conformance';

describe(table.meta.test, () => {
  it.each(table.cases as TableCase[])('$name', (c) => {
    const { actual, expected } = comparable(table.meta, c, evaluateCase(table.meta, c));
    expect(actual).toEqual(expected);
  });
});
