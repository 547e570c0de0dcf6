// Hostile text for `kubectl apply -f -` (Cluster.apply and runKubectl): broken YAML at every line
// of the seed post's CloneSet, alias bombs, oversized and deeply nested documents, wrong types and
// unknown fields at every spec path, a million replicas, and markup in names, labels and values.
// Each input gets a clear kubectl error or is applied; a refused one changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { Cluster } from '../../src/sim/cluster';
import { SEED_CLONESET, Stopwatch, YAML_SYNTAX_ERROR, applyBothWays, fingerprint, seededCluster } from './support';

const watch = new Stopwatch();
afterAll(() => watch.printSlowest('hostile apply'));

// A settled cluster, rebuilt by replaying its snapshot (cheaper than settling again).
const base = seededCluster();
const baseSnapshot = base.snapshot();
const fresh = () => Cluster.restore(baseSnapshot);

/** The seed CloneSet as a new object (so a still-valid cut creates rather than patches). */
const NEW_CLONESET = SEED_CLONESET.replaceAll('nginx-2', 'hostile');
const LINES = NEW_CLONESET.split('\n');

/** A problem's line must point into the text (or just past its end, for "unexpected end of stream"). */
function expectLineInText(problems: { line?: number }[], text: string, label: string): void {
  const lines = text.split('\n').length;
  expect(problems[0].line, `${label}: a syntax error carries a line`).toBeDefined();
  expect(problems[0].line!, label).toBeGreaterThanOrEqual(1);
  expect(problems[0].line!, label).toBeLessThanOrEqual(lines + 1);
}

describe('a CloneSet cut short', () => {
  const head = 'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata:\n  name: short\n';
  const cases: [string, string][] = [
    ['no spec', head],
    ['an empty spec', `${head}spec:\n`],
    ['spec: {}', `${head}spec: {}\n`],
    ['no template', `${head}spec:\n  replicas: 1\n  selector: {matchLabels: {app: x}}\n`],
    ['a template without spec', `${head}spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n`],
    ['the seed CloneSet applied again without spec', head.replace('short', 'nginx-2')],
    ['the seed CloneSet applied again with spec: null', `${head.replace('short', 'nginx-2')}spec: null\n`],
  ];
  it.each(cases)('%s: refused by the webhook, not a crash', (label, text) => {
    const { outcome } = applyBothWays(fresh, text, label, watch);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/admission webhook "vcloneset\.kb\.io" denied the request: .*Required value/);
  });
});

describe('broken YAML at every line of the seed post\'s CloneSet', () => {
  const corruptions: [string, (line: string) => string][] = [
    ['cut after', () => ''],
    ['tab indent', (l) => `\t${l.trimStart()}`],
    ['unclosed quote', (l) => `${l} "oops`],
    ['unclosed flow', (l) => `${l} [a, {b`],
    ['stray mapping', (l) => `${l}\n  : :`],
    ['dedent', (l) => l.trimStart()],
    ['anchor to nowhere', (l) => `${l} *missing`],
    ['NUL byte', (l) => `${l}\u0000`],
  ];
  let refused = 0;
  let syntax = 0;
  for (const [name, corrupt] of corruptions) {
    it(`${name}: every line`, () => {
      for (let i = 0; i < LINES.length - 1; i++) {
        const text = name === 'cut after' ? LINES.slice(0, i + 1).join('\n') : [...LINES.slice(0, i), corrupt(LINES[i]), ...LINES.slice(i + 1)].join('\n');
        const label = `${name} line ${i + 1}`;
        const { outcome } = applyBothWays(fresh, text, label, watch);
        if (outcome.ok) {
          expect(outcome.output, label).toMatch(/^cloneset\.apps\.kruise\.io\/hostile (created|configured|unchanged)$/);
          continue;
        }
        refused++;
        if (YAML_SYNTAX_ERROR.test(outcome.error!)) {
          syntax++;
          expectLineInText(outcome.problems, text, label);
        }
      }
    });
  }
  afterAll(() => {
    console.log(`broken YAML: ${corruptions.length} corruptions × ${LINES.length - 1} lines, ${refused} refused (${syntax} as YAML syntax errors)`);
  });
});

