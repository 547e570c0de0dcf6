import { describe, expect, it } from 'vitest';
import { LABEL_LIFECYCLE_STATE } from '../../src/sim/api/constants';
import type { Pod } from '../../src/sim/api/types';
import { compareActivePods } from '../../src/sim/controller/activePods';
import { prioritySort } from '../../src/sim/controller/priority';
import { scatterPodsByRule, scatterSort } from '../../src/sim/controller/scatter';
import { sortUpdateIndexes } from '../../src/sim/controller/updateOrder';

interface PodFields {
  name: string;
  createdAt?: number;
  readySince?: number;
  ready?: boolean;
  node?: string;
  labels?: Record<string, string>;
}

/** A Running pod on a node, Ready since `readySince` unless `ready: false`. */
function pod({ name, createdAt = 0, readySince = 10, ready = true, node = 'node-1', labels = {} }: PodFields): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, creationTimestamp: createdAt, labels },
    spec: { containers: [{ name: 'main' }], nodeName: node },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: readySince }],
      containerStatuses: [{ name: 'main', image: 'main', imageID: '', ready, restartCount: 0 }],
    },
  };
}

const all = (pods: Pod[]) => pods.map((_, i) => i);
const names = (pods: Pod[], order: number[]) => order.map((i) => pods[i].metadata.name);

describe('default update order (ActivePods)', () => {
  it('goes through the pods in reverse order on a second rollout', () => {
    // The first rollout made web-0 … web-4 Ready one after the other.
    const pods = [0, 1, 2, 3, 4].map((i) => pod({ name: `web-${i}`, readySince: 100 + 20 * i }));
    expect(names(pods, sortUpdateIndexes(undefined, pods, all(pods)))).toEqual(['web-4', 'web-3', 'web-2', 'web-1', 'web-0']);
  });

  it('puts unscheduled, then not-Ready pods before healthy ones', () => {
    const pods = [
      pod({ name: 'healthy', readySince: 50 }),
      pod({ name: 'not-ready', ready: false }),
      pod({ name: 'unscheduled', ready: false, node: '' }),
    ];
    expect(names(pods, sortUpdateIndexes(undefined, pods, all(pods)))).toEqual(['unscheduled', 'not-ready', 'healthy']);
  });

  it('treats Ready times within one whole second as equal (the API keeps seconds)', () => {
    // web-b became Ready later, but in the same second: the tie goes to creation order.
    const pods = [pod({ name: 'web-b', createdAt: 5.1, readySince: 40.2 }), pod({ name: 'web-a', createdAt: 5.6, readySince: 40.9 })];
    expect(names(pods, sortUpdateIndexes(undefined, pods, all(pods)))).toEqual(['web-b', 'web-a']);
    // One second later is "more recently Ready" and goes first.
    const later = [pod({ name: 'web-b', createdAt: 5.1, readySince: 40.9 }), pod({ name: 'web-a', createdAt: 5.6, readySince: 41 })];
    expect(names(later, sortUpdateIndexes(undefined, later, all(later)))).toEqual(['web-a', 'web-b']);
  });

  it('breaks full ties by creation order, then by name, whatever the input order', () => {
    const same = (name: string, createdAt = 7) => pod({ name, createdAt, readySince: 30 });
    expect(compareActivePods(same('b', 7.2), same('a', 7.8))).toBeLessThan(0);
    expect(compareActivePods(same('b'), same('a'))).toBeGreaterThan(0);
    const pods = [same('c'), same('a'), same('b')];
    expect(names(pods, sortUpdateIndexes(undefined, pods, [2, 0, 1]))).toEqual(['a', 'b', 'c']);
  });

  it('moves PreparingUpdate pods to the front, keeping their relative order', () => {
    const preparing = { [LABEL_LIFECYCLE_STATE]: 'PreparingUpdate' };
    const pods = [
      pod({ name: 'p-old', readySince: 10, labels: preparing }),
      pod({ name: 'fresh', readySince: 90 }),
      pod({ name: 'p-new', readySince: 80, labels: preparing }),
    ];
    expect(names(pods, sortUpdateIndexes(undefined, pods, all(pods)))).toEqual(['p-new', 'p-old', 'fresh']);
  });
});

describe('priorityStrategy', () => {
  it('puts pods carrying none of the orderedKeys first (level -1 in kruise, not last)', () => {
    const pods = [pod({ name: 'k1', labels: { key1: 'o-1' } }), pod({ name: 'none' }), pod({ name: 'k2', labels: { key2: 'o-9' } })];
    const order = prioritySort({ orderPriority: [{ orderedKey: 'key1' }, { orderedKey: 'key2' }] }, pods, all(pods));
    expect(names(pods, order)).toEqual(['none', 'k1', 'k2']);
  });

  it('reads the trailing number of the value, larger first', () => {
    const pods = ['sts-2', 'sts-10', 'plain', 'sts-99999999999999999999'].map((v) => pod({ name: v, labels: { key1: v } }));
    const order = prioritySort({ orderPriority: [{ orderedKey: 'key1' }] }, pods, all(pods));
    // No digits and an int64 overflow both read as 0 and keep their order.
    expect(names(pods, order)).toEqual(['sts-10', 'sts-2', 'plain', 'sts-99999999999999999999']);
  });

  it('applies after the default order and before PreparingUpdate', () => {
    const pods = [pod({ name: 'canary', readySince: 10, labels: { canary: 'true' } }), pod({ name: 'recent', readySince: 90 })];
    const strategy = { priorityStrategy: { weightPriority: [{ weight: 50, matchSelector: { matchLabels: { canary: 'true' } } }] } };
    expect(names(pods, sortUpdateIndexes(strategy, pods, all(pods)))).toEqual(['canary', 'recent']);
  });
});

describe('scatterStrategy', () => {
  it('docs example: 10 pods, 3 labelled → updated 1st, 6th and 10th', () => {
    const labelled = new Set([2, 3, 8]);
    const pods = Array.from({ length: 10 }, (_, i) =>
      pod({ name: `web-${i}`, readySince: 10, labels: labelled.has(i) ? { zone: 'a' } : {} }),
    );
    const order = sortUpdateIndexes({ scatterStrategy: [{ key: 'zone', value: 'a' }] }, pods, all(pods));
    const positions = order.flatMap((idx, pos) => (labelled.has(idx) ? [pos + 1] : []));
    expect(positions).toEqual([1, 6, 10]);
  });

  // Two cases of kruise's scatter_sort_test.go that the JSON tables leave out.
  const labelsOnly = (labels: Record<string, string>[]) => labels.map((l, i) => pod({ name: String(i), labels: l }));
  const A = { labelA: 'AAA' };

  it('scatterPodsByRule: even matched + odd unmatched, more matched than unmatched', () => {
    const pods = labelsOnly([{}, {}, A, {}, A, A, A, A, A]);
    expect(scatterPodsByRule({ key: 'labelA', value: 'AAA' }, pods, all(pods))).toEqual([2, 4, 0, 5, 6, 1, 7, 3, 8]);
  });

  it('sort: totals count pods that are not candidates ("continuous sort 2")', () => {
    const pods = labelsOnly([A, A, {}, {}, {}, {}, {}, {}, {}, A]);
    expect(scatterSort([{ key: 'labelA', value: 'AAA' }], pods, [0, 1, 2, 3, 4, 5, 6])).toEqual([2, 0, 3, 4, 5, 6, 1]);
  });
});
