import { describe, expect, it } from 'vitest';
import { ANNOTATION_POD_DELETION_COST, LABEL_CONTROLLER_REVISION_HASH, LABEL_LIFECYCLE_STATE } from '../../src/sim/api/constants';
import type { CloneSet, Node, Pod } from '../../src/sim/api/types';
import {
  activePodsWithRanksLess,
  compareActivePodsWithRanks,
  getDeletionCostFromPodAnnotations,
  sortActivePodsWithRanks,
} from '../../src/sim/controller/activePods';
import { choosePodsToDelete, groupUpdateAndNotUpdatePods, newSameNodeRanker } from '../../src/sim/controller/deletionRank';
import { withFeatureGates } from '../../src/sim/controller/featureGates';

interface PodFields {
  name: string;
  node?: string;
  createdAt?: number;
  readySince?: number;
  restarts?: number;
  cost?: string;
  revision?: 'old' | 'new';
  labels?: Record<string, string>;
}

/** A Running, Ready pod. */
function pod({ name, node = 'node-1', createdAt = 0, readySince = 10, restarts = 0, cost, revision = 'new', labels = {} }: PodFields): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: createdAt,
      labels: { [LABEL_CONTROLLER_REVISION_HASH]: revision === 'new' ? 'web-new' : 'web-old', ...labels },
      annotations: cost === undefined ? {} : { [ANNOTATION_POD_DELETION_COST]: cost },
    },
    spec: { containers: [{ name: 'main' }], nodeName: node },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }],
      containerStatuses: [{ name: 'main', image: 'main', imageID: '', ready: true, restartCount: restarts }],
    },
  };
}

function cloneSet(extra: Partial<CloneSet['spec']> = {}): CloneSet {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'web' },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'main' }] } }, ...extra },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe('pod-deletion-cost annotation', () => {
  it.each([
    ['10', 10],
    ['-5', -5],
    ['0', 0],
    ['-0', 0],
    ['-007', -7],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
  ])('reads %j as %d', (value, cost) => {
    expect(getDeletionCostFromPodAnnotations({ [ANNOTATION_POD_DELETION_COST]: value })).toBe(cost);
  });

  it.each(['+10', '008', '00', '1.5', '1e3', 'abc', '', ' 1', '1 ', '-', '2147483648', '-2147483649', '99999999999999999999'])(
    'reads invalid %j as 0',
    (value) => {
      expect(getDeletionCostFromPodAnnotations({ [ANNOTATION_POD_DELETION_COST]: value })).toBe(0);
    },
  );

  it('reads a missing annotation as 0', () => {
    expect(getDeletionCostFromPodAnnotations(undefined)).toBe(0);
    expect(getDeletionCostFromPodAnnotations({})).toBe(0);
  });

  it('orders an invalid cost like 0: "+100" is deleted before "5"', () => {
    const plus = pod({ name: 'plus', cost: '+100' });
    const five = pod({ name: 'five', cost: '5' });
    expect(activePodsWithRanksLess(plus, five)).toBe(true);
    expect(activePodsWithRanksLess(five, plus)).toBe(false);
  });
});

describe('scale-in order', () => {
  it('compares availability (minReadySeconds) before the deletion cost', () => {
    // `settled` is cheap to delete but `fresh` is not available yet, so `fresh` goes first.
    const settled = pod({ name: 'settled', readySince: 10, cost: '-10' });
    const fresh = pod({ name: 'fresh', readySince: 95 });
    const availability = { minReadySeconds: 30, now: 100 };
    expect(names(sortActivePodsWithRanks([settled, fresh], { availability }))).toEqual(['fresh', 'settled']);
    expect(names(sortActivePodsWithRanks([settled, fresh]))).toEqual(['settled', 'fresh']);
  });

  it('counts a pod outside lifecycle Normal as not available', () => {
    const updating = pod({ name: 'updating', readySince: 10, labels: { [LABEL_LIFECYCLE_STATE]: 'Updated' } });
    const normal = pod({ name: 'normal', readySince: 90 });
    const availability = { minReadySeconds: 0, now: 100 };
    expect(names(sortActivePodsWithRanks([normal, updating], { availability }))).toEqual(['updating', 'normal']);
  });

  it('treats Ready times in the same second as equal and falls through to restarts, then creation', () => {
    const a = pod({ name: 'a', readySince: 50.1, restarts: 0, createdAt: 3 });
    const b = pod({ name: 'b', readySince: 50.8, restarts: 2, createdAt: 3 });
    expect(names(sortActivePodsWithRanks([a, b]))).toEqual(['b', 'a']);
    const c = pod({ name: 'c', readySince: 50.8, createdAt: 2 });
    const d = pod({ name: 'd', readySince: 50.1, createdAt: 4 });
    expect(names(sortActivePodsWithRanks([c, d]))).toEqual(['d', 'c']);
  });

  it('is a total order for a stable sort: identical pods go by creation time, then name', () => {
    const x = pod({ name: 'x', createdAt: 8.7 });
    const y = pod({ name: 'y', createdAt: 8.2 });
    expect(activePodsWithRanksLess(x, y) || activePodsWithRanksLess(y, x)).toBe(false);
    expect(compareActivePodsWithRanks(x, y)).toBeGreaterThan(0);
    expect(names(sortActivePodsWithRanks([pod({ name: 'n2' }), pod({ name: 'n1' })]))).toEqual(['n1', 'n2']);
  });
});

