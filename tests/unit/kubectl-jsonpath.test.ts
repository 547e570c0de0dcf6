// kubectl's JSONPath templates: results, printing rules and client-go's error sentences.
import { describe, expect, it } from 'vitest';
import { parseJsonPath, relaxedJsonPath } from '../../src/kubectl/jsonpath';
import type { Json } from '../../src/kubectl/apiObject';

const data: Json = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } }, spec: { replicas: 3, containers: [{ image: 'nginx:1' }, { image: 'busybox' }] }, status: { ready: true } },
    { metadata: { name: 'b' }, spec: { replicas: 1, containers: [{ image: 'nginx:2' }] }, status: { ready: false } },
  ],
};

const run = (template: string, allowMissingKeys = true) => parseJsonPath(template, { allowMissingKeys }).execute(data);
const failure = (template: string, allowMissingKeys = true) => {
  try {
    run(template, allowMissingKeys);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe('JSONPath results', () => {
  it.each([
    ['{.kind}', 'List'],
    ['kind is {.kind}', 'kind is List'],
    ['{$.kind}', 'List'],
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[::1].metadata.name}', 'a b'],
    ["{.items[0]['metadata']['name']}", 'a'],
    ['{.items[0,1].spec.replicas}', '3 1'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'web'],
    ['{.items[?(@.metadata.name=="b")].spec.replicas}', '1'],
    ['{.items[?(@.spec.replicas>1)].metadata.name}', 'a'],
    ['{.items[?(@.spec.replicas<=1)].metadata.name}', 'b'],
    ['{.items[?(@.status.ready==true)].metadata.name}', 'a'],
    ['{.items[?(@.metadata.labels)].metadata.name}', 'a'],
    ['{..image}', 'nginx:1 busybox nginx:2'],
    ['{.items[0].spec.containers[0]}', '{"image":"nginx:1"}'],
    ['{.items[1].metadata}', '{"name":"b"}'],
    ['{.items[0].status.ready}', 'true'],
    ['{.items[*].spec.containers[*].image}', 'nginx:1 busybox nginx:2'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.spec.replicas}{"\\n"}{end}', 'a\t3\nb\t1\n'],
    ['{range .items[*]}{"\\n"}{.metadata.name}{":\\t"}{range .spec.containers[*]}{.image}{", "}{end}{end}', '\na:\tnginx:1, busybox, \nb:\tnginx:2, '],
    ['{range .items[*]}[{.metadata.name}]{end}', '[a][b]'],
    ['{.missing}', ''],
    ['{.items[*].missing}', ''],
    ["{'x\\u0041'}", 'xA'],
    ['plain text', 'plain text'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected);
  });
});

describe('JSONPath errors', () => {
  it.each([
    ['{.kind', 'unclosed action'],
    ['{.items[0}', 'unterminated array'],
    ['{.items[x]}', 'invalid array index x'],
    ['{%}', "unrecognized character in action: U+0025 '%'"],
    ['{.items[?(@.a=="b"}', 'unterminated filter'],
    ['{.items[?(@.a)x]}', 'unclosed array expect ]'],
    ['{"abc}', 'unterminated quoted string'],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{end}', 'not in range, nothing to end'],
    ['{.items[5]}', 'array index out of bounds: index 5, length 2'],
    ['{.items[0:1:0]}', 'step must be > 0'],
    ['{.kind[0]}', 'string is not array or slice'],
    ['{.items[?(@.spec.replicas=="3")].metadata.name}', 'incompatible types for comparison'],
    ['{foo}', 'unrecognized identifier foo'],
  ])('%s → %s', (template, message) => {
    expect(failure(template)).toBe(message);
  });

  it('a missing key is an error only with --allow-missing-template-keys=false', () => {
    expect(failure('{.nope}', false)).toBe('nope is not found');
    expect(failure('{.nope}', true)).toBeUndefined();
  });
});

describe('relaxed paths (--sort-by, custom columns)', () => {
  it.each([
    ['.metadata.name', '{.metadata.name}'],
    ['metadata.name', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
  ])('%s → %s', (input, expected) => {
    expect(relaxedJsonPath(input)).toBe(expected);
  });
});
