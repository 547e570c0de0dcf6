import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonEqual, shareEqual } from '../../src/sim/api/jsonEqual';
import { parseInPlaceUpdateState } from '../../src/sim/controller/inplaceState';
import { fromRFC3339 } from '../../src/sim/api/rfc3339';

describe('shareEqual', () => {
  const prev = Object.freeze({
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
    containerStatuses: [{ name: 'nginx', ready: true, state: { running: { startedAt: 3 } } }],
  });

  it('returns the previous object itself when everything is equal', () => {
    const next = structuredClone(prev);
    expect(shareEqual(next, prev)).toBe(prev);
  });

  it('keeps unchanged parts of a changed object and the changed values', () => {
    const next = structuredClone(prev) as typeof prev & { conditions: { type: string; status: string }[] };
    next.conditions[0] = { type: 'Ready', status: 'False' };
    const shared = shareEqual(next, prev);
    expect(shared).not.toBe(prev);
    expect(shared.conditions[1]).toBe(prev.conditions[1]);
    expect(shared.containerStatuses).toBe(prev.containerStatuses);
    expect(shared.conditions[0]).toEqual({ type: 'Ready', status: 'False' });
    expect(jsonEqual(shared, next)).toBe(true);
  });

  it('treats undefined properties as absent and notices added or removed keys', () => {
    expect(shareEqual({ a: 1, b: undefined }, { a: 1 })).toEqual({ a: 1 });
    const prevWithMore = { a: 1, b: 2 };
    const fewer = shareEqual({ a: 1 }, prevWithMore);
    expect(fewer).not.toBe(prevWithMore);
    expect(fewer).toEqual({ a: 1 });
    const more = shareEqual({ a: 1, b: 2, c: 3 }, { a: 1, b: 2 });
    expect(more).toEqual({ a: 1, b: 2, c: 3 });
    expect(shareEqual([1, 2], [1, 2, 3])).toEqual([1, 2]);
  });
});

describe('jsonEqual and shareEqual on random JSON', () => {
  /** The definition, written plainly: own keys with a defined value, compared in turn. */
  function reference(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => reference(x, b[i]));
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const ka = Object.keys(x).filter((k) => x[k] !== undefined);
    const kb = Object.keys(y).filter((k) => y[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => y[k] !== undefined && reference(x[k], y[k]));
  }
  // small values so that equal pairs and near misses both come up often
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(0, 1, 'a', true, null, undefined),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'constructor'), tie('node'), { maxKeys: 3 }),
    ),
  })).node;

  it('jsonEqual agrees with the definition', () => {
    fc.assert(fc.property(value, value, (a, b) => jsonEqual(a, b) === reference(a, b) && jsonEqual(a, structuredClone(a))), { numRuns: 3000 });
  });

  it('shareEqual gives prev when equal, else a value equal to next', () => {
    fc.assert(
      fc.property(value, value, (next, prev) => {
        const shared = shareEqual(next, prev);
        return reference(next, prev) ? shared === prev : reference(shared, next);
      }),
      { numRuns: 3000 },
    );
  });

  it('shareEqual keeps every part equal to the previous one as that very object, and leaves undefined properties out', () => {
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
    fc.assert(
      fc.property(value, value, (next, prev) => {
        const shared = shareEqual(next, prev) as unknown;
        if (shared === prev || !isObject(shared) || !isObject(prev) || Array.isArray(shared) !== Array.isArray(prev)) return true;
        return Object.keys(shared).every((k) => {
          const part = shared[k];
          if (part === undefined) return Array.isArray(shared);
          const old = Object.prototype.hasOwnProperty.call(prev, k) ? prev[k] : undefined;
          return old === undefined || !reference(part, old) || part === old;
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parse caches', () => {
  it('gives the same frozen in-place state for the same annotation text', () => {
    const text = '{"revision":"r-1","updateTimestamp":"2026-07-01T00:00:05Z","lastContainerStatuses":{"nginx":{"imageID":"x"}}}';
    const a = parseInPlaceUpdateState(text);
    expect(parseInPlaceUpdateState(text)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.lastContainerStatuses)).toBe(true);
    expect(a.updateTimestamp).toBe(5);
  });

  it('still refuses text that is not a state, every time', () => {
    expect(() => parseInPlaceUpdateState('{')).toThrow(/invalid in-place update state/);
    expect(() => parseInPlaceUpdateState('{')).toThrow(/invalid in-place update state/);
  });

  it('reads a timestamp the same way twice, invalid ones included', () => {
    expect(fromRFC3339('2026-07-01T00:01:00Z')).toBe(60);
    expect(fromRFC3339('2026-07-01T00:01:00Z')).toBe(60);
    expect(fromRFC3339('yesterday')).toBeUndefined();
    expect(fromRFC3339('yesterday')).toBeUndefined();
  });
});
