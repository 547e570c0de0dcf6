// pflag's rules as kubectl applies them, and the promise that no input line makes kubectl throw.
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError, type FlagSpec } from '../../src/kubectl/args';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { createShell, ERROR_LINE_LIMIT } from '../../src/kubectl/shell';

const SPECS: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'label-columns', short: 'L', kind: 'stringArray' },
  { name: 'replicas', kind: 'int' },
];

const parse = (line: string) => {
  const p = parseFlags(line.split(' ').filter(Boolean), SPECS, 'get');
  return { positional: p.positional, flags: Object.fromEntries(p.flags) };
};
const error = (line: string) => {
  try {
    parse(line);
  } catch (e) {
    return (e as UsageError).message;
  }
  return undefined;
};

describe('flag parsing', () => {
  it.each([
    ['pods -o json', { positional: ['pods'], flags: { output: 'json' } }],
    ['pods -ojson', { positional: ['pods'], flags: { output: 'json' } }],
    ['pods -o=json', { positional: ['pods'], flags: { output: 'json' } }],
    ['pods --output=json', { positional: ['pods'], flags: { output: 'json' } }],
    ['pods --output json', { positional: ['pods'], flags: { output: 'json' } }],
    ['-n kube-system pods', { positional: ['pods'], flags: { namespace: 'kube-system' } }],
    ['pods -nkube-system', { positional: ['pods'], flags: { namespace: 'kube-system' } }],
    ['pods -Aw', { positional: ['pods'], flags: { 'all-namespaces': true, watch: true } }],
    ['pods -wojson', { positional: ['pods'], flags: { watch: true, output: 'json' } }],
    ['pods --watch=false', { positional: ['pods'], flags: { watch: false } }],
    ['pods -L a -L b,c', { positional: ['pods'], flags: { 'label-columns': ['a', 'b,c'] } }],
    ['pods --replicas=3', { positional: ['pods'], flags: { replicas: 3 } }],
    ['pods -- -o x', { positional: ['pods', '-o', 'x'], flags: {} }],
    ['pods -', { positional: ['pods', '-'], flags: {} }],
  ])('%s', (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  it.each([
    ['pods --nope', 'unknown flag: --nope'],
    ['pods -x', "unknown shorthand flag: 'x' in -x"],
    ['pods -wx', "unknown shorthand flag: 'x' in -wx"],
    ['pods -o', "flag needs an argument: 'o' in -o"],
    ['pods --output', 'flag needs an argument: --output'],
    ['pods --watch=maybe', 'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ['pods --replicas=x', 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    ['pods ---x', 'bad flag syntax: ---x'],
  ])('%s → %s', (line, message) => {
    expect(error(line)).toBe(message);
  });

  it('kubectl prints a usage error with a pointer to --help', () => {
    const r = runKubectl(new Cluster(), 'kubectl get pods --nope');
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: "error: unknown flag: --nope\nSee 'kubectl get --help' for usage.\n" });
  });
});

/** A small deterministic generator (no Math.random in tests that must repeat). */
function* garbage(count: number): Generator<string> {
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const pieces = [
    'kubectl', 'get', 'delete', 'label', 'annotate', 'patch', 'scale', 'create', 'apply', 'kruise', 'rollout', 'pause',
    'po', 'pods', 'clone', 'pvc', 'nodes', 'ev', 'pods,clone', 'clone/nginx', 'po/', '/x', ',', 'all', 'foo',
    '-o', 'yaml', 'json', 'wide', 'name', '-ojsonpath={.items[*]}', "-o=jsonpath='{range .items[*]}{.x}'", '-o', 'custom-columns=A', 'custom-columns=A:.b,C:{.d}',
    '-l', 'a in (b', 'a!=b', '!x', '-L', '--sort-by', '.metadata.x', '--sort-by={.[', '-A', '-w', '--watch-only', '-n', '--', '-', '--=', '-=',
    '"', "'", '\\', '{', '}', '[?(@.a=="b")]', '{..}', '{....a}', '{.a[1:-1:0]}', '{"\\q"}', '--replicas', '-1', '99999999999999999999',
    '--type', 'strategic', 'merge', 'json', '-p', '{"a":', '[{"op":"x"}]', '--overwrite', 'a=b', 'a-', '-f', 'nofile.yaml', '😀', '\t', 'é',
  ];
  for (let i = 0; i < count; i++) {
    const n = next() % 9;
    const words: string[] = [];
    for (let j = 0; j < n; j++) words.push(pieces[next() % pieces.length]);
    yield words.join(next() % 5 === 0 ? '' : ' ');
  }
}

describe('garbage in, a kubectl-style error out', () => {
  it('never throws, and every failure has an error line and a non-zero exit code', () => {
    const cluster = new Cluster();
    cluster.apply('apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: nginx}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n');
    cluster.settle(600);
    let failures = 0;
    for (const line of garbage(600)) {
      const r = runKubectl(cluster, line, '{}');
      expect(typeof r.stdout).toBe('string');
      if (r.exitCode !== 0) {
        failures++;
        expect(r.stderr, line).toMatch(/^(error: |Error from server \(|You must specify )/);
      }
    }
    expect(failures).toBeGreaterThan(300);
  });
});

describe('malformed lines typed into the terminal: one kubectl-style error and an exit code', () => {
  const cluster = new Cluster();
  cluster.apply('apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: nginx}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n');
  cluster.settle(600);
  const shell = createShell({ getCluster: () => cluster, readFile: () => undefined });
  const K100 = 100 * 1024;

  it.each([
    ["''", 127, /^bash: : command not found$/],
    ['kubectl ""', 1, /^error: unknown command "" for "kubectl"$/],
    ["kubectl get ''", 1, /^error: the server doesn't have a resource type ""$/],
    ['kubectl get pods "', 2, /^bash: unexpected EOF while looking for matching `"`$/],
    ["kubectl get pods '", 2, /^bash: unexpected EOF while looking for matching `'`$/],
    ['kubectl get pods -o', 1, /^error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage\.$/],
    ["kubectl get pods -o jsonpath='{.items[}'", 1, /^error: error parsing jsonpath \{\.items\[\}, unterminated array$/],
    ["kubectl get pods -o jsonpath='{.items[*].x'", 1, /^error: error parsing jsonpath .*, unclosed action$/],
    ['kubectl get pods -o custom-columns=', 1, /^error: custom-columns format specified but no custom columns given$/],
    ['kubectl get pods --sort-by={.[', 1, /^error: /],
    ['kubectl scale clone nginx --replicas=99999999999999999999', 1, /^error: invalid argument .* value out of range\nSee 'kubectl scale --help' for usage\.$/],
    ["kubectl patch clone nginx --type merge -p '{'", 1, /^error: unable to parse "\{": /],
    ['kubectl patch pod x -p', 1, /^error: flag needs an argument: 'p' in -p\n/],
    ['kubectl kruise rollout', 1, /^error: kubectl kruise rollout needs a subcommand/],
    ['kubectl get pods |', 2, /^bash: syntax error near unexpected token `\|'$/],
    ['kubectl get pods | nosuch', 127, /^bash: nosuch: command not found$/],
    ['kubectl get pods -o yaml | head -n x', 2, /^head: invalid number of lines: 'x'$/],
    // control characters are shown as escapes, never sent to the terminal
    ['kubectl get \u001b[31mpods', 1, /^error: the server doesn't have a resource type "\\x1b\[31mpods"$/],
    ['kubectl get pods\u0007\u0008', 1, /^error: the server doesn't have a resource type "pods\\x07\\x08"$/],
    ['kubectl describe pod \u0000', 1, /^Error from server \(NotFound\): pods "\\x00" not found$/],
    ['kubectl logs \u202e', 1, /^Error from server \(NotFound\): pods "\\u202e" not found$/],
    // unicode passes through
    ['kubectl get 容器', 1, /^error: the server doesn't have a resource type "容器"$/],
    ['kubectl describe pod 😀', 1, /^Error from server \(NotFound\): pods "😀" not found$/],
    ['kubectl get pods -l 😀=1', 1, /^error: unable to parse requirement: /],
    ['kubectl explain clone.spec.😀', 1, /^error: field "😀" does not exist$/],
  ])('%s', (line, exitCode, output) => {
    const r = shell.run(line);
    expect(r.exitCode).toBe(exitCode);
    expect(r.output).toMatch(output);
  });

  it.each([
    ['a 100 KB name', `kubectl get pods ${'a'.repeat(K100)}`, /^Error from server \(NotFound\): pods "a+… \(\d+ more characters\)$/],
    ['a 100 KB verb', `kubectl ${'x'.repeat(K100)}`, /^error: unknown command "x+… \(\d+ more characters\)$/],
    ['a 100 KB JSONPath', `kubectl get pods -o jsonpath=${'{'.repeat(K100)}`, /^error: error parsing jsonpath \{+… \(\d+ more characters\)$/],
    ['a 100 KB describe', `kubectl describe pod ${'b'.repeat(K100)}`, /^Error from server \(NotFound\): pods "b+… \(\d+ more characters\)$/],
    ['100 KB of quotes', '"'.repeat(K100 + 1), /^bash: unexpected EOF while looking for matching `"`$/],
  ])('%s: one short error line', (_what, line, output) => {
    const r = shell.run(line);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toMatch(output);
    expect(r.output.length).toBeLessThan(ERROR_LINE_LIMIT + 40);
  });

  it('the garbage lines above, typed into the terminal, never throw and fail in at most two lines', () => {
    for (const line of garbage(300)) {
      const r = shell.run(`kubectl ${line}`);
      expect(typeof r.output).toBe('string');
      if (r.exitCode !== 0) expect(r.output.split('\n').length, line).toBeLessThanOrEqual(2);
    }
  });
});
