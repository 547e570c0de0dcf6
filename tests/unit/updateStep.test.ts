import { describe, expect, it } from 'vitest';
import type { ControllerRevision, Pod } from '../../src/sim/api/types';
import { updateStep, type UpdateStepResult } from '../../src/sim/controller/updateStep';
import { CURRENT, REVISIONS, UPDATE, cloneSet, gates, names, pod, revision, revisionOf, type CloneSetOptions } from './syncFixtures';

const NOW = 100;

function update(o: CloneSetOptions, list: readonly Pod[], revisions: readonly ControllerRevision[] = REVISIONS, updateRevision = UPDATE): UpdateStepResult {
  return updateStep({ cloneSet: cloneSet(o), currentRevision: CURRENT, updateRevision, revisions, pods: list, now: NOW, featureGates: gates });
}

const changedPods = (r: UpdateStepResult) => r.changed.map((i) => r.pods[i]);
const state = (p: Pod) => p.metadata.labels?.['lifecycle.apps.kruise.io/state'];

/** Five old pods that became ready at t = 10, 50, 30, 20, 40. */
const fiveOld = () => [10, 50, 30, 20, 40].map((t, i) => pod({ name: `demo-${i}`, readySince: t }));

/** The in-place update of `p` has finished and the pod has been ready again since `t`. */
function finished(p: Pod, t: number): Pod {
  return pod({ name: p.metadata.name, revision: 'new', readySince: t });
}

describe('in-place rollout with partition 3 (SPEC §10.4, §10.5)', () => {
  const o: CloneSetOptions = { replicas: 5, partition: 3, type: 'InPlaceIfPossible' };

  it('budget 1: one pod per round, the most recently ready first, until 2 are updated', () => {
    let list = fiveOld();
    const first = update(o, list);
    expect(first.stage).toBe('update');
    expect(names(changedPods(first))).toEqual(['demo-1']);
    const started = changedPods(first)[0];
    expect(revisionOf(started)).toBe(UPDATE.metadata.name);
    expect(state(started)).toBe('Updating');
    expect(started.spec.containers[0].image).toBe('app:2');
    expect(started.metadata.name).toBe('demo-1');
    expect(first.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulUpdatePodInPlace', message: `successfully update pod demo-1 in-place(revision ${UPDATE.metadata.name})` },
    ]);
    expect(first.why.map((w) => [w.rule, w.pods])).toEqual([
      ['updateOrder', ['demo-1', 'demo-4', 'demo-2', 'demo-3', 'demo-0']],
      ['beyondUpdateNum', ['demo-2', 'demo-3', 'demo-0']],
      ['overUnavailableBudget', ['demo-4']],
      ['updateInPlace', ['demo-1']],
    ]);
    expect(first.why[2].numbers).toEqual({ updateMaxUnavailable: 1, unavailable: 0, targetUnavailable: 0, chosen: 1 });

    // While demo-1 is unavailable the budget is used up: nobody else starts.
    list = first.pods;
    const waiting = update(o, list);
    expect(waiting.events).toEqual([]);
    expect(waiting.why.find((w) => w.rule === 'overUnavailableBudget')?.pods).toEqual(['demo-4']);

    // demo-1 is done and ready again (most recently of all): the next old pod by readiness is demo-4.
    list = list.map((p) => (p.metadata.name === 'demo-1' ? finished(p, 90) : p));
    const second = update(o, list);
    expect(names(changedPods(second))).toEqual(['demo-4']);

    // Two updated, three old = partition: nothing more to do.
    list = second.pods.map((p) => (p.metadata.name === 'demo-4' ? finished(p, 95) : p));
    const done = update(o, list);
    expect(done.stage).toBe('noUpdateNeeded');
    expect(done.changed).toEqual([]);
    expect(done.why).toEqual([expect.objectContaining({ rule: 'noUpdateNeeded', numbers: expect.objectContaining({ partition: 3, oldPods: 3, updatedPods: 2, updateNum: 0 }) })]);
  });

  it('paused: nothing starts, the numbers are still explained', () => {
    const r = update({ ...o, paused: true }, fiveOld());
    expect(r.stage).toBe('paused');
    expect(r.changed).toEqual([]);
    expect(r.why).toEqual([expect.objectContaining({ rule: 'paused', numbers: expect.objectContaining({ updateNum: 2 }) })]);
  });
});

