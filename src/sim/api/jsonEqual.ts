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
  // prev's own. A copy is made only from the first part that differs (an unchanged status, the
  // common case, allocates nothing).
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let out: unknown[] | undefined = next.length === prev.length ? undefined : prev.slice(0, 0);
    for (let i = 0; i < next.length; i++) {
      const part = i < prev.length ? shareEqual(next[i], prev[i]) : next[i];
      if (out === undefined && part !== prev[i]) out = prev.slice(0, i);
      if (out !== undefined) out.push(part);
    }
    return (out ?? prev) as T;
  }
  if (Array.isArray(prev)) return next;
  const x = next as Record<string, unknown>;
  const y = prev as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  let defined = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined || !hasOwn(x, k)) continue;
    defined++;
    const old = hasOwn(y, k) ? y[k] : undefined;
    const part = old === undefined ? v : shareEqual(v, old);
    if (out === undefined && part !== old) out = sharedUntil(x, y, k);
    if (out !== undefined) out[k] = part;
  }
  if (out !== undefined) return out as T;
  for (const k in y) if (hasOwn(y, k) && y[k] !== undefined) defined--;
  // Every part is prev's: prev itself, unless prev has more parts.
  return (defined === 0 ? prev : sharedUntil(x, y)) as T;
}

/** The defined parts of `x` before key `stop` (all of them without one), each being prev's own. */
function sharedUntil(x: Record<string, unknown>, y: Record<string, unknown>, stop?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in x) {
    if (k === stop) break;
    if (x[k] !== undefined && hasOwn(x, k)) out[k] = y[k];
  }
  return out;
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
