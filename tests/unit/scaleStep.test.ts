import { describe, expect, it } from 'vitest';
import type { CloneSet, PersistentVolumeClaim, Pod } from '../../src/sim/api/types';
import { applyRevision } from '../../src/sim/controller/revisions';
import { scaleStep, type ScaleStepPlan } from '../../src/sim/controller/scaleStep';
import { syncCloneSet } from '../../src/sim/controller/syncCloneSet';
import { Rng } from '../../src/sim/rng';
import { CURRENT, REVISIONS, UPDATE, cloneSet, gates, names, pod, pods, pvc, revisionOf, type CloneSetOptions } from './syncFixtures';

const NOW = 100;

function scale(cs: CloneSet, list: readonly Pod[], pvcs: readonly PersistentVolumeClaim[] = []): ScaleStepPlan {
  return scaleStep({
    cloneSet: cs,
    currentCloneSet: applyRevision(cs, CURRENT),
    currentRevision: CURRENT.metadata.name,
    updateRevision: UPDATE.metadata.name,
    pods: list,
    pvcs,
    now: NOW,
    featureGates: gates,
    rng: new Rng(7),
  });
}

function sync(o: CloneSetOptions, list: readonly Pod[]) {
  return syncCloneSet({
    cloneSet: cloneSet(o),
    currentRevision: CURRENT,
    updateRevision: UPDATE,
    revisions: REVISIONS,
    pods: list,
    pvcs: [],
    now: NOW,
    featureGates: gates,
    rng: new Rng(7),
  });
}

const created = (plan: ScaleStepPlan) => plan.creations.map((c) => c.pod);

describe('scale-up: which revision new pods get (SPEC §9.3, §20.2)', () => {
  it('paused, replicas 5→10, partition 0: five pods at the update revision and no update in that pass', () => {
    const plan = sync({ replicas: 10, paused: true, type: 'InPlaceIfPossible' }, pods(5));
    expect(plan.scale?.modified).toBe(true);
    expect(plan.scale?.stage).toBe('scaleUp');
    expect(created(plan.scale!).map(revisionOf)).toEqual(Array(5).fill(UPDATE.metadata.name));
    expect(created(plan.scale!).every((p) => p.spec.containers[0].image === 'app:2')).toBe(true);
    expect(plan.update).toBeUndefined();
    expect(plan.scale?.events.map((e) => e.reason)).toEqual(Array(5).fill('SuccessfulCreate'));
    expect(plan.scale?.events[0].message).toBe(`succeed to create pod ${created(plan.scale!)[0].metadata.name}`);
    expect(plan.scale?.creationBatches).toEqual([1, 2, 2]);
    expect(plan.scale?.why).toEqual([
      expect.objectContaining({ rule: 'createAtUpdateRevision', pods: names(created(plan.scale!)), numbers: expect.objectContaining({ scaleUpNum: 5, scaleUpNumOldRevision: 0 }) }),
    ]);
  });

  it('paused with all ten pods present: the update step runs but starts nothing', () => {
    const plan = sync({ replicas: 10, paused: true, type: 'InPlaceIfPossible' }, [...pods(5), ...pods(5, { revision: 'new' })]);
    expect(plan.scale?.modified).toBe(false);
    expect(plan.update?.changed).toEqual([]);
    expect(plan.update?.events).toEqual([]);
  });

  it('partition 8 of 10 with 3 old + 2 new pods: all five new pods are old ones, from the current revision template', () => {
    const plan = scale(cloneSet({ replicas: 10, partition: 8 }), [...pods(3), ...pods(2, { revision: 'new' })]);
    expect(created(plan).map(revisionOf)).toEqual(Array(5).fill(CURRENT.metadata.name));
    expect(created(plan)[0].spec.containers[0].image).toBe('app:1');
    expect(plan.why.map((w) => w.rule)).toEqual(['createAtCurrentRevision']);
  });

  it('partition "60%" of 10 with 3 old + 2 new: 3 old then 2 new (current-revision pods first)', () => {
    const plan = scale(cloneSet({ replicas: 10, partition: '60%' }), [...pods(3), ...pods(2, { revision: 'new' })]);
    expect(created(plan).map(revisionOf)).toEqual([...Array(3).fill(CURRENT.metadata.name), ...Array(2).fill(UPDATE.metadata.name)]);
  });

  it('scaleStrategy.maxUnavailable limits creations and warns ScaleUpLimited first', () => {
    const plan = scale(cloneSet({ replicas: 6, scaleMaxUnavailable: 2 }), [...pods(2, { revision: 'new' }), pod({ name: 'demo-u', revision: 'new', readySince: false })]);
    expect(plan.events[0]).toEqual({ type: 'Warning', reason: 'ScaleUpLimited', message: 'scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 1' });
    expect(plan.creations).toHaveLength(1);
    expect(plan.why[0]).toEqual(expect.objectContaining({ rule: 'scaleUpLimited', numbers: expect.objectContaining({ scaleUpNum: 3, scaleUpLimit: 1, unavailable: 1 }) }));
  });

  it('a scale-up allowed no creation changes nothing, skips the deletions, and lets the update step run', () => {
    const list = [pod({ name: 'demo-u', revision: 'new', readySince: false }), pod({ name: 'demo-s', revision: 'new', specifiedDelete: true })];
    const plan = scale(cloneSet({ replicas: 3, scaleMaxUnavailable: 1 }), list);
    expect(plan).toEqual(expect.objectContaining({ modified: false, stage: 'scaleUp', creations: [], podsToDelete: [] }));
    const synced = sync({ replicas: 3, scaleMaxUnavailable: 1 }, list);
    expect(synced.update).toBeDefined();
  });

  it('reuses the instance id (and so the name) of a PVC left behind by a pod deleted by someone else', () => {
    const cs = cloneSet({ replicas: 2, volumeClaimTemplates: ['data'] });
    const plan = scale(cs, [pod({ name: 'demo-keep', revision: 'new' })], [pvc('data-demo-keep', 'keep'), pvc('data-demo-gone1', 'gone1')]);
    expect(names(created(plan))).toEqual(['demo-gone1']);
    expect(plan.creations[0].pvcsToCreate).toEqual([]);
    expect(plan.creations[0].pvcsReused).toEqual(['data-demo-gone1']);
  });
});

