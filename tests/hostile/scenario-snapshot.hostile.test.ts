// Hostile scenario files (the headless command line: exit 2 and a one-line message) and corrupt
// snapshots for Cluster.restore (a clear error, never a loop).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Cluster } from '../../src/sim/cluster';
import { parseScenario, ScenarioError } from '../../src/scenario/scenario';
import { Stopwatch } from './support';

const watch = new Stopwatch();
afterAll(() => watch.printSlowest('hostile scenarios and snapshots'));

const ok = 'name: x\nsteps:\n  - settle:\n';
let bomb = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
for (const [prev, cur] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) bomb += `${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;

const MALFORMED: [string, string][] = [
  ['empty file', ''],
  ['not YAML', 'name: [unclosed\nsteps: {'],
  ['a list', '- apply: x\n'],
  ['a scalar', 'just text'],
  ['binary garbage', '\u0000\u0001\u0002\uFFFE\uD800'],
  ['unknown top-level field', `${ok}bogus: 1\n`],
  ['steps missing', 'name: x\n'],
  ['steps a mapping', 'name: x\nsteps: {apply: x}\n'],
  ['a step with two kinds', 'steps:\n  - {advance: 1s, settle: 1s}\n'],
  ['an unknown step kind', 'steps:\n  - sleep: 1s\n'],
  ['an empty step', 'steps:\n  - {}\n'],
  ['a bad duration', 'steps:\n  - advance: soon\n'],
  ['a negative duration', 'steps:\n  - advance: -5s\n'],
  ['apply with a number', 'steps:\n  - apply: 5\n'],
  ['kubectl with blank text', 'steps:\n  - kubectl: "   "\n'],
  ['a fractional seed', `seed: 1.5\n${ok}`],
  ['a text seed', `seed: seven\n${ok}`],
  ['cluster a list', `cluster: [1]\n${ok}`],
  ['zero nodes', `cluster: {nodes: 0}\n${ok}`],
  ['a million nodes', `cluster: {nodes: 1000000}\n${ok}`],
  ['nodes as text', `cluster: {nodes: "3"}\n${ok}`],
  ['unknown cluster field', `cluster: {cpus: 4}\n${ok}`],
  ['feature gates a list', `cluster: {featureGates: [a]}\n${ok}`],
  ['unknown kruise version', `cluster: {kruiseVersion: "9.9"}\n${ok}`],
  ['negative pull seconds', `cluster: {pullSeconds: {nginx: -1}}\n${ok}`],
  ['an alias bomb as steps', `${bomb}steps: *i\n`],
  ['1,000-level nesting', `steps: ${'['.repeat(1000)}${']'.repeat(1000)}\n`],
];

describe('malformed scenario files', () => {
  it.each(MALFORMED)('%s: a ScenarioError on one line', (label, text) => {
    let error: unknown;
    watch.time(`scenario: ${label}`, () => {
      try {
        parseScenario(text);
      } catch (e) {
        error = e;
      }
    });
    expect(error, label).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toContain('\n');
  });

  it('the command line exits 2 with one line on stderr (three files)', () => {
    const root = resolve(import.meta.dirname, '../..');
    const dir = mkdtempSync(join(tmpdir(), 'hostile-scenario-'));
    try {
      for (const [label, text] of [MALFORMED[1], MALFORMED[4], MALFORMED[25]]) {
        const file = join(dir, 'scenario.yaml');
        writeFileSync(file, text);
        const run = watch.time(`sim run: ${label}`, () => spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'run', file], { cwd: root, encoding: 'utf8', timeout: 60_000 }));
        expect(run.status, `${label}: ${run.stderr}`).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^sim: .+\n$/);
        expect(run.stderr.trimEnd()).not.toContain('\n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('corrupt snapshots', () => {
  const refused: [string, unknown][] = [
    ['null', null],
    ['a string', 'garbage'],
    ['an empty object', {}],
    ['version 2', { version: 2, options: {}, inputs: [] }],
    ['inputs not a list', { version: 1, options: {}, inputs: 'x' }],
    ['an unknown kruise version', { version: 1, options: { kruiseVersion: 'zzz' }, inputs: [] }],
  ];
  it.each(refused)('%s: a clear error', (label, snapshot) => {
    expect(() => watch.time(`restore: ${label}`, () => Cluster.restore(snapshot as never))).toThrow(/snapshot|kruiseVersion/);
  });

  // Every field of a snapshot is checked before any input is replayed (src/sim/snapshotCheck.ts):
  // a wrong one is named in the error instead of ending in a TypeError, a NaN clock or a 4.5 s stall.
  const unchecked: [string, unknown][] = [
    ['an input that is null', { version: 1, options: {}, inputs: [null] }],
    ['an unknown op', { version: 1, options: {}, inputs: [{ op: 'explode' }] }],
    ['apply of a number', { version: 1, options: {}, inputs: [{ op: 'apply', text: 42 }] }],
    ['apply without text', { version: 1, options: {}, inputs: [{ op: 'apply' }] }],
    ['advance by a word (the clock becomes NaN)', { version: 1, options: {}, inputs: [{ op: 'advance', seconds: 'abc' }] }],
    ['options null', { version: 1, options: null, inputs: [] }],
    ['nodes as text', { version: 1, options: { nodes: 'x' }, inputs: [] }],
    ['a text seed', { version: 1, options: { seed: 'abc' }, inputs: [] }],
  ];
  it.each(unchecked)('%s: a clear error naming the snapshot', (label, snapshot) => {
    let error: unknown;
    watch.time(`restore: ${label}`, () => {
      try {
        Cluster.restore(snapshot as never);
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/snapshot/);
  });
});

describe('cluster options', () => {
  it.each([
    ['a hundred thousand nodes', { nodes: 100_000 }, /nodes must be an integer from 0 to 1000/],
    ['a negative quota', { podQuota: -1 }, /podQuota/],
    ['an endless image pull', { timings: { pullSeconds: { nginx: Infinity } } }, /pullSeconds/],
    ['a gate that is not a switch', { featureGates: { InPlaceWorkloadVerticalScaling: 'yes' } }, /featureGates/],
  ])('%s: refused when the cluster is built', (_label, options, message) => {
    expect(() => new Cluster(options as never)).toThrow(message);
  });
});
