// SCENARIOS.md 14: scaling a CloneSet that a partition holds at 3 old (<h1>) + 2 new (<h2>) pods.
// One CloneSet per table row (they share the one node and nothing else).
import { describe, expect, it } from 'vitest';
import { snapshotOf, countEvents } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '14-scale-under-partition.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const created = snapshot('created');
const split = snapshot('split');
const scaled = snapshot('scaled');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const activePodsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app && !p.deleting);
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const count = countEvents;
const names = (pods: PodState[]) => pods.map((p) => p.name).sort();

/** <h1> (nginx:alpine, the current revision) and <h2> (nginx:mainline, the update revision). */
const revisions = (name: string) => ({ h1: cs(created, name).status.updateRevision!, h2: cs(split, name).status.updateRevision! });
/** Pods in `after` that were not in `before`, split by revision. */
function newPods(before: ClusterState, after: ClusterState, name: string) {
  const known = new Set(activePodsOf(before, name).map((p) => p.name));
  return activePodsOf(after, name).filter((p) => !known.has(p.name));
}
const split3plus2 = (name: string) => {
  const { h1, h2 } = revisions(name);
  const pods = activePodsOf(split, name);
  return { old: pods.filter((p) => p.revision === h1).length, updated: pods.filter((p) => p.revision === h2).length };
};

