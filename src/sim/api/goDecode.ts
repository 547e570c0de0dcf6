// Go's encoding/json, as the Kubernetes API machinery runs it (sigs.k8s.io/json: case-sensitive
// field names), walking a JSON value along the Go types of goTypes.ts. It answers the questions
// the API server and kruise's webhook ask when they decode what kubectl sent:
// - type errors, worded by encoding/json: `json: cannot unmarshal string into Go struct field
//   CloneSetSpec.spec.replicas of type int32`. The field path has no list indices; the struct is
//   the innermost one; only the first such error is reported, except that an error raised inside
//   a type's own decoder (int-or-string, quantity, time) stops decoding at once and wins. Those
//   come from Go's standard json package, so they carry no field: `json: cannot unmarshal bool
//   into Go value of type int32`. Keys are visited in sorted order: the JSON kubectl sends has
//   its keys sorted.
// - unknown fields (strict decoding): `spec.containers[0].imagee`, in the order met;
// - the structural-schema pruning of a custom resource, whose unknown fields are reported sorted;
//   subtrees the CRD marks x-kubernetes-preserve-unknown-fields are skipped.
// It also returns the value as the Go object would marshal back (unknown fields and nulls gone).
import type { JsonValue } from './goJson';
import { GO_TYPES } from './goTypes';
import { parseQuantity } from './quantity';
import { fromRFC3339 } from './rfc3339';
import { goQuote } from './fieldErrors';
import type { PathSegment } from './goYaml';

export type GoType =
  | { k: 'string' | 'bool' | 'float'; name: string }
  | { k: 'int'; name: string; bits: 32 | 64 }
  | { k: 'ptr'; elem: GoType }
  | { k: 'slice'; name: string; elem: GoType }
  | { k: 'map'; name: string; elem: GoType }
  | { k: 'struct'; name: string; short: string; fields: () => Map<string, GoType> }
  | { k: 'intstr' | 'quantity' | 'time' | 'raw'; name: string };

const BUILTIN: Record<string, GoType> = {
  string: { k: 'string', name: 'string' },
  bool: { k: 'bool', name: 'bool' },
  int32: { k: 'int', name: 'int32', bits: 32 },
  int64: { k: 'int', name: 'int64', bits: 64 },
  int: { k: 'int', name: 'int', bits: 64 },
  float64: { k: 'float', name: 'float64' },
  'intstr.IntOrString': { k: 'intstr', name: 'intstr.IntOrString' },
  'resource.Quantity': { k: 'quantity', name: 'resource.Quantity' },
  'metav1.Time': { k: 'time', name: 'v1.Time' },
  'types.UID': { k: 'string', name: 'types.UID' },
};

const cache = new Map<string, GoType>();

/** How reflect prints a named type: meta/v1 and core/v1 are both package `v1`. */
const displayName = (name: string) => name.replace(/^metav1\./, 'v1.');

function splitFields(spec: string): string[] {
  return spec.split(' ').filter(Boolean);
}

/** The GoType of a Go type expression (`*int32`, `[]v1.Container`, `v1.PodSpec`). */
export function goType(expr: string): GoType {
  const hit = cache.get(expr) ?? BUILTIN[expr];
  if (hit) return hit;
  let t: GoType;
  if (expr.startsWith('*')) t = { k: 'ptr', elem: goType(expr.slice(1)) };
  else if (expr.startsWith('[]')) {
    const elem = goType(expr.slice(2));
    t = { k: 'slice', name: `[]${typeName(elem)}`, elem };
  } else if (expr.startsWith('map[')) {
    const close = expr.indexOf(']');
    const elem = goType(expr.slice(close + 1));
    t = { k: 'map', name: `map[${displayName(expr.slice(4, close))}]${typeName(elem)}`, elem };
  } else {
    const spec = GO_TYPES[expr];
    if (spec === undefined) throw new Error(`unknown Go type ${expr}`);
    if (spec === '#raw') t = { k: 'raw', name: displayName(expr) };
    else if (spec.startsWith('=')) t = { ...renamed(goType(spec.slice(1)), displayName(expr)) };
    else t = structType(expr, spec);
  }
  cache.set(expr, t);
  return t;
}

