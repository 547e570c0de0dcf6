import { describe, expect, it } from 'vitest';
import { kubectlErrorOutput, parseManifests, resourceRef, type ManifestResult } from '../../src/sim/api/manifest';
import { readYamlDocument, splitYamlDocuments } from '../../src/sim/api/goYaml';
import { resolvePlainScalar } from '../../src/sim/api/goYamlScalars';

const CLONESET = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: sample
spec:
  replicas: 3
  selector:
    matchLabels:
      app: sample
  template:
    metadata:
      labels:
        app: sample
    spec:
      containers:
      - name: nginx
        image: nginx:alpine
`;

/** The sample with one piece replaced (the piece must be there). */
function edit(from: string, to: string, base = CLONESET): string {
  if (!base.includes(from)) throw new Error(`not in the sample: ${from}`);
  return base.replace(from, to);
}

const only = (r: ManifestResult) => {
  expect(r.problems).toHaveLength(1);
  return r.problems[0];
};

const PARSE = 'error: error parsing STDIN: error converting YAML to JSON: ';

describe('parseManifests: a good CloneSet', () => {
  it('returns the typed object with the namespace defaulted, and the raw document', () => {
    const r = parseManifests(CLONESET);
    expect(r.problems).toEqual([]);
    expect(r.fatal).toBe(false);
    expect(r.documents).toHaveLength(1);
    const [doc] = r.documents;
    expect(doc).toMatchObject({ index: 0, line: 1 });
    expect(doc.object.kind).toBe('CloneSet');
    expect(doc.object.metadata).toEqual({ name: 'sample', namespace: 'default' });
    expect(doc.object.kind === 'CloneSet' && doc.object.spec.replicas).toBe(3);
    expect(doc.raw.metadata).toEqual({ name: 'sample' });
    expect(resourceRef(doc.object)).toBe('cloneset.apps.kruise.io/sample');
  });

  it('keeps an explicit namespace', () => {
    const r = parseManifests(edit('  name: sample', '  name: sample\n  namespace: team-a'));
    expect(r.documents[0].object.metadata.namespace).toBe('team-a');
  });

  it('accepts both forms of int-or-string fields', () => {
    const text = `${CLONESET}  updateStrategy:\n    partition: "20%"\n    maxUnavailable: 1\n    maxSurge: 50%\n  scaleStrategy:\n    maxUnavailable: 2\n`;
    const r = parseManifests(text);
    expect(r.problems).toEqual([]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.updateStrategy).toEqual({ partition: '20%', maxUnavailable: 1, maxSurge: '50%' });
  });

  it('reads scalars as YAML 1.1 like kubectl: yes/on are booleans, 0755 is octal', () => {
    expect(resolvePlainScalar('yes')).toEqual(['bool', true]);
    expect(resolvePlainScalar('Off')).toEqual(['bool', false]);
    expect(resolvePlainScalar('0755')).toEqual(['int', 493]);
    expect(resolvePlainScalar('08')).toEqual(['float', 8]);
    expect(resolvePlainScalar('0x1F')).toEqual(['int', 31]);
    expect(resolvePlainScalar('1_000')).toEqual(['int', 1000]);
    expect(resolvePlainScalar('1e3')).toEqual(['float', 1000]);
    expect(resolvePlainScalar('2024-01-02')).toEqual(['str', '2024-01-02']);
    expect(resolvePlainScalar('~')).toEqual(['null', null]);
    expect(resolvePlainScalar('1.19')).toEqual(['float', 1.19]);
    const r = parseManifests(`${CLONESET}  updateStrategy:\n    paused: yes\n`);
    expect(r.problems).toEqual([]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.updateStrategy?.paused).toBe(true);
  });

  it('keeps the last of duplicated keys, as kubectl does', () => {
    const r = parseManifests(edit('  replicas: 3', '  replicas: 3\n  replicas: 5'));
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.replicas).toBe(5);
  });

  it('reads JSON input as kubectl does', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, null, 2);
    const r = parseManifests(json);
    expect(r.problems).toEqual([]);
    expect(resourceRef(r.documents[0].object)).toBe('pod/p');
    const broken = parseManifests('{"apiVersion": "v1",}');
    expect(only(broken).message).toBe(`error: error parsing STDIN: json: offset 21: invalid character '}' looking for beginning of object key string`);
    expect(only(broken)).toMatchObject({ line: 1, column: 21 });
    expect(only(parseManifests('{"a": [1, 2')).message).toBe('error: error parsing STDIN: unexpected EOF');
  });
});

describe('parseManifests: several documents', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
  const PVC = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';

  it('splits at --- lines, skips empty documents and numbers each document from its first line', () => {
    const text = `---\n${CLONESET}--- # the pod\n${POD}---\n# nothing here\n---\n${PVC}`;
    const r = parseManifests(text);
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => resourceRef(d.object))).toEqual(['cloneset.apps.kruise.io/sample', 'pod/x', 'persistentvolumeclaim/data']);
    expect(r.documents.map((d) => d.line)).toEqual([2, 20, 31]);
    expect(r.documents.map((d) => d.index)).toEqual([0, 1, 2]);
    const pod = r.documents[1].object;
    expect(pod.kind === 'Pod' && pod.status).toEqual({});
  });

  it('keeps the documents read before a syntax error; kubectl still applies them', () => {
    const r = parseManifests(`${POD}---\n${edit('  replicas: 3', '  replicas: 3: 4')}---\n${PVC}`);
    expect(r.documents.map((d) => resourceRef(d.object))).toEqual(['pod/x']);
    expect(only(r)).toMatchObject({
      message: `${PARSE}yaml: line 6: mapping values are not allowed in this context`,
      stage: 'parse',
      line: 15,
      column: 14,
    });
  });

  it('refuses a separator followed by text, losing the document before it (as kubectl does)', () => {
    const r = parseManifests(`${POD}---\n${CLONESET}--- extra\n${PVC}`);
    expect(r.documents.map((d) => resourceRef(d.object))).toEqual(['pod/x']);
    expect(only(r)).toMatchObject({ message: 'error: error parsing STDIN: invalid Yaml document separator: extra', line: 27, column: 5 });
    expect(splitYamlDocuments('a: 1\n----\n').error?.message).toBe('invalid Yaml document separator: -');
  });

  it('turns CRLF line ends into LF and ignores what follows a `...` line', () => {
    const r = parseManifests(POD.replace(/\n/g, '\r\n'));
    expect(r.problems).toEqual([]);
    expect(readYamlDocument({ text: 'a: 1\n...\nb: [\n', firstLine: 1 }).value).toEqual({ a: 1 });
  });
});

