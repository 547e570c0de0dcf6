import { describe, expect, it } from 'vitest';
import { approachPods, type PodView } from '../../src/ui/playground/view';

const pod = (name: string, restarts = 0): PodView => ({
  uid: `uid-${name}`,
  name,
  cloneSet: 'web',
  node: 'node-1',
  ip: null,
  phase: 'Running',
  status: 'Running',
  ready: true,
  readyText: '1/1',
  restarts,
  revisionHash: 'web-1',
  revisionNumber: 1,
  revisionKind: 'update',
  images: ['nginx'],
  pvcs: [],
  lifecycleState: null,
  deleting: false,
  createdAt: 0,
});

describe('approachPods', () => {
  it('gives the target itself when at most the budget changed', () => {
    const shown = [pod('a'), pod('b'), pod('c')];
    const target = [shown[0], pod('b', 1), pod('c', 1)];
    expect(approachPods(shown, target, 2)).toBe(target);
    expect(approachPods(target, target, 0)).toBe(target);
  });

  it('moves at most the budget of changed pods, in the target order, keeping the others as shown', () => {
    const shown = [pod('a'), pod('b'), pod('c'), pod('d')];
    const target = shown.map((p) => pod(p.name, 1));
    const first = approachPods(shown, target, 3);
    expect(first.map((p) => p.restarts)).toEqual([1, 1, 1, 0]);
    expect(first[3]).toBe(shown[3]);
    const second = approachPods(first, target, 3);
    expect(second).toBe(target);
  });

  it('shows new pods and drops gone ones at once, outside the budget', () => {
    const shown = [pod('a'), pod('b'), pod('c')];
    const target = [pod('b', 1), pod('c', 1), pod('d')];
    const next = approachPods(shown, target, 1);
    expect(next.map((p) => [p.name, p.restarts])).toEqual([
      ['b', 1],
      ['c', 0],
      ['d', 0],
    ]);
    expect(next[2]).toBe(target[2]);
  });
});