describe('scale-in (SPEC §9.1 steps 4–6, §9.2, §20.3)', () => {
  const oldAndNew = () => [...pods(3), ...pods(7, { revision: 'new' })];

  it('3 old + 7 new, replicas 10→5, partition 3: only updated pods go', () => {
    const plan = scale(cloneSet({ replicas: 5, partition: 3 }), oldAndNew());
    expect(plan.stage).toBe('scaleDown');
    expect(plan.podsToDelete).toHaveLength(5);
    expect(plan.podsToDelete.every((p) => revisionOf(p) === UPDATE.metadata.name)).toBe(true);
    expect(plan.why).toEqual([expect.objectContaining({ rule: 'scaleDown', numbers: expect.objectContaining({ scaleDownNum: 5, scaleDownNumOldRevision: 0, fromOldRevision: 0 }) })]);
  });

  it('same with partition 1: two old pods (down to the partition) and three updated ones', () => {
    const plan = scale(cloneSet({ replicas: 5, partition: 1 }), oldAndNew());
    expect(plan.podsToDelete.map(revisionOf)).toEqual([...Array(2).fill(CURRENT.metadata.name), ...Array(3).fill(UPDATE.metadata.name)]);
    expect(plan.events.map((e) => e.message)).toEqual(names(plan.podsToDelete).map((n) => `succeed to delete pod ${n}`));
  });

  it('deletes the PVCs sharing the victim’s instance id', () => {
    const list = [pod({ name: 'demo-a', revision: 'new', readySince: false }), pod({ name: 'demo-b', revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 1 }), list, [pvc('data-demo-a', 'a'), pvc('data-demo-b', 'b')]);
    expect(names(plan.podsToDelete)).toEqual(['demo-a']);
    expect(plan.pvcsToDelete.map((p) => p.metadata.name)).toEqual(['data-demo-a']);
  });

  it('ready victims only within deleteReadyLimit (minReadySeconds makes them ready-but-unavailable)', () => {
    const plan = scale(cloneSet({ replicas: 3, minReadySeconds: 9999, maxUnavailable: '20%' }), pods(5, { revision: 'new', readySince: 90 }));
    expect(plan.modified).toBe(false);
    expect(plan.why).toEqual([expect.objectContaining({ rule: 'scaleDownOverBudget', numbers: expect.objectContaining({ deleteReadyLimit: 0 }) })]);
  });
});

