import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The headless command line is a contract (DESIGN.md): exercise it as other tools do.
const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'sim-cli-'));
const write = (name: string, body: string) => {
  const file = join(tmp, name);
  writeFileSync(file, body);
  return file;
};

describe('sim conformance', () => {
  it('prints one result per case, in file order, shaped like expected', () => {
    const out = execFileSync(tsx, ['src/cli/main.ts', 'conformance', 'tests/conformance/tables/calculate-partition-replicas.json'], { cwd: root, encoding: 'utf8' });
    const parsed = JSON.parse(out);
    expect(parsed.table).toBe('TestCalculatePartitionReplicas');
    expect(parsed.results).toHaveLength(16);
    expect(Object.keys(parsed.results[0])).toEqual(['name', 'actual']);
    expect(Object.keys(parsed.results[0].actual).sort()).toEqual(['error', 'partitionPods']);
  }, 30_000);

  it('evaluates cases it has never seen from their inputs alone', () => {
    const file = write('new-partition.json', JSON.stringify({
      meta: { test: 'TestCalculatePartitionReplicas' },
      cases: [
        { name: 'R=7 "50%"', replicas: 7, partition: '50%', expected: { partitionPods: 999, error: true } },
        { name: 'R=4 "99.9%"', replicas: 4, partition: '99.9%' },
        { name: 'R=1 "100%"', replicas: 1, partition: '100%' },
        { name: 'plain "3"', replicas: 5, partition: '3' },
      ],
    }));
    const res = sim('conformance', file);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).results.map((r: { actual: unknown }) => r.actual)).toEqual([
      { partitionPods: 4, error: false },
      { partitionPods: 3, error: false },
      { partitionPods: 1, error: false },
      { partitionPods: 0, error: true },
    ]);
  }, 30_000);

  it.each([
    ['a file that is not JSON', () => write('bad.json', '{"meta": '), /is not JSON/],
    ['an unknown table', () => write('unknown.json', JSON.stringify({ meta: { test: 'TestNoSuchThing' }, cases: [] })), /unknown conformance table "TestNoSuchThing"/],
    ['a JSON document that is no table', () => write('array.json', '[1,2]'), /not a conformance table/],
    ['a missing file', () => join(tmp, 'missing.json'), /cannot read/],
  ])('exits 2 with one line on stderr for %s', (_label, makeFile, message) => {
    const res = sim('conformance', makeFile());
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  }, 30_000);

  it('exits 2 with usage for an unknown command', () => {
    const res = sim('frobnicate');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/unknown command "frobnicate"/);
  }, 30_000);
});
