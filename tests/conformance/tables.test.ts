import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { knownTables } from '../../src/sim/conformance';

// The tables are copied into the project so a clone stands alone. Where the behaviour-spec folder
// sits beside the project (a development checkout), the copies must not drift from it.
const here = resolve(import.meta.dirname, 'tables');
const upstream = resolve(import.meta.dirname, '../../../shared/kruise/conformance');
const files = readdirSync(here).filter((f) => f.endsWith('.json')).sort();
const read = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

describe('conformance table copies', () => {
  it('has an adapter for every table, and a table for every adapter', () => {
    expect(files.map((f) => read(here, f).meta.test).sort()).toEqual(knownTables());
  });

  it('has a test file for every table', () => {
    for (const f of files) expect(existsSync(resolve(import.meta.dirname, f.replace(/\.json$/, '.test.ts')))).toBe(true);
  });

  it.runIf(existsSync(upstream)).each(files)('%s matches the behaviour-spec folder', (f) => {
    expect(read(here, f)).toEqual(read(upstream, f));
  });

  it.runIf(existsSync(upstream))('has every table of the behaviour-spec folder', () => {
    expect(readdirSync(upstream).filter((f) => f.endsWith('.json')).sort()).toEqual(files);
  });
});