describe('same-node ranker', () => {
  it('ranks crowded nodes; the last pod of a node and lone pods get nothing', () => {
    const pods = [pod({ name: 'a1', node: 'n1' }), pod({ name: 'a2', node: 'n1' }), pod({ name: 'a3', node: 'n1' }), pod({ name: 'b1', node: 'n2' })];
    expect(Object.fromEntries(newSameNodeRanker(pods).podRanks)).toEqual({ 'uid-a1': 2, 'uid-a2': 1 });
  });
});

describe('choosePodsToDelete', () => {
  const olds = [pod({ name: 'o1', revision: 'old' }), pod({ name: 'o2', revision: 'old', node: 'node-2' }), pod({ name: 'o3', revision: 'old', node: 'node-3' })];
  const news = [pod({ name: 'n1', node: 'node-2' }), pod({ name: 'n2', node: 'node-3', readySince: 70 }), pod({ name: 'n3', node: 'node-3' })];
  const base = { cloneSet: cloneSet(), notUpdatedPods: olds, updatedPods: news, nodes: [] as Node[], now: 100 };

  it('splits the victims between old and updated pods by scaleDownNumOldRevision', () => {
    expect(names(choosePodsToDelete({ ...base, totalDiff: 2, currentRevDiff: 5 })).every((n) => n.startsWith('o'))).toBe(true);
    const mixed = choosePodsToDelete({ ...base, totalDiff: 2, currentRevDiff: 1 });
    expect(mixed.map((p) => p.metadata.name[0])).toEqual(['o', 'n']);
    expect(names(choosePodsToDelete({ ...base, totalDiff: 2, currentRevDiff: 0 })).every((n) => n.startsWith('n'))).toBe(true);
  });

  it('picks by scale-in order inside a group: crowded node first, then Ready most recently', () => {
    // n2 and n3 share node-3; n2 became Ready later, so it sorts first there and gets the rank.
    expect(names(choosePodsToDelete({ ...base, totalDiff: 1, currentRevDiff: 0 }))).toEqual(['n2']);
  });

  it('takes a whole group in input order, and no more pods than the group has', () => {
    expect(names(choosePodsToDelete({ ...base, totalDiff: 3, currentRevDiff: 3 }))).toEqual(['o1', 'o2', 'o3']);
    expect(names(choosePodsToDelete({ ...base, totalDiff: 5, currentRevDiff: 5 }))).toEqual(['o1', 'o2', 'o3']);
  });

  it('spreads by the template topologySpreadConstraints, reading zones from the nodes', () => {
    const nodes: Node[] = ['z1-a', 'z1-b', 'z2-a'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'topology.kubernetes.io/zone': name.slice(0, 2), 'kubernetes.io/hostname': name } },
      spec: {},
      status: {},
    }));
    const pods = [pod({ name: 'p-z2', node: 'z2-a', readySince: 90 }), pod({ name: 'p-z1a', node: 'z1-a' }), pod({ name: 'p-z1b', node: 'z1-b' })];
    const spread = cloneSet({
      template: { spec: { containers: [{ name: 'main' }], topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone' }] } },
    });
    // Without constraints every pod is alone on its node and p-z2 (Ready most recently) goes.
    expect(names(choosePodsToDelete({ ...base, updatedPods: pods, totalDiff: 1, currentRevDiff: 0, nodes }))).toEqual(['p-z2']);
    // With the zone constraint the crowded zone z1 loses a pod.
    const victims = choosePodsToDelete({ ...base, cloneSet: spread, updatedPods: pods, totalDiff: 1, currentRevDiff: 0, nodes });
    expect(victims[0].spec.nodeName?.startsWith('z1')).toBe(true);
  });
});

describe('groupUpdateAndNotUpdatePods', () => {
  it('counts PreparingUpdate pods as updated only with PreparingUpdateAsUpdate', () => {
    const preparing = pod({ name: 'p', revision: 'old', labels: { [LABEL_LIFECYCLE_STATE]: 'PreparingUpdate' } });
    const off = groupUpdateAndNotUpdatePods([preparing], 'web-new', withFeatureGates({}));
    const on = groupUpdateAndNotUpdatePods([preparing], 'web-new', withFeatureGates({ PreparingUpdateAsUpdate: true }));
    expect([off.updatedPods.length, on.updatedPods.length]).toEqual([0, 1]);
  });
});
