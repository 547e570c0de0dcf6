// JSON as kruise's Go code sees it (SPEC §4, §11.1, §2 rule 15). Two things matter when the
// controller diffs templates or writes annotations:
// - the shape encoding/json gives a pod template: metadata always present (creationTimestamp:
//   null), every container has `name` and `resources` (a struct, never omitted), and empty
//   slices/maps, nulls and empty omitempty strings are dropped. Diffing two templates in this
//   shape gives the same operations kruise sees;
// - map keys are written sorted (Go sorts map keys; struct fields keep their declared order).
import type { PodSpec, PodTemplateSpec } from './types';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Object fields that are Go maps (omitted when empty); any other empty object is a struct and stays. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'limits', 'requests']);
/** String fields without omitempty in the Kubernetes types we diff. */
const ALWAYS_WRITTEN_STRINGS = new Set(['name']);

function shape(value: unknown, key: string): JsonValue | undefined {
  if (value === undefined || value === null || typeof value === 'function') return undefined;
  if (typeof value === 'string') return value === '' && !ALWAYS_WRITTEN_STRINGS.has(key) ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => shape(v, '') ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) {
    const shaped = shape(v, k);
    if (shaped !== undefined) out[k] = shaped;
  }
  if (MAP_FIELDS.has(key) && Object.keys(out).length === 0) return undefined;
  return out;
}

function shapeContainers(list: unknown): JsonValue | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((c) => {
    const shaped = shape(c, '');
    const container = isObject(shaped) ? shaped : {};
    return { ...container, name: typeof container.name === 'string' ? container.name : '', resources: container.resources ?? {} };
  });
}

/** json.Marshal(v1.PodSpec) as a value: `containers` is always written (null when empty). */
export function podSpecToGoJson(spec: PodSpec | undefined): Record<string, JsonValue> {
  const out = (shape(spec ?? {}, '') ?? {}) as Record<string, JsonValue>;
  out.containers = shapeContainers(spec?.containers) ?? null;
  const init = shapeContainers(spec?.initContainers);
  if (init === undefined) delete out.initContainers;
  else out.initContainers = init;
  return out;
}

/** json.Marshal(v1.PodTemplateSpec) as a value. */
export function podTemplateToGoJson(template: PodTemplateSpec): Record<string, JsonValue> {
  const meta = (shape(template.metadata ?? {}, '') ?? {}) as Record<string, JsonValue>;
  return { metadata: { ...meta, creationTimestamp: null }, spec: podSpecToGoJson(template.spec) };
}

/** JSON text with every object's keys sorted, as Go writes a map[string]interface{}. */
export function goMarshalSorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => goMarshalSorted(v ?? null)).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goMarshalSorted(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** How encoding/json writes a []byte: standard base64 of the UTF-8 bytes. */
export function goBytesToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

/** The inverse of goBytesToBase64; undefined when the text is not base64. */
export function goBase64ToBytes(text: string): string | undefined {
  const clean = text.replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
