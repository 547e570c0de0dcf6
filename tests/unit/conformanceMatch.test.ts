import { describe, expect, it } from 'vitest';
import { asserted, comparable } from '../../src/sim/conformance';

const update = { test: 'TestUpdate' };
const podBefore = { labels: { a: '1' }, conditions: { Ready: 'True', InPlaceUpdateReady: 'False (StartInPlaceUpdate)' } };

describe('conformance comparison', () => {
  it('drops explanations at every depth, keeps everything else', () => {
    expect(asserted({ x: 1, note: 'n', y: [{ why: 'w', z: 2 }], c: { messageInFixture: 'm', status: 'True' } }))
      .toEqual({ x: 1, y: [{ z: 2 }], c: { status: 'True' } });
  });

  it('compares ordinary tables exactly: an extra field is a difference', () => {
    const { actual, expected } = comparable({ test: 'TestScale' }, { name: 'c', expected: { modified: true } }, { modified: true, extra: 1 });
    expect(actual).not.toEqual(expected);
  });

  it('on pod-state tables, compares only the fields the expectation names', () => {
    const c = { name: 'c', podBefore, expectedPodAfter: { labels: { a: '1', b: '2' } } };
    const ok = comparable(update, c, { labels: { a: '1', b: '2' }, conditions: { Ready: 'False' } });
    expect(ok.actual).toEqual(ok.expected);
  });

  it('still catches a wrong or missing value', () => {
    const c = { name: 'c', podBefore, expectedPodAfter: { labels: { a: '1', b: '2' } } };
    const wrong = comparable(update, c, { labels: { a: '1', b: '3' } });
    expect(wrong.actual).not.toEqual(wrong.expected);
    const missing = comparable(update, c, { labels: { a: '1' } });
    expect(missing.actual).not.toEqual(missing.expected);
  });

  it('reads "unchanged" as the input value', () => {
    const c = { name: 'c', podBefore, expectedPodAfter: { conditions: 'unchanged' } };
    const same = comparable(update, c, { conditions: { InPlaceUpdateReady: 'False (StartInPlaceUpdate)', Ready: 'True' } });
    expect(same.actual).toEqual(same.expected);
    const changed = comparable(update, c, { conditions: { InPlaceUpdateReady: 'True', Ready: 'True' } });
    expect(changed.actual).not.toEqual(changed.expected);
  });

  it('compares conditions by status and reason, whichever way they are written', () => {
    const c = { name: 'c', podBefore, expectedPodAfter: { conditions: { InPlaceUpdateReady: 'False (StartInPlaceUpdate)' } } };
    const ok = comparable(update, c, { conditions: { InPlaceUpdateReady: 'False (reason StartInPlaceUpdate, lastTransitionTime=now)' } });
    expect(ok.actual).toEqual(ok.expected);
    const otherReason = comparable(update, c, { conditions: { InPlaceUpdateReady: 'False (SomethingElse)' } });
    expect(otherReason.actual).not.toEqual(otherReason.expected);
  });
});
