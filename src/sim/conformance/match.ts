// How a conformance test compares an actual result with a table's expectation.
//
// Most tables list exactly what kruise's Go test asserts, and are compared as they are. Two
// kinds of field never count: explanations the table's author added (`note`, `why`) and the
// fixture's `messageInFixture` (the Go test never compares it; in two cases it is not what the
// controller writes).
//
// The pod-state tables TestUpdate and TestRefresh were transcribed by hand from Go tests that
// compare whole pods. Their expectations name only some of the pod's fields — sometimes every
// label, sometimes just the one that changed; a condition as "False (StartInPlaceUpdate)" or as
// "False (reason StartInPlaceUpdate, lastTransitionTime=now)"; a field as "unchanged". For those
// two tables the comparison is on the fields the expectation names, conditions are compared by
// status and reason, and "unchanged" means "the same as in the case's input".
import type { TableCase, TableMeta } from './types';

const UNASSERTED_KEYS = new Set(['note', 'why', 'messageInFixture']);
const PARTIAL_POD_TABLES: Record<string, (c: TableCase) => unknown> = {
  TestUpdate: (c) => c.podBefore,
  TestRefresh: (c) => c.pod,
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value with the unasserted fields removed at every depth. */
export function asserted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asserted);
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !UNASSERTED_KEYS.has(k)).map(([k, v]) => [k, asserted(v)]));
  }
  return value;
}

/** "False (reason StartInPlaceUpdate, lastTransitionTime=now)" and "False (StartInPlaceUpdate)" → the latter. */
function conditionText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^(True|False|Unknown)(?:\s*\((?:reason\s+)?([^,)]*)[^)]*\))?$/.exec(v.trim());
  if (!m) return v;
  const reason = m[2]?.trim();
  return reason && !reason.startsWith('lastTransitionTime') ? `${m[1]} (${reason})` : m[1];
}

function normalizeConditions(v: unknown): unknown {
  return isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, conditionText(x)])) : v;
}

/**
 * Resolves "unchanged" in the expectation against the input, then keeps of `actual` only what the
 * expectation names (objects key by key, arrays element by element).
 */
function project(actual: unknown, expected: unknown, before: unknown): { actual: unknown; expected: unknown } {
  if (expected === 'unchanged' && actual !== 'unchanged') expected = before;
  if (isRecord(expected) && isRecord(actual)) {
    const a: Record<string, unknown> = {};
    const e: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      const p = project(actual[key], expected[key], isRecord(before) ? before[key] : undefined);
      a[key] = p.actual;
      e[key] = p.expected;
    }
    if ('conditions' in e) {
      e.conditions = normalizeConditions(e.conditions);
      a.conditions = normalizeConditions(a.conditions);
    }
    return { actual: a, expected: e };
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    const pairs = expected.map((x, i) => project(actual[i], x, Array.isArray(before) ? before[i] : undefined));
    return { actual: pairs.map((p) => p.actual), expected: pairs.map((p) => p.expected) };
  }
  return { actual, expected };
}

/** The two sides a conformance test compares with deep equality. */
export function comparable(meta: TableMeta, c: TableCase, actual: unknown): { actual: unknown; expected: unknown } {
  const expected = asserted('expectedPodAfter' in c ? c.expectedPodAfter : c.expected);
  const cleanActual = asserted(actual);
  const beforeOf = PARTIAL_POD_TABLES[meta.test];
  return beforeOf ? project(cleanActual, expected, beforeOf(c)) : { actual: cleanActual, expected };
}
