// SCENARIOS.md 4: scenario 1, then sample-<id2> added to podsToDelete with replicas kept at 5;
// then the three variants (another pod unavailable, the pod itself not Ready, maxSurge 1).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '04-pods-to-delete-keep-replicas.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const active = (state: ClusterState) => state.pods.filter((p) => !p.deleting);
const names = (pods: { name: string }[]) => pods.map((p) => p.name);
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;
const deleteOf = (pod: string) => controllerEvents(final, 'SuccessfulDelete').find((e) => e.message === `succeed to delete pod ${pod}`);
const startedAt = (pod: string) => Math.max(...final.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started').map((e) => e.time));
const newPods = (before: ClusterState, after: ClusterState) => after.pods.filter((p) => !before.pods.some((q) => q.name === p.name));

describe('4. selective delete without changing replicas', () => {
  const created = snapshot('created');
  const id2 = created.pods[1].name;

  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('reconcile 1: sample-<id2> deleted (SuccessfulDelete), nothing created yet', () => {
    const r1 = snapshot('reconcile-1');
    expect(r1.pods.filter((p) => p.deleting).map((p) => p.name)).toEqual([id2]);
    expect(newPods(created, r1)).toEqual([]);
    expect(deleteOf(id2)).toBeDefined();
  });

  it('reconcile 2: one pod created at the update revision with a new id, podsToDelete pruned', () => {
    const r2 = snapshot('reconcile-2');
    const [fresh] = newPods(created, r2);
    expect(newPods(created, r2)).toHaveLength(1);
    expect(fresh.name).not.toBe(id2);
    expect(fresh.revision).toBe(cs(created).status.updateRevision);
    expect(controllerEvents(r2, 'SuccessfulCreate').some((e) => e.message === `succeed to create pod ${fresh.name}`)).toBe(true);
    expect(cs(snapshot('replaced')).spec.scaleStrategy?.podsToDelete ?? []).toEqual([]);
    expect(active(snapshot('replaced'))).toHaveLength(5);
    expect(cs(snapshot('replaced')).status).toMatchObject({ replicas: 5, readyReplicas: 5 });
  });

  it('variant: while another pod is unavailable the Ready pod in podsToDelete is not deleted', () => {
    const before = snapshot('other-unavailable');
    const [replacement] = newPods(snapshot('replaced'), before);
    expect(replacement.ready).toBe(false);
    const target = active(before)[0].name;
    const waiting = snapshot('waiting-for-budget');
    expect(cs(waiting).spec.scaleStrategy?.podsToDelete).toEqual([target]);
    expect(waiting.pods.find((p) => p.name === target)).toMatchObject({ deleting: false, ready: true });
    // …and goes once the other pod is available again.
    expect(deleteOf(target)).toBeDefined();
    expect(deleteOf(target)!.time).toBeGreaterThanOrEqual(startedAt(replacement.name));
    expect(names(snapshot('budget-back').pods)).not.toContain(target);
  });

  it('variant: a pod in podsToDelete that is not Ready is deleted even with no budget left', () => {
    const two = snapshot('two-unready');
    const unready = newPods(snapshot('budget-back'), two);
    expect(unready).toHaveLength(2);
    expect(unready.every((p) => !p.ready)).toBe(true);
    const target = active(two)[4].name;
    expect(names(unready)).toContain(target);
    const after = snapshot('unready-deleted');
    expect(after.pods.find((p) => p.name === target)).toBeUndefined();
    expect(deleteOf(target)).toBeDefined();
    const other = unready.find((p) => p.name !== target)!;
    expect(after.pods.find((p) => p.name === other.name)!.ready).toBe(false);
  });

  it('variant with maxSurge 1, maxUnavailable 0: the replacement is created first (replicas 6)', () => {
    const before = snapshot('before-surge');
    const target = active(before)[0].name;
    const surge = snapshot('surge-created');
    expect(newPods(before, surge)).toHaveLength(1);
    expect(cs(surge).status.replicas).toBe(6);
    expect(surge.pods.find((p) => p.name === target)!.deleting).toBe(false);
    const notYet = snapshot('surge-not-yet-available');
    const [replacement] = newPods(before, notYet);
    expect(replacement.ready).toBe(false);
    expect(notYet.pods.find((p) => p.name === target)!.deleting).toBe(false);
    // …and the marked pod is deleted once the replacement is available.
    expect(deleteOf(target)!.time).toBeGreaterThanOrEqual(startedAt(replacement.name));
    expect(names(final.pods)).not.toContain(target);
    expect(cs(final).status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 5 });
    expect(cs(final).spec.scaleStrategy?.podsToDelete ?? []).toEqual([]);
  });

  it('totals: one SuccessfulDelete per pod the controller removed, never one for a pod the user deleted', () => {
    expect(count(controllerEvents(final, 'SuccessfulDelete'))).toBe(4);
  });
});
