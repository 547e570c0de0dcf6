// Deep equality of JSON-like API objects, as the webhooks compare them (SPEC §1: "on an update
// that changes spec.template"): an undefined property counts as absent.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * reflect.DeepEqual on decoded JSON: `{a: undefined}` equals `{}`, `[]` does not equal a missing list.
 * Written without allocating (it runs on every status a kubelet reports).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA || Array.isArray(b)) {
    if (!arrayA || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (!hasOwn(x, k)) continue;
    const v = x[k];
    if (v === undefined) continue;
    defined++;
    if (!hasOwn(y, k) || !jsonEqual(v, y[k])) return false;
  }
  for (const k in y) if (hasOwn(y, k) && y[k] !== undefined) defined--;
  return defined === 0;
}

/**
 * `next` with every part that is jsonEqual to the same part of `prev` replaced by prev's own object,
 * and `prev` itself when the whole is equal. Writers use it so an unchanged status costs nothing
 * (identity says "equal") and a changed one shares its unchanged, already frozen parts. Undefined
 * properties are left out of the parts it builds.
 */
export function shareEqual<T>(next: T, prev: unknown): T {
  if (next === prev) return next;
  if (typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next;
  // One pass: each part is shared first, and the whole is equal when every part came back as
  // prev's own (comparing first and sharing after would walk every part twice).
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = next.length === prev.length;
    const out: unknown[] = new Array(next.length);
    for (let i = 0; i < next.length; i++) {
      const part = i < prev.length ? shareEqual(next[i], prev[i]) : next[i];
      out[i] = part;
      if (part !== prev[i]) same = false;
    }
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev)) return next;
  const x = next as Record<string, unknown>;
  const y = prev as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let same = true;
  let defined = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined || !hasOwn(x, k)) continue;
    defined++;
    const old = hasOwn(y, k) ? y[k] : undefined;
    const part = old === undefined ? v : shareEqual(v, old);
    out[k] = part;
    if (part !== old) same = false;
  }
  if (same) {
    for (const k in y) if (hasOwn(y, k) && y[k] !== undefined) defined--;
    if (defined === 0) return prev as T;
  }
  return out as T;
}

/**
 * apiequality.Semantic.DeepEqual: like jsonEqual, but an empty list or map also equals a missing
 * one (Kubernetes' forked reflect treats nil and empty alike).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const isEmpty = (v: unknown) =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => semanticEqual(a[k], b[k]));
  }
  return a === b;
}