// Messages produced by go-yaml v2.4.0 through sigs.k8s.io/yaml (what kubectl vendors) for the
// same texts; kubectl prints them after `error: error parsing STDIN: error converting YAML to JSON: `.
// The line counts from the document's first line; editorLine is where the problem really is.
describe('parseManifests: broken YAML, worded and numbered as kubectl does', () => {
  const cases: [name: string, text: string, goMessage: string, editorLine: number | undefined][] = [
    ['a second colon on a line', edit('replicas: 3', 'replicas: 3: 4'), 'yaml: line 6: mapping values are not allowed in this context', 6],
    ['a key indented one space too far', edit('  selector:', '   selector:'), 'yaml: line 7: mapping values are not allowed in this context', 7],
    ['a key dedented one space too far (parser errors name the line before)', edit('      app: sample\n  template', '      app: sample\n template'), 'yaml: line 9: did not find expected key', 10],
    ['a tab as indentation', edit('  replicas: 3', '\treplicas: 3'), 'yaml: line 6: found character that cannot start any token', 6],
    ['a tab after spaces', edit('  replicas: 3', '  \treplicas: 3'), 'yaml: line 6: found character that cannot start any token', 6],
    ['no space after the colon', edit('replicas: 3', 'replicas:3'), 'yaml: line 7: mapping values are not allowed in this context', 7],
    ['an unclosed double quote', edit('image: nginx:alpine', 'image: "nginx:alpine'), 'yaml: line 18: found unexpected end of stream', 18],
    ['an unclosed flow sequence', edit('app: sample\n  template', 'app: [sample\n  template'), "yaml: line 9: did not find expected ',' or ']'", 10],
    ['an unclosed flow mapping', edit('matchLabels:', 'matchLabels: {app: x'), "yaml: line 8: did not find expected ',' or '}'", 9],
    ['an error on the first line has no line number', 'apiVersion: a: b\nkind: x\n', 'yaml: mapping values are not allowed in this context', 1],
    ['a dash without a space', edit('      - name: nginx', '      -name: nginx'), 'yaml: line 17: mapping values are not allowed in this context', 17],
    ['a list item field dedented', edit('        image: nginx:alpine', '       image: nginx:alpine'), 'yaml: line 16: did not find expected key', 17],
    ['a list item field indented', edit('        image: nginx:alpine', '          image: nginx:alpine'), 'yaml: line 17: mapping values are not allowed in this context', 17],
    ['a list entry under a scalar', edit('  replicas: 3', '  replicas: 3\n  - foo'), 'yaml: line 6: did not find expected key', 7],
    ['a missing key', edit('  replicas: 3', '  : 3'), 'yaml: line 5: did not find expected key', 6],
    ['a key without colon (go-yaml notices on the next token)', edit('image: nginx:alpine', 'image:nginx'), "yaml: line 18: could not find expected ':'", 17],
    ['a colon inside an unquoted value', edit('image: nginx:alpine', 'command: echo a: b'), 'yaml: line 17: mapping values are not allowed in this context', 17],
    ['a mapping entry among sequence entries', 'spec:\n  - a\n  b: c\n', "yaml: line 2: did not find expected '-' indicator", 3],
    ['a misaligned sequence entry', 'a:\n  - b:\n    - c\n   - d\n', "yaml: line 3: did not find expected '-' indicator", 4],
    ['an indented key under a sequence entry', 'a:\n  - b\n  - c\n    d: e\n', 'yaml: line 4: mapping values are not allowed in this context', 4],
    ['an indented second line', 'apiVersion: v1\n kind: x\n', 'yaml: line 2: mapping values are not allowed in this context', 2],
    ['a value starting with @', edit('image: nginx:alpine', 'image: @nginx'), 'yaml: line 17: found character that cannot start any token', 17],
    ['a bad escape', 'a: "\\q"\n', 'yaml: found unknown escape character', 1],
    ['a lone *', 'a: *\n', 'yaml: did not find expected alphabetic or numeric character', 1],
    ['junk after a block scalar indicator', 'a: |x\n  b\n', 'yaml: did not find expected comment or line break', 1],
    ['a control character', 'a: 1\nb: 2\nc: x\u0007y\n', 'yaml: control characters are not allowed', 3],
    ['an unknown alias', edit('replicas: 3', 'replicas: *foo'), "yaml: unknown anchor 'foo' referenced", 6],
    ['an alias inside its own anchor', 'a: &a [*a]\n', "yaml: anchor 'a' value contains itself", undefined],
    ['an explicit tag that does not fit', edit('replicas: 3', 'replicas: !!int abc'), 'yaml: cannot decode !!str `abc` as a !!int', 6],
    ['a float tagged !!int', 'a: !!int 3.5\n', 'yaml: cannot decode !!float `3.5` as a !!int', 1],
    ['infinity', 'a: .inf\n', 'json: unsupported value: +Inf', undefined],
    ['a null key', '1: a\ntrue: b\nnull: d\n', 'unsupported map key of type: %!s(<nil>), key: <nil>, value: "d"', 3],
    ['a key after a top-level sequence', '-\n- a\nb: c\n', "yaml: line 2: did not find expected '-' indicator", 3],
    ['a key without colon at the top', 'apiVersion\nkind: x\n', 'yaml: line 2: mapping values are not allowed in this context', 2],
    ['a directive line in a document', edit('  replicas: 3', '  replicas: 3\n%foo: bar'), 'yaml: line 7: found unexpected non-alphabetical character', 7],
    ['CRLF line ends', 'a: 1\r\nb: c: d\r\n', 'yaml: line 2: mapping values are not allowed in this context', 2],
  ];

  it.each(cases)('%s', (_name, text, goMessage, editorLine) => {
    const r = parseManifests(text);
    const problem = only(r);
    expect(problem.message).toBe(`${PARSE}${goMessage}`);
    expect(problem.text).toBe(problem.message.slice('error: '.length));
    expect(problem.stage).toBe('parse');
    expect(problem.line).toBe(editorLine);
    expect(r.documents).toEqual([]);
  });

  it('numbers lines from the start of the document that is broken', () => {
    const second = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec: x\n';
    const r = parseManifests(`${CLONESET}---\n${second}`);
    expect(only(r)).toMatchObject({ message: `${PARSE}yaml: line 4: did not find expected key`, line: 23, column: 2 });
    expect(r.documents).toHaveLength(1);
  });

  it('stops reading a document where go-yaml stops: a dedent past its first node', () => {
    expect(readYamlDocument({ text: '    a: 1\n  b: 2\n', firstLine: 1 }).value).toEqual({ a: 1 });
    expect(readYamlDocument({ text: ' apiVersion: v1\nkind: x\n', firstLine: 1 }).value).toEqual({ apiVersion: 'v1' });
  });

  it('points the editor at the offending column', () => {
    expect(only(parseManifests(edit('replicas: 3', 'replicas: 3: 4')))).toMatchObject({ line: 6, column: 14 });
  });
});

