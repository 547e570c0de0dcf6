import { describe, expect, it } from 'vitest';
import type { CloneSet, Pod } from '../../src/sim/api/types';
import { calculateProgressingStatus } from '../../src/sim/controller/progressing';
import { calculateStatus } from '../../src/sim/controller/status';

const OLD = 'sample-old';
const NEW = 'sample-new';

function cloneSet(edit: (cs: CloneSet) => void = () => {}): CloneSet {
  const cs: CloneSet = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default', generation: 2 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'sample', tier: 'web' } },
      template: { metadata: { labels: { app: 'sample', tier: 'web' } }, spec: { containers: [{ name: 'main', image: 'main:v2' }] } },
      updateStrategy: { partition: 0 },
    },
  };
  edit(cs);
  return cs;
}

function pod(name: string, o: { revision?: string; ready?: boolean; readySince?: number; lifecycle?: string; inPlaceReady?: boolean } = {}): Pod {
  const conditions: Pod['status']['conditions'] = [];
  if (o.ready) conditions.push({ type: 'Ready', status: 'True', lastTransitionTime: o.readySince ?? 0 });
  if (o.inPlaceReady !== undefined) conditions.push({ type: 'InPlaceUpdateReady', status: o.inPlaceReady ? 'True' : 'False' });
  const labels: Record<string, string> = { 'controller-revision-hash': o.revision ?? NEW };
  if (o.lifecycle) labels['lifecycle.apps.kruise.io/state'] = o.lifecycle;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [] }, status: { phase: 'Running', conditions } };
}

const revisions = { currentRevision: OLD, updateRevision: NEW, collisionCount: 0 };

describe('calculateStatus', () => {
  it('counts ready without lifecycle, available with lifecycle Normal and minReadySeconds', () => {
    const cs = cloneSet((c) => (c.spec.minReadySeconds = 10));
    const pods = [
      pod('a', { ready: true, readySince: 0, lifecycle: 'Normal' }),
      pod('b', { ready: true, readySince: 0, lifecycle: 'PreparingNormal' }),
      pod('c', { ready: true, readySince: 95, revision: OLD }),
      pod('d', { ready: true, readySince: 0, inPlaceReady: false }),
    ];
    const { status } = calculateStatus(cs, pods, revisions, 100);
    expect(status).toMatchObject({
      observedGeneration: 2,
      replicas: 4,
      readyReplicas: 3,
      availableReplicas: 1,
      updatedReplicas: 3,
      updatedReadyReplicas: 2,
      updatedAvailableReplicas: 1,
      expectedUpdatedReplicas: 3,
      labelSelector: 'app=sample,tier=web',
      currentRevision: OLD,
      updateRevision: NEW,
    });
  });

  it('moves currentRevision once every pod is updated and their number is spec.replicas, ready or not', () => {
    const pods = [pod('a'), pod('b'), pod('c')];
    expect(calculateStatus(cloneSet(), pods, revisions, 0).status.currentRevision).toBe(NEW);
    expect(calculateStatus(cloneSet(), pods.slice(0, 2), revisions, 0).status.currentRevision).toBe(OLD);
  });

  it('expectedUpdatedReplicas is replicas minus the partition', () => {
    const cs = cloneSet((c) => (c.spec.updateStrategy = { partition: '50%' }));
    expect(calculateStatus(cs, [], revisions, 0).status.expectedUpdatedReplicas).toBe(1);
  });

  it('sets FailedScale once and carries it over, message unchanged', () => {
    const first = calculateStatus(cloneSet(), [], revisions, 5, { scale: 'quota exceeded' }).status;
    const cs = cloneSet((c) => (c.status = first));
    const second = calculateStatus(cs, [], revisions, 9, { scale: 'another error' }).status;
    expect(second.conditions).toEqual([{ type: 'FailedScale', status: 'True', message: 'quota exceeded', lastTransitionTime: 5 }]);
    expect(calculateStatus(cloneSet((c) => (c.status = second)), [], revisions, 12).status.conditions).toEqual(second.conditions);
  });

  it('reports a change only when a counted field, revision, selector or Progressing moves', () => {
    const pods = [pod('a', { ready: true })];
    const first = calculateStatus(cloneSet(), pods, revisions, 0);
    expect(first.changed).toBe(true);
    const stored = cloneSet((c) => (c.status = first.status));
    expect(calculateStatus(stored, pods, revisions, 1).changed).toBe(false);
  });
});

describe('Progressing condition', () => {
  const progressing = (edit: (cs: CloneSet) => void) => cloneSet((c) => ((c.spec.progressDeadlineSeconds = 60), edit(c)));

  it('counts the deadline from entering CloneSetUpdated and asks to be woken just after it', () => {
    const cs = progressing(() => {});
    const counted = { replicas: 3, updatedReplicas: 1, updatedAvailableReplicas: 1, expectedUpdatedReplicas: 3, currentRevision: OLD, updateRevision: NEW };
    const first = calculateProgressingStatus(cs, counted, 100);
    expect(first.status.conditions?.[0]).toMatchObject({ status: 'True', reason: 'CloneSetUpdated', lastUpdateTime: 100 });
    expect(first.requeueAfter).toBe(61);
    const later = calculateProgressingStatus(cs, { ...counted, conditions: first.status.conditions }, 150);
    expect(later.status.conditions?.[0].lastUpdateTime).toBe(100);
    expect(later.requeueAfter).toBe(11);
    const expired = calculateProgressingStatus(cs, { ...counted, conditions: first.status.conditions }, 161);
    expect(expired.status.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `CloneSet revision ${NEW} has timed out progressing`,
    });
  });

  it('is removed without a deadline', () => {
    const cs = cloneSet();
    const withCondition = { conditions: [{ type: 'Progressing', status: 'True' as const, reason: 'CloneSetUpdated' }] };
    expect(calculateProgressingStatus(cs, withCondition, 0).status.conditions).toEqual([]);
  });
});
