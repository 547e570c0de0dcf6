// SCENARIOS.md 7: `sample-data` (scenario 1 plus a data-vol volumeClaimTemplate), then
// `kubectl delete pod sample-data-<id1>`; then the disablePVCReuse variant on another pod.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '07-user-deletes-pod-with-pvc.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample-data')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample-data');
const pvcNames = (state: ClusterState) => state.pvcs.map((p) => p.name).sort();
const idOf = (pod: string) => pod.slice('sample-data-'.length);

const created = snapshot('created');
const replaced = snapshot('replaced');
const id1Pod = created.pods[0];
const id1 = id1Pod.name;

describe('7. user deletes a pod that has PVCs', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('at creation: 5 PVCs data-vol-sample-data-<id>, one per pod, Bound, with the pod’s instance id', () => {
    expect(pvcNames(created)).toEqual(created.pods.map((p) => `data-vol-${p.name}`).sort());
    for (const pvc of created.pvcs) {
      expect(pvc.phase).toBe('Bound');
      expect(created.pods.map((p) => idOf(p.name))).toContain(pvc.instanceId);
      expect(pvc.name).toBe(`data-vol-sample-data-${pvc.instanceId}`);
    }
  });

  it('after the delete the PVC is kept; the replacement reuses the id, so it has the same name', () => {
    expect(pvcNames(replaced)).toEqual(pvcNames(created));
    expect(replaced.pvcs.every((p) => p.phase === 'Bound' && !p.deleting)).toBe(true);
    expect(replaced.pods.map((p) => p.name).sort()).toEqual(created.pods.map((p) => p.name).sort());
    const again = replaced.pods.find((p) => p.name === id1)!;
    expect(again.deleting).toBe(false);
    expect(again.ready).toBe(true);
    expect(again.labels['apps.kruise.io/cloneset-instance-id']).toBe(idOf(id1));
  });

  it('while the old object is terminating, creation fails: Warning FailedCreate "already exists"', () => {
    const terminating = snapshot('old-pod-terminating');
    expect(terminating.pods.find((p) => p.name === id1 && p.deleting)?.uid).toBe(id1Pod.uid);
    const failed = controllerEvents(replaced, 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) {
      expect(e.type).toBe('Warning');
      expect(e.message.startsWith(`failed to create pod: pods "${id1}" already exists, pod: {`)).toBe(true);
    }
  });

  it('condition FailedScale=True with message `pods "<name>" already exists`, never cleared (v1.9.0)', () => {
    for (const state of [snapshot('old-pod-terminating'), replaced]) {
      const cond = (cs(state).status.conditions ?? []).find((c) => c.type === 'FailedScale');
      expect(cond).toMatchObject({ status: 'True', message: `pods "${id1}" already exists` });
    }
  });

  it('after the old pod is gone: SuccessfulCreate for the same name, new UID, new IP', () => {
    const creates = controllerEvents(replaced, 'SuccessfulCreate').filter((e) => e.message === `succeed to create pod ${id1}`);
    // the first creation and the second, folded into one event by the event library
    expect(creates.reduce((n, e) => n + e.count, 0)).toBe(2);
    const again = replaced.pods.find((p) => p.name === id1)!;
    expect(again.uid).not.toBe(id1Pod.uid);
    expect(again.ip).not.toBeNull();
    expect(again.ip).not.toBe(id1Pod.ip);
    expect(controllerEvents(replaced, 'SuccessfulDelete')).toEqual([]);
  });

  it('variant disablePVCReuse: the old PVC goes with the old pod; new id, new name, new PVC', () => {
    const before = snapshot('replaced');
    const victim = before.pods[1].name;
    expect(cs(final).spec.scaleStrategy?.disablePVCReuse).toBe(true);
    expect(final.pods.map((p) => p.name)).not.toContain(victim);
    expect(final.pvcs.map((p) => p.name)).not.toContain(`data-vol-${victim}`);
    const fresh = final.pods.filter((p) => !before.pods.some((q) => q.name === p.name));
    expect(fresh).toHaveLength(1);
    expect(final.pvcs.map((p) => p.name)).toContain(`data-vol-${fresh[0].name}`);
    expect(final.pvcs).toHaveLength(5);
    expect(cs(final).status).toMatchObject({ replicas: 5, readyReplicas: 5 });
  });
});