describe('YAML alias bombs ("billion laughs")', () => {
  const levels = 'abcdefghi';
  let bomb = `${levels[0]}: &${levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < levels.length; i++) bomb += `${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]\n`;
  const indented = (text: string, by: string) => text.trimEnd().split('\n').map((l) => by + l).join('\n');
  const cases: [string, string][] = [
    ['a bare bomb', bomb],
    ['a bomb in the pod template (schemaless)', NEW_CLONESET.replace('    spec:\n      containers:', `    spec:\n      bomb:\n${indented(bomb, '        ')}\n      containers:`)],
    ['a bomb in an annotation map', NEW_CLONESET.replace('  labels:\n    app: hostile\n', `  labels:\n    app: hostile\n  annotations:\n${indented(bomb, '    ')}\n`)],
  ];
  it.each(cases)('%s: refused as excessive aliasing', (label, text) => {
    const { outcome } = applyBothWays(fresh, text, label, watch);
    expect(outcome.ok).toBe(false);
    expect(outcome.error, label).toMatch(/yaml: document contains excessive aliasing/);
  });

  it('a bomb after a good document: the good one is applied, as kubectl does, then the bomb refused', () => {
    const cluster = fresh();
    const outcome = watch.time('apply: a bomb after a good document', () => cluster.apply(`${NEW_CLONESET}---\n${bomb}`));
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toBe('cloneset.apps.kruise.io/hostile created');
    expect(outcome.error).toMatch(/yaml: document contains excessive aliasing/);
    expect(cluster.store.get('CloneSet', 'default', 'hostile')).toBeDefined();
  });

  it('ordinary anchors and aliases still work', () => {
    const text = NEW_CLONESET.replace('  labels:\n    app: hostile\n', '  labels: &labels\n    app: hostile\n').replace('    matchLabels:\n      app: hostile\n', '    matchLabels: *labels\n');
    const { outcome } = applyBothWays(fresh, text, 'anchors', watch);
    expect(outcome.output).toBe('cloneset.apps.kruise.io/hostile created');
  });
});

describe('size and depth', () => {
  it('a 10 MB document is refused as too large', () => {
    const text = NEW_CLONESET.replace('  labels:\n    app: hostile\n', `  labels:\n    app: hostile\n  annotations:\n    big: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    const { outcome } = applyBothWays(fresh, text, '10 MB annotation', watch);
    expect(outcome.error).toMatch(/larger than \d+ bytes/);
  });

  it('a 1 MB annotation is refused by validation (256 KiB for all annotations)', () => {
    const text = NEW_CLONESET.replace('  labels:\n    app: hostile\n', `  labels:\n    app: hostile\n  annotations:\n    big: "${'x'.repeat(1024 * 1024)}"\n`);
    const { outcome } = applyBothWays(fresh, text, '1 MB annotation', watch);
    expect(outcome.error).toMatch(/metadata\.annotations: Too long/);
  });

  it('ten thousand small documents are refused past the document limit, the first ones applied', () => {
    const doc = (i: number) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c-${i}}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
    const text = Array.from({ length: 10_000 }, (_, i) => doc(i)).join('---\n');
    const cluster = fresh();
    const outcome = watch.time('10,000 documents', () => cluster.apply(text));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/more than \d+ documents/);
  });

  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const block = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
  const cases: [string, string][] = [
    ['1,000-level flow nesting as the document', deep(1000)],
    ['100,000-level flow nesting as the document', deep(100_000)],
    ['1,000-level flow nesting in spec', `${NEW_CLONESET}  nested: ${deep(1000)}\n`],
    ['1,000-level block nesting in spec', NEW_CLONESET + block(1000).split('\n').map((l) => (l ? `  ${l}` : l)).join('\n').replace(/^ {2}a:/, '  nested:')],
  ];
  it.each(cases)('%s: a clear refusal', (label, text) => {
    const { outcome } = applyBothWays(fresh, text, label, watch);
    expect(outcome.ok).toBe(false);
  });

  it('deep nesting inside the schemaless pod template is dropped with a notice, not a crash', () => {
    const text = NEW_CLONESET.replace('    spec:\n      containers:', `    spec:\n      nested: ${deep(900)}\n      containers:`);
    const { outcome } = applyBothWays(fresh, text, '900 levels in the template', watch);
    expect(outcome.ok).toBe(true);
    expect(outcome.notices.map((n) => n.message).join('\n')).toMatch(/spec\.template\.spec\.nested/);
  });
});

