// SPEC §11.1 and §2 rule 15: the RFC 6902 diff of two JSON documents, exactly as kruise computes it
// with github.com/appscode/jsonpatch v1.0.1 (CreatePatch). Its quirks decide which template edits
// count as "only an image replace", so they are kept:
// - both documents must be JSON objects;
// - a key whose old value is null and new value is not gives "add", a type change gives "replace";
// - arrays of "simple" items (scalars, or objects whose values are all scalars — judged by the
//   first non-scalar item only) are diffed by edit distance; other arrays index by index, with
//   removals from the end and additions past the common length;
// - paths escape "~" as "~0" and "/" as "~1".
// Go walks maps in random order; we walk keys sorted, so the operations come out in a fixed order.

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace';
  /** JSON pointer, e.g. `/spec/containers/0/image`. */
  path: string;
  /** The new value (absent for "remove"). */
  value?: unknown;
}

export class JsonPatchError extends Error {}

type Kind = 'nil' | 'string' | 'number' | 'boolean' | 'array' | 'object';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      throw new JsonPatchError(`not a JSON value: ${typeof v}`);
  }
}

const isBasic = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Object keys with a defined value (what JSON.stringify would write), sorted. */
function keysOf(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
}

function makePath(path: string, part: string | number): string {
  const key = String(part).replace(/~/g, '~0').replace(/\//g, '~1');
  if (path === '') return `/${key}`;
  if (path.endsWith('/')) return path + key;
  return `${path}/${key}`;
}

const replace = (path: string, value: unknown): JsonPatchOperation => ({ op: 'replace', path, value: value ?? null });
const add = (path: string, value: unknown): JsonPatchOperation => ({ op: 'add', path, value: value ?? null });
const remove = (path: string): JsonPatchOperation => ({ op: 'remove', path });

/** reflect.DeepEqual over decoded JSON values. */
export function jsonDeepEqual(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if (ka === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => jsonDeepEqual(v, y[i]));
  }
  if (ka === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const kx = keysOf(x);
    const ky = keysOf(y);
    return kx.length === ky.length && kx.every((k, i) => k === ky[i] && jsonDeepEqual(x[k], y[k]));
  }
  return ka === 'nil' || a === b;
}

/** The library's isSimpleArray, including its early "true" at the first object item. */
function isSimpleArray(items: unknown[]): boolean {
  for (const item of items) {
    if (isBasic(item)) continue;
    if (kindOf(item) !== 'object') return false;
    const obj = item as Record<string, unknown>;
    return keysOf(obj).every((k) => obj[k] === null || isBasic(obj[k]));
  }
  return true;
}

function diffObjects(a: Record<string, unknown>, b: Record<string, unknown>, path: string, out: JsonPatchOperation[]): void {
  for (const key of keysOf(b)) {
    const p = makePath(path, key);
    if (!(key in a) || a[key] === undefined) out.push(add(p, b[key]));
    else handleValues(a[key], b[key], p, out);
  }
  for (const key of keysOf(a)) {
    if (!(key in b) || b[key] === undefined) out.push(remove(makePath(path, key)));
  }
}

function handleValues(a: unknown, b: unknown, path: string, out: JsonPatchOperation[]): void {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'nil' && kb === 'nil') return;
  if (ka === 'nil') {
    out.push(add(path, b));
    return;
  }
  if (ka !== kb) {
    out.push(replace(path, b));
    return;
  }
  if (ka === 'object') diffObjects(a as Record<string, unknown>, b as Record<string, unknown>, path, out);
  else if (ka === 'array') diffArrays(a as unknown[], b as unknown[], path, out);
  else if (a !== b) out.push(replace(path, b));
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: JsonPatchOperation[]): void {
  if (isSimpleArray(a) && isSimpleArray(b)) {
    out.push(...compareEditDistance(a, b, path));
    return;
  }
  const n = Math.min(a.length, b.length);
  for (let i = a.length - 1; i >= n; i--) out.push(remove(makePath(path, i)));
  for (let i = n; i < b.length; i++) out.push(add(makePath(path, i), b[i]));
  for (let i = 0; i < n; i++) handleValues(a[i], b[i], makePath(path, i), out);
}

/** Wagner–Fischer edit distance, then the library's backtrace (highest index first). */
function compareEditDistance(s: unknown[], t: unknown[], path: string): JsonPatchOperation[] {
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      d[i][j] = jsonDeepEqual(s[i - 1], t[j - 1]) ? d[i - 1][j - 1] : Math.min(d[i - 1][j - 1] + 1, d[i][j - 1] + 1, d[i - 1][j] + 1);
    }
  }
  const ops: JsonPatchOperation[] = [];
  let i = s.length;
  let j = t.length;
  for (;;) {
    if (i > 0 && d[i - 1][j] + 1 === d[i][j]) {
      ops.push(remove(makePath(path, i - 1)));
      i--;
    } else if (j > 0 && d[i][j - 1] + 1 === d[i][j]) {
      ops.push(add(makePath(path, i), t[j - 1]));
      j--;
    } else if (i > 0 && j > 0 && d[i - 1][j - 1] + 1 === d[i][j]) {
      if (isBasic(s[0])) ops.push(replace(makePath(path, i - 1), t[j - 1]));
      else handleValues(s[i - 1], t[j - 1], makePath(path, i - 1), ops);
      i--;
      j--;
    } else if (i > 0 && j > 0 && d[i - 1][j - 1] === d[i][j]) {
      i--;
      j--;
    } else {
      return ops;
    }
  }
}

/**
 * jsonpatch.CreatePatch(a, b): the operations that turn document `a` into `b`. Throws
 * JsonPatchError when either is not a JSON object (the library's "invalid JSON Document").
 */
export function createPatch(a: unknown, b: unknown): JsonPatchOperation[] {
  const docA = a ?? {};
  const docB = b ?? {};
  if (kindOf(docA) !== 'object' || kindOf(docB) !== 'object') throw new JsonPatchError('invalid JSON Document');
  const out: JsonPatchOperation[] = [];
  diffObjects(docA as Record<string, unknown>, docB as Record<string, unknown>, '', out);
  return out;
}

/** createPatch over JSON texts, as kruise calls it on stored bytes. */
export function createPatchFromJson(a: string, b: string): JsonPatchOperation[] {
  let docA: unknown;
  let docB: unknown;
  try {
    docA = JSON.parse(a);
    docB = JSON.parse(b);
  } catch {
    throw new JsonPatchError('invalid JSON Document');
  }
  return createPatch(docA, docB);
}
