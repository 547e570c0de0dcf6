// Hostile command lines for runKubectl: random bytes, 100 KB lines, markup in arguments, random
// stdin for `apply -f -`. Each gives kubectl's error (or a read-only answer), never throws, and a
// refused command leaves the cluster as it was.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { createShell } from '../../src/kubectl/shell';
import { Stopwatch, fingerprint, seededCluster } from './support';

const watch = new Stopwatch();
afterAll(() => watch.printSlowest('hostile kubectl'));

const base = seededCluster();
const snapshot = base.snapshot();
const fresh = () => Cluster.restore(snapshot);
const POD = base.pods()[0].metadata.name;

function expectWellFormed(result: ReturnType<typeof runKubectl>, label: string): void {
  expect(typeof result.exitCode, label).toBe('number');
  expect(typeof result.stdout, label).toBe('string');
  expect(typeof result.stderr, label).toBe('string');
  if (result.exitCode !== 0) expect(result.stderr.length, `${label}: a failure says why`).toBeGreaterThan(0);
}

/** Runs a line on the shared cluster; a failed line must leave it unchanged. */
function runHostile(line: string, stdin?: string, label = line.slice(0, 60)): ReturnType<typeof runKubectl> {
  const before = fingerprint(base);
  const result = watch.time(label, () => runKubectl(base, line, stdin));
  expectWellFormed(result, label);
  if (result.exitCode !== 0) expect(fingerprint(base), `${label}: a failed command changes nothing`).toBe(before);
  return result;
}