describe('parseManifests: hostile input', () => {
  it('refuses a billion-laughs document quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghijklmnop';
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
    const started = performance.now();
    const r = parseManifests(`${lines.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(only(r).message).toBe(`${PARSE}yaml: document contains excessive aliasing`);
  });

  it('accepts ordinary anchors and aliases', () => {
    const text = edit('      - name: nginx\n        image: nginx:alpine', '      - &main\n        name: nginx\n        image: nginx:alpine\n      - <<: *main\n        name: sidecar');
    const r = parseManifests(text);
    expect(r.problems).toEqual([]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['nginx', 'nginx:alpine'],
      ['sidecar', 'nginx:alpine'],
    ]);
  });

  it('refuses 1,000 levels of nesting, and handles 400', () => {
    const deep = (n: number) => `a: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
    const started = performance.now();
    expect(only(parseManifests(deep(1000))).message).toBe(`${PARSE}yaml: document is nested deeper than 1000 levels (the playground's limit)`);
    expect(performance.now() - started).toBeLessThan(500);
    const ok = parseManifests(deep(400));
    expect(only(ok).message).toContain('apiVersion not set');
    let block = '';
    for (let i = 0; i < 1000; i++) block += `${' '.repeat(i)}k:\n`;
    expect(only(parseManifests(block)).message).toContain('nested deeper than 1000 levels');
  });

  it('refuses documents with more than 100,000 nodes', () => {
    const text = `a: [${Array(120_000).fill('1').join(',')}]\n`;
    expect(only(parseManifests(text)).message).toBe(`${PARSE}yaml: document has more than 100000 nodes (the playground's limit)`);
  });

  it('refuses input over 5 MB as a whole', () => {
    const r = parseManifests(`${CLONESET}# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    expect(r.fatal).toBe(true);
    expect(only(r).message).toBe("error: error parsing STDIN: the input is larger than 5242880 bytes (the playground's limit)");
    expect(r.documents).toEqual([]);
  });

  it('reads at most 1,000 documents', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\n';
    const r = parseManifests(pod.repeat(1001));
    expect(r.documents).toHaveLength(1000);
    expect(only(r).message).toBe("error: error parsing STDIN: the input has more than 1000 documents (the playground's limit)");
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', '---\n---\n', '[]', '"x"', '42', '- a\n- b\n', '? [a, b]\n: c\n', '{', '}', ':', '!foo 1', '&a', '\uFEFFkind: x']) {
      expect(() => parseManifests(text)).not.toThrow();
    }
    expect(parseManifests('').documents).toEqual([]);
    expect(only(parseManifests('- a\n')).message).toBe('error: error validating "STDIN": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false');
    expect(only(parseManifests('? [a, b]\n: c\n')).message).toBe(`${PARSE}yaml: invalid map key: []interface {}{"a", "b"}`);
  });
});

describe('parseManifests: apiVersion and kind', () => {
  it('refuses a kind the cluster does not serve, with kubectl two-line message, and goes on', () => {
    const foo = 'apiVersion: apps.kruise.io/v1alpha1\nkind: Foo\nmetadata:\n  name: x\n';
    const r = parseManifests(`${foo}---\n${CLONESET}`);
    expect(only(r)).toMatchObject({
      message: 'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "apps.kruise.io/v1alpha1"\nensure CRDs are installed first',
      stage: 'client',
      document: 0,
      line: 2,
      column: 7,
    });
    expect(r.documents.map((d) => resourceRef(d.object))).toEqual(['cloneset.apps.kruise.io/sample']);
  });

  it('refuses CloneSet in a version kruise v1.9.0 does not serve', () => {
    const r = parseManifests(edit('apps.kruise.io/v1alpha1', 'apps.kruise.io/v1beta1'));
    expect(only(r).message).toBe(
      'error: resource mapping not found for name: "sample" namespace: "" from "STDIN": no matches for kind "CloneSet" in version "apps.kruise.io/v1beta1"\nensure CRDs are installed first',
    );
  });

  it('refuses missing apiVersion and kind, and stops reading there', () => {
    const r = parseManifests(`metadata:\n  name: x\n---\n${CLONESET}`);
    expect(only(r)).toMatchObject({
      message: 'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
      stage: 'client',
      line: 1,
    });
    expect(r.documents).toEqual([]);
    expect(only(parseManifests(edit('kind: CloneSet\n', ''))).text).toBe(
      'error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(only(parseManifests(edit('kind: CloneSet', 'kind: 5'))).text).toContain("error validating data: kind isn't string type;");
  });

  it('refuses what kubectl apply refuses: no name, generateName', () => {
    expect(only(parseManifests(edit('  name: sample\n', '  labels: {}\n'))).message).toBe(
      'error: error when retrieving current configuration of:\nResource: "apps.kruise.io/v1alpha1, Resource=clonesets", GroupVersionKind: "apps.kruise.io/v1alpha1, Kind=CloneSet"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty',
    );
    expect(only(parseManifests(edit('  name: sample', '  generateName: sample-'))).message).toBe('error: from sample-: cannot use generate name with apply');
  });

  it('prints several errors one per line without the error: prefix, as kubectl does', () => {
    const foo = 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: a\n';
    const r = parseManifests(`${foo}---\n${foo.replace('name: a', 'name: b')}`);
    expect(r.problems).toHaveLength(2);
    expect(kubectlErrorOutput(r.problems)).toBe(r.problems.map((p) => p.text).join('\n'));
    expect(kubectlErrorOutput(r.problems.slice(0, 1))).toBe(r.problems[0].message);
  });
});

describe('parseManifests: unknown fields (strict field validation)', () => {
  const strict = (fields: string) => `Error from server (BadRequest): error when creating "STDIN": CloneSet in version "v1alpha1" cannot be handled as a CloneSet: strict decoding error: ${fields}`;

  it('refuses an unknown field in the spec, with its line', () => {
    const r = parseManifests(edit('  replicas: 3', '  replicas: 3\n  foo: bar'));
    expect(only(r)).toMatchObject({ message: strict('unknown field "spec.foo"'), stage: 'server', line: 7, column: 3 });
    expect(only(r).text).toBe(only(r).message);
    expect(r.documents).toEqual([]);
  });

  it('lists every unknown field, sorted, and points at the first', () => {
    const text = `${edit('  replicas: 3', '  replicas: 3\n  zeta: 1\n  Replicas: 2')}  updateStrategy:\n    partion: 1\n`;
    expect(only(parseManifests(text))).toMatchObject({ message: strict('unknown field "spec.Replicas", unknown field "spec.updateStrategy.partion", unknown field "spec.zeta"'), line: 8 });
  });

  it('refuses unknown fields at the top and in metadata', () => {
    expect(only(parseManifests(`${CLONESET}sepc: {}\n`))).toMatchObject({ message: strict('unknown field "sepc"'), line: 18 });
    expect(only(parseManifests(edit('  name: sample', '  name: sample\n  label: {}'))).message).toBe(strict('unknown field "metadata.label"'));
  });

  it('treats a value of the wrong shape as unknown fields, as pruning does', () => {
    expect(only(parseManifests(edit('  replicas: 3', '  replicas: {count: 3}'))).message).toBe(strict('unknown field "spec.replicas.count"'));
  });

  it('drops unknown fields of the pod template and its containers, as kruise does, reporting each with its line', () => {
    const text = edit('      containers:\n      - name: nginx', '      hostnetwork: true\n      containers:\n      - name: nginx\n        imagee: nginx');
    const r = parseManifests(text);
    expect(r.problems).toEqual([]);
    expect(r.notices.map((n) => [n.message.slice(0, n.message.indexOf(' is dropped')), n.line, n.column])).toEqual([
      ['unknown field "spec.template.spec.containers[0].imagee"', 18, 9],
      ['unknown field "spec.template.spec.hostnetwork"', 15, 7],
    ]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.template.spec).toEqual({ containers: [{ name: 'nginx', image: 'nginx:alpine' }] });
    expect((r.documents[0].raw.spec as { template: { spec: Record<string, unknown> } }).template.spec.hostnetwork).toBe(true);
  });

  it('keeps pod template fields it does not model but Kubernetes knows', () => {
    const text = edit('      containers:', '      tolerations:\n      - key: k\n        operator: Exists\n      affinity: {}\n      nodeSelector:\n        disk: ssd\n      containers:');
    const r = parseManifests(text);
    expect(r.problems).toEqual([]);
    expect(r.notices).toEqual([]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && cs.spec.template.spec.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it('refuses unknown container fields of a Pod (a built-in type is decoded strictly)', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    imagee: nginx\n';
    expect(only(parseManifests(pod))).toMatchObject({
      message: 'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
      line: 8,
      column: 5,
    });
  });

  it('words an update as a patch', () => {
    const r = parseManifests(edit('  replicas: 3', '  replicas: 3\n  foo: bar'), { exists: () => true });
    expect(only(r).message).toBe('Error from server (BadRequest): error when patching "STDIN": strict decoding error: unknown field "spec.foo"');
  });
});

describe('parseManifests: wrong types (decoded by kruise mutating webhook)', () => {
  const denied = (detail: string) => `Error from server: error when creating "STDIN": admission webhook "mcloneset.kb.io" denied the request: ${detail}`;
  const strategy = (lines: string) => `${CLONESET}  updateStrategy:\n${lines}`;

  it.each([
    ['replicas: "five"', edit('replicas: 3', 'replicas: "five"'), 'json: cannot unmarshal string into Go struct field CloneSetSpec.spec.replicas of type int32', 6, 13],
    ['replicas: 3.5', edit('replicas: 3', 'replicas: 3.5'), 'json: cannot unmarshal number 3.5 into Go struct field CloneSetSpec.spec.replicas of type int32', 6, 13],
    ['replicas: 5000000000', edit('replicas: 3', 'replicas: 5000000000'), 'json: cannot unmarshal number 5000000000 into Go struct field CloneSetSpec.spec.replicas of type int32', 6, 13],
    ['paused: "yes"', strategy('    paused: "yes"\n'), 'json: cannot unmarshal string into Go struct field CloneSetUpdateStrategy.spec.updateStrategy.paused of type bool', 19, 13],
    ['partition: true (int-or-string has its own decoder)', strategy('    partition: true\n'), 'json: cannot unmarshal bool into Go value of type int32', 19, 16],
    ['partition: 1.5', strategy('    partition: 1.5\n'), 'json: cannot unmarshal number 1.5 into Go value of type int32', 19, 16],
    ['type: 5', strategy('    type: 5\n'), 'json: cannot unmarshal number into Go struct field CloneSetUpdateStrategy.spec.updateStrategy.type of type v1alpha1.CloneSetUpdateStrategyType', 19, 11],
    ['containers: {}', edit('      containers:\n      - name: nginx\n        image: nginx:alpine', '      containers: {}'), 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container', 15, 19],
    ['containers: [nginx]', edit('      containers:\n      - name: nginx\n        image: nginx:alpine', '      containers: [nginx]'), 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container', 15, 20],
    ['image: 1.19', edit('image: nginx:alpine', 'image: 1.19'), 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string', 17, 16],
    ['env value: 80', edit('image: nginx:alpine', 'image: nginx:alpine\n        env:\n        - name: PORT\n          value: 80'), 'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string', 20, 18],
    ['env value: on', edit('image: nginx:alpine', 'image: nginx:alpine\n        env:\n        - name: DEBUG\n          value: on'), 'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string', 20, 18],
    ['containerPort: "80"', edit('image: nginx:alpine', 'image: nginx:alpine\n        ports:\n        - containerPort: "80"'), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32', 19, 26],
    ['cpu: lots', edit('image: nginx:alpine', 'image: nginx:alpine\n        resources:\n          limits:\n            cpu: lots'), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", 20, 18],
    ['template label: 1', edit('        app: sample\n    spec', '        app: sample\n        version: 1\n    spec'), 'json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string', 14, 18],
    ['terminationGracePeriodSeconds: "30"', edit('      containers:', '      terminationGracePeriodSeconds: "30"\n      containers:'), 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64', 15, 38],
  ])('%s', (_name, text, detail, line, column) => {
    const r = parseManifests(text);
    expect(only(r)).toMatchObject({ message: denied(detail), stage: 'server', line, column });
    expect(r.documents).toEqual([]);
  });

  it('reports the first wrong field in sorted key order, unless an own decoder fails later', () => {
    const text = `${edit('replicas: 3', 'replicas: "x"\n  minReadySeconds: "y"')}`;
    expect(only(parseManifests(text)).message).toBe(denied('json: cannot unmarshal string into Go struct field CloneSetSpec.spec.minReadySeconds of type int32'));
    const both = `${edit('replicas: 3', 'replicas: "x"')}  updateStrategy:\n    partition: true\n`;
    expect(only(parseManifests(both)).message).toBe(denied('json: cannot unmarshal bool into Go value of type int32'));
  });

  it('refuses wrong types in the CloneSet metadata at the API server', () => {
    const r = parseManifests(edit('  name: sample', '  name: sample\n  labels:\n    version: 2'));
    expect(only(r)).toMatchObject({
      message: 'Error from server (BadRequest): error when creating "STDIN": CloneSet in version "v1alpha1" cannot be handled as a CloneSet: json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string',
      line: 6,
      column: 14,
    });
  });

  it('refuses wrong types of a Pod at the API server', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  terminationGracePeriodSeconds: soon\n';
    expect(only(parseManifests(pod)).message).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    );
  });

  it('drops nulls as Go does', () => {
    const r = parseManifests(edit('replicas: 3', 'replicas: null'));
    expect(r.problems).toEqual([]);
    const cs = r.documents[0].object;
    expect(cs.kind === 'CloneSet' && 'replicas' in cs.spec).toBe(false);
  });
});