describe('specified deletes and PreparingDelete (SPEC §9.1, §12, §13)', () => {
  it('deletes specified pods first, ready ones within deleteReadyLimit; the ordinary scale-in waits', () => {
    const list = [pod({ name: 'demo-s1', revision: 'new', specifiedDelete: true }), pod({ name: 'demo-s2', revision: 'new', specifiedDelete: true }), ...pods(3, { revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 5, maxUnavailable: 1 }), list);
    expect(plan.stage).toBe('specifiedDelete');
    expect(names(plan.podsToDelete)).toEqual(['demo-s1']);
    expect(plan.why.map((w) => [w.rule, w.pods])).toEqual([
      ['specifiedDeleteOverBudget', ['demo-s2']],
      ['deleteSpecified', ['demo-s1']],
    ]);
  });

  it('podsToDelete names count as specified; an unready one goes even with no budget left', () => {
    const list = [pod({ name: 'demo-x', revision: 'new', readySince: false }), pod({ name: 'demo-y', revision: 'new', readySince: false }), ...pods(3, { revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 5, maxUnavailable: 1, podsToDelete: ['demo-x'] }), list);
    expect(names(plan.podsToDelete)).toEqual(['demo-x']);
  });

  it('scale-in waits while a pod is held in PreparingDelete by its hook', () => {
    const lifecycle = { preDelete: { labelsHandler: { hold: 'true' } } };
    const list = [pod({ name: 'demo-p', revision: 'new', lifecycle: 'PreparingDelete', labels: { hold: 'true' } }), ...pods(4, { revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 3, lifecycle }), list);
    expect(plan.modified).toBe(false);
    expect(plan.stage).toBe('waitForPlannedDeletes');
    expect(plan.why.map((w) => w.rule)).toEqual(['waitForPreDeleteHook', 'scaleDownWaitsForPlannedDeletes']);
  });

  it('deletes a PreparingDelete pod once its hook label is removed', () => {
    const lifecycle = { preDelete: { labelsHandler: { hold: 'true' } } };
    const list = [pod({ name: 'demo-p', revision: 'new', lifecycle: 'PreparingDelete' }), ...pods(3, { revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 3, lifecycle }), list);
    expect(plan.stage).toBe('preDelete');
    expect(names(plan.podsToDelete)).toEqual(['demo-p']);
  });

  it('a hooked victim moves to PreparingDelete instead of being deleted', () => {
    const lifecycle = { preDelete: { labelsHandler: { hold: 'true' } } };
    const plan = scale(cloneSet({ replicas: 4, lifecycle }), pods(5, { revision: 'new', labels: { hold: 'true' } }));
    expect(plan.modified).toBe(true);
    expect(plan.podsToDelete).toEqual([]);
    expect(plan.lifecycleChanges).toHaveLength(1);
    expect(plan.lifecycleChanges[0]).toEqual(expect.objectContaining({ from: 'Normal', to: 'PreparingDelete' }));
    expect(plan.lifecycleChanges[0].pod.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('PreparingDelete');
    expect(plan.events).toEqual([]);
  });

  it('replicas raised again: a PreparingDelete pod goes back to PreparingNormal, not a specified one', () => {
    const lifecycle = { preDelete: { labelsHandler: { hold: 'true' } } };
    const list = [
      pod({ name: 'demo-s', revision: 'new', lifecycle: 'PreparingDelete', specifiedDelete: true, labels: { hold: 'true' } }),
      pod({ name: 'demo-p', revision: 'new', lifecycle: 'PreparingDelete', labels: { hold: 'true' } }),
      ...pods(3, { revision: 'new' }),
    ];
    const plan = scale(cloneSet({ replicas: 5, lifecycle }), list);
    expect(plan.stage).toBe('cancelPreparingDelete');
    expect(plan.lifecycleChanges.map((c) => [c.pod.metadata.name, c.to])).toEqual([['demo-p', 'PreparingNormal']]);
    expect(plan.why[0]).toEqual(expect.objectContaining({ rule: 'cancelPreparingDelete', numbers: { replicas: 5, pods: 5, plannedDeletes: 2, short: 2 } }));
  });

  it('no regret when a hook marks pods not ready', () => {
    const lifecycle = { preDelete: { labelsHandler: { hold: 'true' }, markPodNotReady: true } };
    const list = [pod({ name: 'demo-p', revision: 'new', lifecycle: 'PreparingDelete', labels: { hold: 'true' } }), ...pods(4, { revision: 'new' })];
    const plan = scale(cloneSet({ replicas: 5, lifecycle }), list);
    expect(plan.lifecycleChanges.filter((c) => c.to === 'PreparingNormal')).toEqual([]);
    expect(plan.modified).toBe(false);
  });
});

describe('ReCreate is two-phase (SPEC §12)', () => {
  it('update marks the pod specified-delete; a later scale step deletes it; the next creates its replacement', () => {
    const o: CloneSetOptions = { replicas: 3, type: 'ReCreate', maxUnavailable: 1 };
    let list = pods(3);

    const first = sync(o, list);
    expect(first.scale?.modified).toBe(false);
    const marked = first.update!.changed.map((i) => first.update!.pods[i]);
    expect(names(marked)).toHaveLength(1);
    expect(marked[0].metadata.labels?.['apps.kruise.io/specified-delete']).toBe('true');
    expect(first.update?.events[0].reason).toBe('SuccessfulUpdatePodReCreate');
    list = first.update!.pods;

    const second = sync(o, list);
    expect(second.scale?.stage).toBe('specifiedDelete');
    expect(names(second.scale!.podsToDelete)).toEqual(names(marked));
    expect(second.update).toBeUndefined();
    list = list.filter((p) => p.metadata.name !== marked[0].metadata.name);

    const third = sync(o, list);
    expect(third.scale?.stage).toBe('scaleUp');
    expect(created(third.scale!).map(revisionOf)).toEqual([UPDATE.metadata.name]);
    expect(names(created(third.scale!))).not.toContain(marked[0].metadata.name);
  });
});

describe('errors (SPEC §15.2)', () => {
  it('replicas unset: FailedScale, and the update step still runs', () => {
    const cs = cloneSet({ type: 'ReCreate' });
    delete cs.spec.replicas;
    const plan = syncCloneSet({ cloneSet: cs, currentRevision: CURRENT, updateRevision: UPDATE, revisions: REVISIONS, pods: pods(1), pvcs: [], now: NOW, featureGates: gates, rng: new Rng(1) });
    expect(plan.scale?.error).toBe('spec.Replicas is nil');
    expect(plan.conditions).toEqual([{ type: 'FailedScale', status: 'True', message: 'spec.Replicas is nil', lastTransitionTime: NOW }]);
    expect(plan.update).toBeDefined();
    expect(plan.error).toBe('spec.Replicas is nil');
  });

  it('a CloneSet being deleted is not synced', () => {
    const cs = cloneSet();
    cs.metadata.deletionTimestamp = 5;
    const plan = syncCloneSet({ cloneSet: cs, currentRevision: CURRENT, updateRevision: UPDATE, revisions: REVISIONS, pods: [], pvcs: [], now: NOW, featureGates: gates, rng: new Rng(1) });
    expect(plan).toEqual({ skipped: true, conditions: [] });
  });
});