describe('random command lines', () => {
  it('random bytes, random unicode and random words never throw and never change the cluster', () => {
    const before = fingerprint(base);
    const word = fc.constantFrom('get', 'apply', 'delete', 'scale', 'label', 'annotate', 'patch', 'kruise', 'rollout', 'pause', '-f', '-', '--replicas', 'pod', 'clone', 'nginx-2', '"', "'", '\\', '|', '=', '--type', 'json', '-p', '{', '}');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' ')),
        ),
        fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
        (line, stdin) => {
          // Random words may form a real change (`delete pod nginx-2-x`): only those that fail must leave it alone.
          const cluster = /delete|scale|label|annotate|patch|apply|pause/.test(line) ? fresh() : base;
          const start = fingerprint(cluster);
          const result = watch.time(`random: ${JSON.stringify(line).slice(0, 50)}`, () => runKubectl(cluster, line, stdin));
          expectWellFormed(result, JSON.stringify(line));
          if (result.exitCode !== 0) expect(fingerprint(cluster), JSON.stringify(line)).toBe(start);
        },
      ),
      { numRuns: 400 },
    );
    expect(fingerprint(base)).toBe(before);
  }, 60_000);

  it('random stdin for apply -f - is refused with a clear error and changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), fc.json()), (text) => {
        const result = runHostile('apply -f -', text, `apply random stdin (${text.length} chars)`);
        if (result.exitCode !== 0) expect(result.stderr).toMatch(/^(error: |Error from server)/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('100 KB command lines', () => {
  const K100 = 100 * 1024;
  const cases: [string, string][] = [
    ['get pods + a 100 KB name', `get pods ${'a'.repeat(K100)}`],
    ['100 KB of double quotes', '"'.repeat(K100 + 1)],
    ['100 KB of single quotes', "'".repeat(K100 + 1)],
    ['100 KB of backslashes', '\\'.repeat(K100)],
    ['100 KB of spaces', ' '.repeat(K100)],
    ['scale with a 100 KB number', `scale clone/nginx-2 --replicas=${'9'.repeat(K100)}`],
    ['label a missing pod with 25,000 labels', `label pod no-such-pod ${Array.from({ length: 25_000 }, (_, i) => `k${i}=v`).join(' ')} --overwrite`],
    ['patch with 50,000 open brackets', `patch clone nginx-2 --type merge -p '${'['.repeat(50_000)}'`],
    ['patch with 30,000 nested objects', `patch clone nginx-2 --type merge -p '${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}'`],
    ['json patch with 20,000 operations on a bad path', `patch clone nginx-2 --type json -p '[${Array(20_000).fill('{"op":"add","path":"/nope/x","value":1}').join(',')}]'`],
    ['delete 50,000 missing pods', `delete pod ${Array.from({ length: 50_000 }, (_, i) => `p${i}`).join(' ')}`],
    ['apply -f a 100 KB file name', `apply -f ${'x'.repeat(K100)}`],
    ['a 100 KB flag name', `get pods --${'z'.repeat(K100)}`],
  ];
  it('a 100 KB jsonpath: an answer, not a throw', () => {
    runHostile(`get pods -o jsonpath='{${'.a'.repeat(K100 / 2)}}'`, undefined, 'a 100 KB jsonpath');
  });
  it.each(cases)('%s', (label, line) => {
    const result = runHostile(line, undefined, label);
    expect(result.exitCode, `${label}: ${result.stderr.slice(0, 200)}`).not.toBe(0);
  });
});

describe('100 KB lines at the terminal\'s shell (pipes, comments, history)', () => {
  const K100 = 100 * 1024;
  const shell = createShell({ getCluster: () => base });
  const cases: [string, string, RegExp][] = [
    ['100 KB of spaces, then a word', `${' '.repeat(K100)}x`, /bash: x: command not found/],
    ['a word, 100 KB of spaces, then a word', `kubectl${' '.repeat(K100)}version --client`, /Client Version/],
    ['50,000 words starting with #', `kubectl get pods ${'a #'.repeat(K100 / 3)}`, /pods "a" not found/],
    ['50,000 # inside words', `kubectl get pods ${'a#'.repeat(K100 / 2)}`, /NotFound.*more characters/],
    ['50,000 pipes', `kubectl get pods ${'|'.repeat(50_000)}`, /syntax error near unexpected token/],
    ['a 100 KB double-quoted word', `kubectl get pods "${'a\\"'.repeat(K100 / 3)}"`, /NotFound.*more characters/],
    ['a 100 KB pattern for grep', `kubectl get pods | grep ${'b'.repeat(K100)}`, /^error: Invalid regular expression: .*more characters/],
  ];
  it.each(cases)('%s', (label, line, answer) => {
    const result = watch.time(`shell: ${label}`, () => shell.run(line));
    expect(result.output, label).toMatch(answer);
    expect(result.output.length, `${label}: the answer is short`).toBeLessThan(2000);
  });
});

describe('markup in arguments', () => {
  // BUG (cluster.labelPod / kubectl label, outside the parts this suite may change): a label
  // change on a pod is stored without the API server's metadata validation, so `x=<b>x</b>` (and
  // keys such as `<b>`) are accepted with exit 0, where Kubernetes answers
  // `The Pod "…" is invalid: metadata.labels: Invalid value: "<b>x</b>": a valid label must be …`.
  it('a label value with markup is refused as Kubernetes refuses it', () => {
    const result = runHostile(`label pod ${POD} x=<b>x</b>`);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/Invalid value: "<b>x<\/b>"/);
  });

  // BUG (src/kubectl/run.ts metadataCommand, outside the parts this suite may change): kubectl
  // refuses a resource name after label changes before changing anything ("all resources must be
  // specified before label changes: q"); the simulator labels the pod, then fails on `q` with
  // exit 1 — a failed command that changed the cluster.
  it('a name after the label changes is refused before anything changes', () => {
    const cluster = fresh();
    const before = fingerprint(cluster);
    const result = runKubectl(cluster, `label pod ${POD} a=b q`);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/all resources must be specified before label changes: q/);
    expect(fingerprint(cluster)).toBe(before);
  });

  it('a scale to markup is refused by flag parsing', () => {
    const result = runHostile('scale clone/nginx-2 --replicas=<script>');
    expect(result.stderr).toMatch(/invalid argument "<script>" for "--replicas" flag/);
  });

  it('an annotation value with markup is stored verbatim', () => {
    const cluster = fresh();
    const value = '<script>alert("x")</script>&lt;';
    const result = runKubectl(cluster, `annotate pod ${POD} note='${value}'`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(cluster.store.get('Pod', 'default', POD)?.metadata.annotations?.note).toBe(value);
  });
});
