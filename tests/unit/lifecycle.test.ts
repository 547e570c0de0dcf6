import { describe, expect, it } from 'vitest';
import type { CloneSet, Lifecycle, Pod } from '../../src/sim/api/types';
import { toRFC3339 } from '../../src/sim/api/virtualTime';
import { lifecycleStateAfterRefresh, updatePodLifecycle, updatePodLifecycleWithHandler } from '../../src/sim/controller/lifecycle';

function pod(state: string, extra: Partial<Pod['metadata']> = {}, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { 'controller-revision-hash': 'web-2', 'lifecycle.apps.kruise.io/state': state }, ...extra },
    spec: { containers: [], readinessGates: [{ conditionType: 'KruisePodReady' }], ...(nodeName ? { nodeName } : {}) },
    status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }] },
  };
}

function cloneSet(lifecycle?: Lifecycle): CloneSet {
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web' }, spec: { template: { spec: { containers: [] } }, ...(lifecycle ? { lifecycle } : {}) } };
}

const done = () => true;

describe('lifecycle transitions on refresh (SPEC §13)', () => {
  it('PreparingNormal waits for scheduling when there is no preNormal hook', () => {
    expect(lifecycleStateAfterRefresh(cloneSet(), pod('PreparingNormal'), 'web-2', done)).toBeUndefined();
    expect(lifecycleStateAfterRefresh(cloneSet(), pod('PreparingNormal', {}, 'node-1'), 'web-2', done)).toBe('Normal');
  });

  it('with a preNormal hook only the hook counts, not scheduling', () => {
    const cs = cloneSet({ preNormal: { finalizersHandler: ['slb/online'] } });
    expect(lifecycleStateAfterRefresh(cs, pod('PreparingNormal', {}, 'node-1'), 'web-2', done)).toBeUndefined();
    expect(lifecycleStateAfterRefresh(cs, pod('PreparingNormal', { finalizers: ['slb/online'] }), 'web-2', done)).toBe('Normal');
  });

  it('a lifecycle without an inPlaceUpdate hook still passes through Updated (kruise quirk)', () => {
    const cs = cloneSet({ preDelete: { finalizersHandler: ['x'] } });
    expect(lifecycleStateAfterRefresh(cs, pod('Updating'), 'web-2', done)).toBe('Updated');
    expect(lifecycleStateAfterRefresh(cs, pod('Updated'), 'web-2', done)).toBe('Normal');
    expect(lifecycleStateAfterRefresh(cloneSet(), pod('Updating'), 'web-2', done)).toBe('Normal');
  });

  it('Updating waits for the in-place update to complete', () => {
    expect(lifecycleStateAfterRefresh(cloneSet(), pod('Updating'), 'web-2', () => false)).toBeUndefined();
  });

  it('PreparingUpdate already at the update revision (a rollback) skips the update', () => {
    const cs = cloneSet({ inPlaceUpdate: { labelsHandler: { ready: 'true' } } });
    expect(lifecycleStateAfterRefresh(cs, pod('PreparingUpdate'), 'web-2', done)).toBe('Updated');
    expect(lifecycleStateAfterRefresh(cs, pod('PreparingUpdate'), 'web-3', done)).toBeUndefined();
  });
});

describe('lifecycle writes', () => {
  it('writes the state label and the RFC 3339 timestamp', () => {
    const { updated, pod: out } = updatePodLifecycle(pod('Normal'), 'PreparingUpdate', false, 42);
    expect(updated).toBe(true);
    expect(out.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('PreparingUpdate');
    expect(out.metadata.annotations?.['lifecycle.apps.kruise.io/timestamp']).toBe(toRFC3339(42));
  });

  it('markPodNotReady sets KruisePodReady=False and Ready=False on PreparingUpdate, then True on Updated', () => {
    const prepared = updatePodLifecycle(pod('Normal'), 'PreparingUpdate', true, 1).pod;
    expect(prepared.status.conditions).toContainEqual({ type: 'KruisePodReady', status: 'False', message: '[{"userAgent":"Lifecycle","key":"preUpdateHook"}]', lastTransitionTime: 1 });
    expect(prepared.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    const updated = updatePodLifecycle({ ...prepared, metadata: { ...prepared.metadata, labels: { ...prepared.metadata.labels, 'lifecycle.apps.kruise.io/state': 'Updating' } } }, 'Updated', true, 2).pod;
    expect(updated.status.conditions?.find((c) => c.type === 'KruisePodReady')).toMatchObject({ status: 'True', message: '[]' });
  });

  it('going back from Updated to PreparingUpdate re-applies the hook labels and finalizers', () => {
    const hook = { labelsHandler: { online: 'true' }, finalizersHandler: ['slb/online'] };
    const { pod: out } = updatePodLifecycleWithHandler(pod('Updated', { finalizers: ['other'] }), 'PreparingUpdate', hook, 5);
    expect(out.metadata.labels).toMatchObject({ online: 'true', 'lifecycle.apps.kruise.io/state': 'PreparingUpdate' });
    expect(out.metadata.finalizers).toEqual(['other', 'slb/online']);
  });
});
