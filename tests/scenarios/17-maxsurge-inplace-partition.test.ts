// SCENARIOS.md 17: InPlaceIfPossible, partition 3, maxUnavailable 1, maxSurge 1, image change.
// Mirrors calculate-diffs-with-expectation "update in-place partition=3 with maxSurge (step 1/4 … 4/4)".
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '17-maxsurge-inplace-partition.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const before = snapshot('before-update');
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason?: string) =>
  state.events.filter((e) => (reason === undefined || e.reason === reason) && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const podName = (message: string) => message.match(/pod (\S+)/)![1];

describe('17. maxSurge with in-place update and a partition', () => {
  const h1 = cs(before).status.updateRevision!;
  const h2 = cs(final).status.updateRevision!;
  const originals = before.pods.map((p) => p.name);
  const rollout = controllerEvents(final).filter((e) => e.time > before.time);

  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
  });

  it('1. a surge pod is created at the new revision first (6 pods)', () => {
    const surge = snapshot('surge-created');
    expect(h2).not.toBe(h1);
    expect(surge.pods.filter((p) => !p.deleting)).toHaveLength(6);
    const added = surge.pods.filter((p) => !originals.includes(p.name));
    expect(added).toHaveLength(1);
    expect(added[0].revision).toBe(h2);
    expect(rollout[0].reason).toBe('SuccessfulCreate');
    expect(podName(rollout[0].message)).toBe(added[0].name);
  });

  it('2. then exactly one old pod is updated in place, 3. then exactly one old pod is deleted', () => {
    expect(rollout.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulUpdatePodInPlace', 'SuccessfulDelete']);
    const inPlace = podName(rollout[1].message);
    const deleted = podName(rollout[2].message);
    expect(rollout[1].message).toBe(`successfully update pod ${inPlace} in-place(revision ${h2})`);
    expect(originals).toContain(inPlace);
    expect(originals).toContain(deleted);
    expect(deleted).not.toBe(inPlace);
  });

  it('the surplus old pod is deleted only once the in-place updated pod is Ready again', () => {
    const inPlace = podName(rollout[1].message);
    const restarted = final.events.find((e) => e.object === `Pod/${inPlace}` && e.reason === 'Started' && e.count === 2);
    expect(restarted).toBeDefined();
    expect(rollout[2].time).toBeGreaterThanOrEqual(restarted!.time);
  });

  it('final: 3 old + 2 new — the surge pod (new name, RESTARTS 0) and the in-place pod (RESTARTS 1); one original gone', () => {
    const inPlace = podName(rollout[1].message);
    const deleted = podName(rollout[2].message);
    const surge = podName(rollout[0].message);
    const pods = final.pods;
    expect(pods).toHaveLength(5);
    expect(pods.filter((p) => p.revision === h1).map((p) => p.name).sort()).toEqual(originals.filter((n) => n !== inPlace && n !== deleted).sort());
    expect(pods.filter((p) => p.revision === h2).map((p) => p.name).sort()).toEqual([inPlace, surge].sort());
    expect(pods.find((p) => p.name === surge)!.containers[0]).toMatchObject({ image: 'nginx:mainline', restartCount: 0 });
    const updated = pods.find((p) => p.name === inPlace)!;
    const original = before.pods.find((p) => p.name === inPlace)!;
    expect(updated.containers[0]).toMatchObject({ image: 'nginx:mainline', restartCount: 1 });
    expect({ uid: updated.uid, ip: updated.ip, node: updated.node }).toEqual({ uid: original.uid, ip: original.ip, node: original.node });
    for (const p of pods.filter((q) => q.revision === h1)) expect(p.containers[0]).toMatchObject({ image: 'nginx:alpine', restartCount: 0 });
    expect(pods.map((p) => p.name)).not.toContain(deleted);
  });

  it('status rests at replicas 5, updated 2 of expected 2, currentRevision <h1>', () => {
    expect(cs(final).status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      updatedReplicas: 2,
      updatedReadyReplicas: 2,
      updatedAvailableReplicas: 2,
      expectedUpdatedReplicas: 2,
      currentRevision: h1,
      updateRevision: h2,
    });
  });
});