function renamed(t: GoType, name: string): GoType {
  return t.k === 'ptr' ? t : { ...t, name };
}

function structType(expr: string, spec: string): GoType {
  let fields: Map<string, GoType> | undefined;
  return {
    k: 'struct',
    name: displayName(expr),
    short: expr.slice(expr.indexOf('.') + 1),
    fields: () => {
      if (!fields) {
        fields = new Map();
        for (const f of splitFields(spec)) {
          if (f.startsWith('...')) {
            const inner = goType(f.slice(3));
            if (inner.k === 'struct') for (const [k, v] of inner.fields()) fields.set(k, v);
          } else {
            const colon = f.indexOf(':');
            fields.set(f.slice(0, colon), goType(f.slice(colon + 1)));
          }
        }
      }
      return fields;
    },
  };
}

/** reflect's String() of a type after pointers are followed (encoding/json reports that one). */
export function typeName(t: GoType): string {
  return t.k === 'ptr' ? typeName(t.elem) : t.name;
}

const deref = (t: GoType): GoType => (t.k === 'ptr' ? deref(t.elem) : t);

const isObject = (v: JsonValue): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** encoding/json's word for a JSON value's kind. */
function jsonKind(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** A number as Go's JSON encoder wrote it (the literal the decoder reads). */
const numberLiteral = (n: number) => String(n);

function intFits(n: number, bits: 32 | 64): boolean {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return false;
  return bits === 32 ? n >= -(2 ** 31) && n <= 2 ** 31 - 1 : n >= -(2 ** 63) && n < 2 ** 63;
}

export interface DecodeProblem {
  message: string;
  /** JSON path of the offending value. */
  at: PathSegment[];
}

export interface UnknownField {
  /** As strict decoding prints it: `spec.containers[0].imagee`. */
  path: string;
  at: PathSegment[];
}

export interface DecodeResult {
  /** The value as the Go object marshals back: known fields only, nulls dropped. */
  value: JsonValue;
  error?: DecodeProblem;
  unknown: UnknownField[];
}

class Abort {
  constructor(readonly problem: DecodeProblem) {}
}

interface Context {
  /** The innermost struct being decoded (its short name) and the JSON field names leading here. */
  struct?: string;
  fields: string[];
}

const joinPath = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** Decodes `value` into Go type `type`, as json.Unmarshal (strict or not, unknown fields are listed). */
export function goDecode(value: JsonValue, type: GoType, options: { at?: PathSegment[]; strictPrefix?: string } = {}): DecodeResult {
  let saved: DecodeProblem | undefined;
  const unknown: UnknownField[] = [];

  const typeError = (kind: string, t: GoType, ctx: Context, at: PathSegment[]) => {
    if (saved) return;
    const into = ctx.struct !== undefined ? `Go struct field ${ctx.struct}.${ctx.fields.join('.')}` : 'Go value';
    saved = { message: `json: cannot unmarshal ${kind} into ${into} of type ${typeName(t)}`, at };
  };

  const zero = (t: GoType): JsonValue => {
    const d = deref(t);
    if (d.k === 'string') return '';
    if (d.k === 'int' || d.k === 'float') return 0;
    if (d.k === 'bool') return false;
    if (d.k === 'struct') return {};
    return null;
  };

  const visit = (v: JsonValue, t: GoType, ctx: Context, at: PathSegment[], strict: string): JsonValue | undefined => {
    if (v === null) return undefined;
    const d = deref(t);
    switch (d.k) {
      case 'raw':
        return v;
      case 'string':
        if (typeof v === 'string') return v;
        typeError(jsonKind(v), d, ctx, at);
        return undefined;
      case 'bool':
        if (typeof v === 'boolean') return v;
        typeError(jsonKind(v), d, ctx, at);
        return undefined;
      case 'float':
        if (typeof v === 'number') return v;
        typeError(jsonKind(v), d, ctx, at);
        return undefined;
      case 'int':
        if (typeof v === 'number' && intFits(v, d.bits)) return v;
        typeError(typeof v === 'number' ? `number ${numberLiteral(v)}` : jsonKind(v), d, ctx, at);
        return undefined;
      case 'intstr':
        if (typeof v === 'string') return v;
        if (typeof v === 'number' && intFits(v, 32)) return v;
        throw new Abort({ message: `json: cannot unmarshal ${typeof v === 'number' ? `number ${numberLiteral(v)}` : jsonKind(v)} into Go value of type int32`, at });
      case 'quantity': {
        const text = typeof v === 'string' ? v : typeof v === 'number' ? numberLiteral(v) : JSON.stringify(v);
        try {
          parseQuantity(text.trim());
        } catch (e) {
          throw new Abort({ message: (e as Error).message, at });
        }
        return v;
      }
      case 'time':
        if (typeof v !== 'string') throw new Abort({ message: `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`, at });
        if (fromRFC3339(v) === undefined) throw new Abort({ message: `parsing time ${goQuote(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${goQuote(v)} as "2006"`, at });
        return v;
      case 'slice': {
        if (!Array.isArray(v)) {
          typeError(jsonKind(v), d, ctx, at);
          return undefined;
        }
        return v.map((item, i) => visit(item, d.elem, ctx, [...at, i], `${strict}[${i}]`) ?? zero(d.elem));
      }
      case 'map': {
        if (!isObject(v)) {
          typeError(jsonKind(v), d, ctx, at);
          return undefined;
        }
        const out: Record<string, JsonValue> = {};
        for (const key of Object.keys(v).sort()) out[key] = visit(v[key], d.elem, ctx, [...at, key], joinPath(strict, key)) ?? zero(d.elem);
        return out;
      }
      case 'struct': {
        if (!isObject(v)) {
          typeError(jsonKind(v), d, ctx, at);
          return undefined;
        }
        const fields = d.fields();
        const out: Record<string, JsonValue> = {};
        for (const key of Object.keys(v).sort()) {
          const field = fields.get(key);
          const path = joinPath(strict, key);
          if (!field) {
            unknown.push({ path, at: [...at, key] });
            continue;
          }
          const decoded = visit(v[key], field, { struct: d.short, fields: [...ctx.fields, key] }, [...at, key], path);
          if (decoded !== undefined) out[key] = decoded;
        }
        return out;
      }
      default:
        return v;
    }
  };

  try {
    const decoded = visit(value, type, { fields: [] }, options.at ?? [], options.strictPrefix ?? '');
    return { value: decoded ?? null, error: saved, unknown };
  } catch (e) {
    if (e instanceof Abort) return { value: null, error: e.problem, unknown };
    throw e;
  }
}

/** A CRD's structural schema, as far as pruning needs it: a Go type with preserved subtrees. */
export interface PruneSchema {
  root: GoType;
  /** `Struct.field` pairs marked x-kubernetes-preserve-unknown-fields (`v1alpha1.CloneSetSpec.template`). */
  preserved: ReadonlySet<string>;
}

/**
 * The unknown fields pruning finds (apiextensions-apiserver pruning.PruneWithOptions), sorted as
 * it sorts them. At the root, apiVersion, kind and metadata are left alone.
 */
export function prunedFields(value: JsonValue, schema: PruneSchema): UnknownField[] {
  const found: UnknownField[] = [];
  const visit = (v: JsonValue, t: GoType | undefined, at: PathSegment[], path: string, root: boolean) => {
    const d = t && deref(t);
    if (isObject(v)) {
      for (const key of Object.keys(v)) {
        if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
        const here = joinPath(path, key);
        if (d?.k === 'struct' && d.fields().has(key)) {
          if (!schema.preserved.has(`${d.name}.${key}`)) visit(v[key], d.fields().get(key), [...at, key], here, false);
        } else if (d?.k === 'map') visit(v[key], d.elem, [...at, key], here, false);
        else found.push({ path: here, at: [...at, key] });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, d?.k === 'slice' ? d.elem : undefined, [...at, i], `${path}[${i}]`, false));
    }
  };
  visit(value, schema.root, [], '', true);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
