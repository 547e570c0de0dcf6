import { describe, expect, it } from 'vitest';
import type { CloneSet, PersistentVolumeClaim, Pod } from '../../src/sim/api/types';
import { withFeatureGates } from '../../src/sim/controller/featureGates';
import { getOrGenAvailableIDs, newVersionedPod, planCreatePods, slowStartBatches } from '../../src/sim/controller/podCreation';
import { deletePods } from '../../src/sim/controller/podDeletion';
import { Rng } from '../../src/sim/rng';

const ID = 'apps.kruise.io/cloneset-instance-id';

function cloneSet(): CloneSet {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { note: 'x' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx' }],
          readinessGates: [{ conditionType: 'InPlaceUpdateReady' }],
          volumes: [
            { name: 'cache', emptyDir: {} },
            { name: 'data', emptyDir: {} },
          ],
        },
      },
      volumeClaimTemplates: [
        { metadata: { name: 'data', labels: { tier: 'db' } }, spec: {} },
        { metadata: { name: 'logs' }, spec: {} },
      ],
    },
  };
}

const withId = (id: string, kind: 'Pod' | 'PVC'): Pod | PersistentVolumeClaim =>
  kind === 'Pod'
    ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${id}`, labels: { [ID]: id } }, spec: { containers: [] }, status: {} }
    : { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `data-web-${id}`, labels: { [ID]: id } }, spec: {}, status: {} };

describe('getOrGenAvailableIDs', () => {
  it('reuses every free PVC id before drawing random ones, same seed same ids', () => {
    const pods = [withId('aaaaa', 'Pod')] as Pod[];
    const pvcs = [withId('aaaaa', 'PVC'), withId('zzzzz', 'PVC'), withId('yyyyy', 'PVC')] as PersistentVolumeClaim[];
    const a = getOrGenAvailableIDs(4, pods, pvcs, new Rng(7));
    const b = getOrGenAvailableIDs(4, pods, pvcs, new Rng(7));
    expect(a).toEqual(b);
    expect(a).toEqual([...a].sort());
    expect(a).toContain('yyyyy');
    expect(a).toContain('zzzzz');
    expect(a).not.toContain('aaaaa');
    for (const id of a.filter((x) => !['yyyyy', 'zzzzz'].includes(x))) expect(id).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('takes the smallest free ids when fewer are needed', () => {
    const pvcs = [withId('c', 'PVC'), withId('a', 'PVC'), withId('b', 'PVC')] as PersistentVolumeClaim[];
    expect(getOrGenAvailableIDs(2, [], pvcs, new Rng(1))).toEqual(['a', 'b']);
  });
});

describe('newVersionedPod', () => {
  it('puts claim volumes first, replaces same-named template volumes, keeps one readiness gate', () => {
    const pod = newVersionedPod(cloneSet(), 'web-6b7c8d9f4', 'k2x9q', withFeatureGates({}));
    expect(pod.metadata).toMatchObject({
      name: 'web-k2x9q',
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', 'controller-revision-hash': 'web-6b7c8d9f4', 'pod-template-hash': '6b7c8d9f4', [ID]: 'k2x9q' },
      annotations: { note: 'x' },
      ownerReferences: [{ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web', uid: 'uid-1', controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec.readinessGates).toEqual([{ conditionType: 'InPlaceUpdateReady' }]);
    expect(pod.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-k2x9q', readOnly: false } },
      { name: 'logs', persistentVolumeClaim: { claimName: 'logs-web-k2x9q', readOnly: false } },
      { name: 'cache', emptyDir: {} },
    ]);
  });

  it('writes the short hash to controller-revision-hash with CloneSetShortHash', () => {
    const pod = newVersionedPod(cloneSet(), 'web-6b7c8d9f4', 'k2x9q', withFeatureGates({ CloneSetShortHash: true }));
    expect(pod.metadata.labels?.['controller-revision-hash']).toBe('6b7c8d9f4');
  });
});

describe('planCreatePods', () => {
  it('creates current-revision pods first, in PreparingNormal, with only the missing claims', () => {
    const cs = cloneSet();
    const plan = planCreatePods({
      currentCloneSet: cs,
      updateCloneSet: cs,
      currentRevision: 'web-111',
      updateRevision: 'web-222',
      expectedCreations: 2,
      expectedCurrentCreations: 5, // larger than the creations: every pod is old
      availableIDs: ['b2222', 'c3333', 'd4444'],
      existingPVCNames: ['data-web-b2222'],
      featureGates: withFeatureGates({}),
      now: 95,
    });
    expect(plan.creations.map((c) => c.pod.metadata.labels?.['controller-revision-hash'])).toEqual(['web-111', 'web-111']);
    expect(plan.creations[0].pod.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('PreparingNormal');
    expect(plan.creations[0].pod.metadata.annotations?.['lifecycle.apps.kruise.io/timestamp']).toBe('2026-07-01T00:01:35Z');
    expect(plan.creations[0].pvcsReused).toEqual(['data-web-b2222']);
    expect(plan.creations[0].pvcsToCreate.map((p) => p.metadata.name)).toEqual(['logs-web-b2222']);
    expect(plan.creations[1].pvcsToCreate[0].metadata.labels).toEqual({ tier: 'db', app: 'web', [ID]: 'c3333' });
    expect(plan.expectations).toEqual(['web-b2222', 'web-c3333', 'logs-web-b2222', 'data-web-c3333', 'logs-web-c3333']);
  });

  it('creates in slow-start batches', () => {
    expect(slowStartBatches(0)).toEqual([]);
    expect(slowStartBatches(1)).toEqual([1]);
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
  });
});

describe('deletePods', () => {
  it('deletes the claims of deleted pods and leaves hooked pods to PreparingDelete', () => {
    const [a, b] = [withId('a', 'Pod'), withId('b', 'Pod')] as Pod[];
    const pvcs = [withId('a', 'PVC'), withId('b', 'PVC'), withId('c', 'PVC')] as PersistentVolumeClaim[];
    const plan = deletePods({ podsToDelete: [a, b], pvcs, isPreDeleteHooked: (p) => p === b });
    expect(plan.podsToDelete).toEqual([a]);
    expect(plan.pvcsToDelete).toEqual([pvcs[0]]);
    expect(plan.toPreparingDelete).toEqual([b]);
    expect(plan.modified).toBe(true);
  });

  it('is not a change for a hooked pod already in PreparingDelete', () => {
    const pod = withId('a', 'Pod') as Pod;
    pod.metadata.labels = { ...pod.metadata.labels, 'lifecycle.apps.kruise.io/state': 'PreparingDelete' };
    expect(deletePods({ podsToDelete: [pod], pvcs: [], isPreDeleteHooked: () => true }).modified).toBe(false);
  });
});
