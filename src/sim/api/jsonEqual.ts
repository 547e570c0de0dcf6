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
