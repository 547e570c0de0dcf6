// Deep equality of JSON-like API objects, as the webhooks compare them (SPEC §1: "on an update
// that changes spec.template"): an undefined property counts as absent.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** reflect.DeepEqual on decoded JSON: `{a: undefined}` equals `{}`, `[]` does not equal a missing list. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => b[k] !== undefined && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * `next` with every part that is jsonEqual to the same part of `prev` replaced by prev's own object,
 * and `prev` itself when the whole is equal. Writers use it so an unchanged status costs nothing
 * (identity says "equal") and a changed one shares its unchanged, already frozen parts.
 */
export function shareEqual<T>(next: T, prev: unknown): T {
  if (next === prev) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = next.length === prev.length;
    const out = next.map((x, i) => {
      const y = i < prev.length ? shareEqual(x, prev[i]) : x;
      if (y !== prev[i]) same = false;
      return y;
    });
    return (same ? prev : out) as T;
  }
  if (isPlainObject(next) && isPlainObject(prev)) {
    const out: Record<string, unknown> = {};
    let same = true;
    let count = 0;
    for (const k in next) {
      const v = next[k];
      if (v === undefined) continue;
      const shared = shareEqual(v, prev[k]);
      out[k] = shared;
      count++;
      if (shared !== prev[k]) same = false;
    }
    if (same) for (const k in prev) if (prev[k] !== undefined && --count < 0) same = false;
    return (same && count === 0 ? prev : out) as T;
  }
  return next;
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