describe('refresh (SPEC §10.2)', () => {
  it('a lifecycle transition ends the step before any update, paused or not', () => {
    const list = [pod({ name: 'demo-new', revision: 'new', lifecycle: 'PreparingNormal' }), ...fiveOld().slice(0, 4)];
    for (const paused of [false, true]) {
      const r = update({ replicas: 5, type: 'InPlaceIfPossible', paused }, list);
      expect(r.stage).toBe('refreshed');
      expect(names(changedPods(r))).toEqual(['demo-new']);
      expect(state(changedPods(r)[0])).toBe('Normal');
      expect(r.events).toEqual([]);
    }
  });

  it('an unscheduled PreparingNormal pod stays; setting InPlaceUpdateReady alone does not end the step', () => {
    const fresh = pod({ name: 'demo-fresh', revision: 'new', lifecycle: 'PreparingNormal', readySince: false });
    fresh.spec.nodeName = undefined;
    fresh.status = { phase: 'Pending' };
    const r = update({ replicas: 5, type: 'InPlaceIfPossible' }, [fresh, ...fiveOld().slice(0, 4)]);
    const after = r.pods[0];
    expect(state(after)).toBe('PreparingNormal');
    expect(after.status.conditions?.find((c) => c.type === 'InPlaceUpdateReady')?.status).toBe('True');
    expect(r.stage).toBe('update');
    expect(r.why[0]).toEqual(expect.objectContaining({ rule: 'refreshInPlace', pods: ['demo-fresh'] }));
  });

  it('OnDelete: not even the refresh runs (v1.9.0)', () => {
    const list = [pod({ name: 'demo-new', revision: 'new', lifecycle: 'PreparingNormal' }), ...fiveOld().slice(0, 4)];
    const r = update({ replicas: 5, type: 'OnDelete' }, list);
    expect(r).toEqual(expect.objectContaining({ stage: 'onDelete', changed: [], events: [] }));
  });
});

describe('how one pod is updated (SPEC §10.6)', () => {
  it('ReCreate labels the pod specified-delete (deletion is the scale step’s job)', () => {
    const r = update({ replicas: 5, type: 'ReCreate' }, fiveOld());
    const marked = changedPods(r);
    expect(names(marked)).toEqual(['demo-1']);
    expect(marked[0].metadata.labels?.['apps.kruise.io/specified-delete']).toBe('true');
    expect(revisionOf(marked[0])).toBe(CURRENT.metadata.name);
    expect(r.events[0]).toEqual({
      type: 'Normal',
      reason: 'SuccessfulUpdatePodReCreate',
      message: `successfully patch pod demo-1 specified-delete for update(revision ${UPDATE.metadata.name})`,
    });
    expect(r.why.at(-1)).toEqual(expect.objectContaining({ rule: 'recreate', pods: ['demo-1'] }));
  });

  it('InPlaceOnly with a change that cannot be done in place fails with kruise’s message', () => {
    const envChange = revision('demo-e7f8a9', 'app:2', 3, { env: [{ name: 'A', value: '1' }] });
    const r = update({ replicas: 5, type: 'InPlaceOnly' }, fiveOld(), [...REVISIONS, envChange], envChange);
    expect(r.stage).toBe('error');
    expect(r.error).toBe('find Pod demo-1 update strategy is InPlaceOnly but can not update in-place');
    expect(r.why.at(-1)).toEqual(expect.objectContaining({ rule: 'updateFailed', pods: ['demo-1'] }));
  });

  it('InPlaceIfPossible falls back to recreate for the same change', () => {
    const envChange = revision('demo-e7f8a9', 'app:2', 3, { env: [{ name: 'A', value: '1' }] });
    const r = update({ replicas: 5, type: 'InPlaceIfPossible' }, fiveOld(), [...REVISIONS, envChange], envChange);
    expect(r.events.map((e) => e.reason)).toEqual(['SuccessfulUpdatePodReCreate']);
  });

  it('PreparingDelete pods are never candidates', () => {
    const list = fiveOld();
    list[1] = pod({ name: 'demo-1', readySince: 50, lifecycle: 'PreparingDelete' });
    const r = update({ replicas: 5, type: 'ReCreate' }, list);
    expect(r.why[0]).toEqual(expect.objectContaining({ rule: 'skipPreparingDelete', pods: ['demo-1'] }));
    expect(names(changedPods(r))).not.toContain('demo-1');
  });
});