describe('14. scale up under a partition', () => {
  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.index, s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.index, s.kind, true, null]));
  });

  it('start: every CloneSet rests at 3 pods <h1> + 2 pods <h2>, currentRevision <h1>', () => {
    for (const name of ['p3', 'p8', 'p60', 'p10', 'mixed', 'p60-paused']) {
      const { h1, h2 } = revisions(name);
      expect(h2).not.toBe(h1);
      expect(split3plus2(name)).toEqual({ old: 3, updated: 2 });
      expect(cs(split, name).status).toMatchObject({ currentRevision: h1, updateRevision: h2, updatedReplicas: 2, expectedUpdatedReplicas: 2 });
    }
  });

  // [CloneSet, replicas, created old, created new, result old, result new, expectedUpdatedReplicas]
  const rows: [string, string, number, number, number, number, number, number][] = [
    ['p3', 'replicas 5 → 10, partition 3: 0 old + 5 new created → 3 old + 7 new', 10, 0, 5, 3, 7, 7],
    ['p8', 'replicas 5 → 10, partition 8: 5 old created from <h1> → 8 old + 2 new', 10, 5, 0, 8, 2, 2],
    ['p60', 'replicas 5 → 10, partition "60%" (3 → 6): 3 old + 2 new created → 6 old + 4 new', 10, 3, 2, 6, 4, 4],
    ['p10', 'replicas 5 → 7, partition 10 (clamped to 7): 2 old created → 5 old + 2 new, expectedUpdated 0', 7, 2, 0, 5, 2, 0],
  ];
  it.each(rows)('%s: %s', (name, _story, replicas, createdOld, createdNew, old, updated, expectedUpdated) => {
    const { h1, h2 } = revisions(name);
    const added = newPods(split, scaled, name);
    expect({ old: added.filter((p) => p.revision === h1).length, updated: added.filter((p) => p.revision === h2).length }).toEqual({
      old: createdOld,
      updated: createdNew,
    });
    for (const p of added) expect(p.containers[0].image).toBe(p.revision === h1 ? 'nginx:alpine' : 'nginx:mainline');
    const pods = activePodsOf(scaled, name);
    expect(pods).toHaveLength(replicas);
    expect({ old: pods.filter((p) => p.revision === h1).length, updated: pods.filter((p) => p.revision === h2).length }).toEqual({ old, updated });
    expect(cs(scaled, name).status).toMatchObject({
      replicas,
      readyReplicas: replicas,
      updatedReplicas: updated,
      currentRevision: h1,
      updateRevision: h2,
    });
    expect(cs(scaled, name).status.expectedUpdatedReplicas ?? 0).toBe(expectedUpdated);
    expect(count(controllerEvents(scaled, name, 'SuccessfulCreate'))).toBe(5 + createdOld + createdNew);
  });

  it('existing pods are untouched by the scale-up: no pod updated, no pod deleted', () => {
    for (const name of ['p3', 'p8', 'p60', 'p10']) {
      expect(count(controllerEvents(scaled, name, 'SuccessfulUpdatePodInPlace'))).toBe(2);
      expect(count(controllerEvents(scaled, name, 'SuccessfulDelete'))).toBe(0);
      const before = activePodsOf(split, name);
      const after = activePodsOf(scaled, name);
      for (const p of before) expect(after.find((q) => q.name === p.name)).toMatchObject({ uid: p.uid, revision: p.revision, containers: p.containers });
    }
  });

  it('partition 10 on 7 replicas: nothing ever updates (SuccessfulUpdatePodInPlace stays at the 2 of the start)', () => {
    expect(count(controllerEvents(final, 'p10', 'SuccessfulUpdatePodInPlace'))).toBe(2);
  });

  it('from 3 old + 7 new, replicas 10 → 5 with partition 3: the 5 deletions are all NEW pods → 3 old + 2 new', () => {
    const { h1, h2 } = revisions('p3');
    const deletes = controllerEvents(final, 'p3', 'SuccessfulDelete');
    expect(count(deletes)).toBe(5);
    const byName = new Map(activePodsOf(scaled, 'p3').map((p) => [p.name, p]));
    for (const e of deletes) expect(byName.get(e.message.replace('succeed to delete pod ', ''))?.revision).toBe(h2);
    const pods = activePodsOf(final, 'p3');
    expect(names(pods.filter((p) => p.revision === h1))).toEqual(names(activePodsOf(split, 'p3').filter((p) => p.revision === h1)));
    expect(pods.filter((p) => p.revision === h2)).toHaveLength(2);
    expect(cs(final, 'p3').status).toMatchObject({ replicas: 5, updatedReplicas: 2, expectedUpdatedReplicas: 2 });
  });

  it('from 5 old + 2 new, replicas 7 → 6 with partition 10: 1 NEW pod deleted (old pods only go beyond P)', () => {
    const { h1, h2 } = revisions('p10');
    const deletes = controllerEvents(final, 'p10', 'SuccessfulDelete');
    expect(count(deletes)).toBe(1);
    const victim = deletes[0].message.replace('succeed to delete pod ', '');
    expect(activePodsOf(scaled, 'p10').find((p) => p.name === victim)?.revision).toBe(h2);
    const pods = activePodsOf(final, 'p10');
    expect(pods.filter((p) => p.revision === h1)).toHaveLength(5);
    expect(pods.filter((p) => p.revision === h2)).toHaveLength(1);
    expect(cs(final, 'p10').status).toMatchObject({ replicas: 6, updatedReplicas: 1 });
    expect(cs(final, 'p10').status.expectedUpdatedReplicas ?? 0).toBe(0);
  });

  describe('old pods come from status.currentRevision, even when some old pods run an intermediate revision', () => {
    const h1 = revisions('mixed').h1;
    const h2 = revisions('mixed').h2;
    const three = snapshot('mixed-three-revisions');
    const h3 = cs(three, 'mixed').status.updateRevision!;

    it('before scaling: 3 pods <h1>, 1 pod <h2>, 1 pod <h3>; currentRevision still <h1>', () => {
      expect(new Set([h1, h2, h3]).size).toBe(3);
      const pods = activePodsOf(three, 'mixed');
      expect([h1, h2, h3].map((r) => pods.filter((p) => p.revision === r).length)).toEqual([3, 1, 1]);
      expect(cs(three, 'mixed').status.currentRevision).toBe(h1);
    });

    it('replicas 5 → 10, partition 8: the 4 old pods created are <h1> (nginx:alpine), not <h2>; 1 new at <h3>', () => {
      const added = newPods(three, scaled, 'mixed');
      expect(added).toHaveLength(5);
      expect(added.filter((p) => p.revision === h1)).toHaveLength(4);
      expect(added.filter((p) => p.revision === h2)).toHaveLength(0);
      expect(added.filter((p) => p.revision === h3)).toHaveLength(1);
      for (const p of added.filter((q) => q.revision === h1)) expect(p.containers[0].image).toBe('nginx:alpine');
      const pods = activePodsOf(scaled, 'mixed');
      expect([h1, h2, h3].map((r) => pods.filter((p) => p.revision === r).length)).toEqual([7, 1, 2]);
      expect(cs(scaled, 'mixed').status).toMatchObject({ replicas: 10, updatedReplicas: 2, expectedUpdatedReplicas: 2, currentRevision: h1 });
    });
  });

  it('the same holds while paused: partition "60%" paused → 3 old + 2 new created → 6 old + 4 new', () => {
    const { h1, h2 } = revisions('p60-paused');
    expect(cs(scaled, 'p60-paused').spec.updateStrategy?.paused).toBe(true);
    const added = newPods(split, scaled, 'p60-paused');
    expect(added.filter((p) => p.revision === h1)).toHaveLength(3);
    expect(added.filter((p) => p.revision === h2)).toHaveLength(2);
    const pods = activePodsOf(scaled, 'p60-paused');
    expect(pods.filter((p) => p.revision === h1)).toHaveLength(6);
    expect(pods.filter((p) => p.revision === h2)).toHaveLength(4);
    expect(cs(scaled, 'p60-paused').status).toMatchObject({ replicas: 10, readyReplicas: 10, updatedReplicas: 4, expectedUpdatedReplicas: 4 });
  });
});
