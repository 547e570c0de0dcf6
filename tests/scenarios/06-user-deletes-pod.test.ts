// SCENARIOS.md 6: scenario 1, then `kubectl delete pod sample-<id1>` (no volumeClaimTemplates).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '06-user-deletes-pod.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;

const created = snapshot('created');
const id1 = created.pods[0].name;
const replacement = final.pods.find((p) => !created.pods.some((q) => q.name === p.name))!;

describe('6. user deletes a pod (no PVC templates)', () => {
  it('kubectl delete pod succeeds', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
    expect(run.steps.find((s) => s.kind === 'kubectl')!.output).toBe(`pod "${id1}" deleted`);
  });

  it('the pod is Terminating with the kubelet event Killing: Stopping container nginx', () => {
    expect(snapshot('terminating').pods.find((p) => p.name === id1)!.deleting).toBe(true);
    const killing = final.events.filter((e) => e.object === `Pod/${id1}` && e.reason === 'Killing');
    expect(killing.map((e) => [e.source, e.message])).toEqual([['kubelet', 'Stopping container nginx']]);
  });

  it('next reconcile: 1 pod created at once with a new random id, at the update revision', () => {
    const next = snapshot('replacement-created');
    const fresh = next.pods.filter((p) => !created.pods.some((q) => q.name === p.name));
    expect(fresh).toHaveLength(1);
    expect(fresh[0].name).toBe(replacement.name);
    expect(replacement.name).not.toBe(id1);
    expect(replacement.name).toMatch(/^sample-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(replacement.revision).toBe(cs(created).status.updateRevision);
    const creates = controllerEvents(final, 'SuccessfulCreate').filter((e) => e.time > created.time);
    expect(creates.map((e) => [e.message, e.count])).toEqual([[`succeed to create pod ${replacement.name}`, 1]]);
  });

  it('no SuccessfulDelete: the controller did not delete the pod', () => {
    expect(count(controllerEvents(final, 'SuccessfulDelete'))).toBe(0);
  });

  it('kubectl get pods briefly shows 6 rows (one Terminating); status.replicas shows 4 then 5', () => {
    const next = snapshot('replacement-created');
    expect(next.pods).toHaveLength(6);
    expect(next.pods.filter((p) => p.deleting).map((p) => p.name)).toEqual([id1]);
    expect(cs(next).status.replicas).toBe(4);
    expect(cs(snapshot('next-status-write')).status.replicas).toBe(5);
  });

  it('final: 5 pods, the 4 untouched originals and the replacement, 5/5/5', () => {
    expect(final.pods.map((p) => p.name).sort()).toEqual([...created.pods.slice(1).map((p) => p.name), replacement.name].sort());
    expect(cs(final).status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 5, updatedReplicas: 5 });
  });
});