describe('wrong types and unknown fields at every path of the spec', () => {
  const seed = yaml.load(NEW_CLONESET) as Record<string, unknown>;
  type Path = (string | number)[];
  const paths: { path: Path; value: unknown }[] = [];
  const walk = (value: unknown, path: Path) => {
    paths.push({ path, value });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(seed, []);
  const at = (path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): string => {
    const copy = structuredClone(seed);
    let parent = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    change(parent, path[path.length - 1]);
    return JSON.stringify(copy, null, 2);
  };
  const wrongValues = (v: unknown): unknown[] => {
    if (Array.isArray(v)) return ['text', { x: 1 }];
    if (v && typeof v === 'object') return ['text', 7, [1]];
    if (typeof v === 'number') return [[1], { x: 1 }, true];
    if (typeof v === 'boolean') return ['yes', 1];
    return [[1], { x: 1 }];
  };
  const inTemplate = (path: Path) => (path[0] === 'spec' && (path[1] === 'template' || path[1] === 'volumeClaimTemplates')) || false;

  it(`a wrong type anywhere (${paths.length - 1} paths) is refused with a message naming the problem`, () => {
    let cases = 0;
    for (const { path, value } of paths.slice(1)) {
      for (const wrong of wrongValues(value)) {
        const label = `${path.join('.')} = ${JSON.stringify(wrong)}`;
        const { outcome } = applyBothWays(fresh, at(path, (p, k) => (p[k] = wrong)), label, watch);
        cases++;
        expect(outcome.ok, `${label}: refused`).toBe(false);
        expect(outcome.error, label).toMatch(/cannot unmarshal|isn't string type|Invalid value|Unsupported value|must be|unexpected GroupVersion|no matches for kind|may not be empty|quantities must match|Required value|invalid|unknown field|not set/i);
      }
    }
    console.log(`wrong types: ${cases} cases`);
  });

  it('an unknown field in every object is refused outside the pod template, dropped with a notice inside it', () => {
    let cases = 0;
    for (const { path, value } of paths) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      const label = `${path.join('.') || '(root)'}.bogusField`;
      const text = path.length === 0 ? JSON.stringify({ ...seed, bogusField: 'x' }, null, 2) : at(path, (p, k) => (p[k] = { ...(p[k] as object), bogusField: 'x' }));
      const { outcome } = applyBothWays(fresh, text, label, watch);
      cases++;
      const isMap = ['labels', 'annotations', 'matchLabels', 'requests'].includes(String(path[path.length - 1]));
      if (isMap) continue; // a new key in a map of strings is ordinary data (or an invalid quantity)
      if (inTemplate(path)) {
        expect(outcome.ok, `${label}: accepted`).toBe(true);
        expect(outcome.notices.map((n) => n.message).join('\n'), label).toContain('bogusField');
      } else {
        expect(outcome.ok, `${label}: refused`).toBe(false);
        expect(outcome.error, label).toContain('bogusField');
      }
    }
    console.log(`unknown fields: ${cases} cases`);
  });
});

describe('replicas: 1000000', () => {
  it('the pod quota turns it into FailedCreate events, and the cluster comes to rest', () => {
    const cluster = new Cluster({ seed: 3 });
    const text = NEW_CLONESET.replace('replicas: 5', 'replicas: 1000000');
    const outcome = watch.time('apply replicas 1000000', () => cluster.apply(text));
    expect(outcome.ok, outcome.error).toBe(true);
    const rested = watch.time('settle replicas 1000000', () => cluster.settle(600));
    expect(rested).toBe(true);
    expect(cluster.pods().length).toBe(10_000);
    const failed = cluster.eventList().filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toMatch(/exceeded quota: pod-quota/);
  }, 120_000);
});

describe('markup in names, labels and values', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const refused: [string, string, RegExp][] = [
    ['CloneSet name', NEW_CLONESET.replace('  name: hostile\n', `  name: "${SCRIPT}"\n`), /metadata\.name: Invalid value/],
    ['label value', NEW_CLONESET.replace('    app: hostile\n', `    app: hostile\n    x: "<b>x</b>"\n`), /metadata\.labels: Invalid value/],
    ['label key', NEW_CLONESET.replace('    app: hostile\n', `    app: hostile\n    "<b>": x\n`), /metadata\.labels: Invalid value/],
    ['selector label', NEW_CLONESET.replace('      app: hostile\n', `      app: "${SCRIPT}"\n`), /Invalid value/],
    ['container name', NEW_CLONESET.replace('- name: nginx', `- name: "${SCRIPT}"`), /containers\[0\]\.name: Invalid value/],
    ['pod template label', NEW_CLONESET.replace('        app: hostile\n', `        app: hostile\n        x: "<i>"\n`), /Invalid value/],
  ];
  it.each(refused)('%s: refused, as Kubernetes refuses it', (label, text, message) => {
    const { outcome } = applyBothWays(fresh, text, `markup in ${label}`, watch);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(message);
  });

  it('an annotation value, an env value and an argument keep the markup verbatim', () => {
    const text = NEW_CLONESET.replace('  labels:\n    app: hostile\n', `  labels:\n    app: hostile\n  annotations:\n    note: '${SCRIPT}&amp;"'\n`).replace(
      '        image: nginx:alpine\n',
      `        image: nginx:alpine\n        env:\n        - name: GREETING\n          value: '<img src=x onerror=alert(1)>'\n        args: ['${SCRIPT}']\n`,
    );
    const cluster = fresh();
    const outcome = cluster.apply(text);
    expect(outcome.ok, outcome.error).toBe(true);
    cluster.settle(600);
    const cs = cluster.store.get('CloneSet', 'default', 'hostile')!;
    expect(cs.metadata.annotations?.note).toBe(`${SCRIPT}&amp;"`);
    const pod = cluster.pods().find((p) => p.metadata.name.startsWith('hostile-'))!;
    expect(pod.spec.containers[0].env).toEqual([{ name: 'GREETING', value: '<img src=x onerror=alert(1)>' }]);
    expect(pod.spec.containers[0].args).toEqual([SCRIPT]);
    const lastApplied = JSON.parse(cs.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']) as { metadata: { annotations: Record<string, string> } };
    expect(lastApplied.metadata.annotations.note).toBe(`${SCRIPT}&amp;"`);
  });
});

describe('the base cluster itself', () => {
  it('was never touched by the inputs above', () => {
    expect(fingerprint(base)).toBe(fingerprint(Cluster.restore(baseSnapshot)));
  });
});
