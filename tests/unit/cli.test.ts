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

describe('sim run', () => {
  const scenario = (steps: string) => write('s.yaml', `name: cli check\nseed: 3\nsteps:\n${steps}`);
  const cloneSet = `  - apply: |
      apiVersion: apps.kruise.io/v1alpha1
      kind: CloneSet
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: nginx, image: nginx:alpine}]}
`;

  it('runs a scenario and prints one JSON object with steps, snapshots and the final state', () => {
    const res = sim('run', scenario(`${cloneSet}  - settle:\n  - snapshot: up\n`));
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.name).toBe('cli check');
    expect(out.steps.map((s: { kind: string; ok: boolean }) => [s.kind, s.ok])).toEqual([['apply', true], ['settle', true], ['snapshot', true]]);
    expect(out.steps[0].output).toBe('cloneset.apps.kruise.io/web created');
    expect(out.snapshots[0].name).toBe('up');
    expect(out.final.pods).toHaveLength(2);
    expect(out.final.cloneSets[0].status.readyReplicas).toBe(2);
  }, 30_000);

  it('records a refused step as failed and goes on', () => {
    const res = sim('run', scenario(`${cloneSet}  - kubectl: scale clone/web --replicas=-1\n  - kubectl: delete pod nope\n  - settle: 1m\n`));
    expect(res.status).toBe(0);
    const steps = JSON.parse(res.stdout).steps;
    expect(steps[1]).toMatchObject({ ok: false, exitCode: 1 });
    expect(steps[2]).toMatchObject({ ok: false, error: 'Error from server (NotFound): pods "nope" not found' });
    expect(steps[3].ok).toBe(true);
  }, 30_000);

  it.each([
    ['a file that is not YAML', 'steps: [\n', /not valid YAML/],
    ['a step of an unknown kind', 'steps:\n  - jump: 3\n', /steps\[0\]: expected exactly one of apply, kubectl, advance, settle, snapshot/],
    ['a bad duration', 'steps:\n  - advance: soon\n', /invalid duration "soon"/],
  ])('exits 2 with one line on stderr for %s', (_label, text, message) => {
    const res = sim('run', write('bad.yaml', text));
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  }, 30_000);
});
