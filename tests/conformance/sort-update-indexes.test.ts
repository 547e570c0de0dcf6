import { describe, expect, it } from 'vitest';
import table from './tables/sort-update-indexes.json';
import { evaluateCase, expectationOf, type TableCase } from '../../src/sim/conformance';

describe(table.meta.test, () => {
  it.each(table.cases as TableCase[])('$name', (c) => {
    expect(evaluateCase(table.meta, c)).toEqual(expectationOf(c));
  });
});
