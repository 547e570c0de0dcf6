// SCENARIOS.md 13: pause a ReCreate rollout right after its first SuccessfulUpdatePodReCreate;
// variant: pause once maxSurge pods exist (kruise table "[UpdateStrategyPaused=true] create 0
// newRevision pods with maxSurge=3,maxUnavailable=0").
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '13-paused-mid-recreate.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const activePodsOf = (state: ClusterState, app: string) => podsOf(state, app).filter((p) => !p.deleting);
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const count = countEvents;
const podName = (message: string) => message.match(/pod (\S+)/)![1];

describe('13. paused mid-recreate rollout', () => {
  const before = snapshot('before-update');
  const marked = snapshot('first-marked');
  const h1 = cs(before, 'sample').status.updateRevision!;
  const h2 = cs(marked, 'sample').status.updateRevision!;

  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.index, s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.index, s.kind, true, null]));
  });

  it('the pause comes right after the first SuccessfulUpdatePodReCreate, before any deletion', () => {
    expect(h2).not.toBe(h1);
    expect(count(controllerEvents(marked, 'sample', 'SuccessfulUpdatePodReCreate'))).toBe(1);
    expect(count(controllerEvents(marked, 'sample', 'SuccessfulDelete'))).toBe(0);
    const flagged = activePodsOf(marked, 'sample').filter((p) => p.labels['apps.kruise.io/specified-delete'] === 'true');
    expect(flagged).toHaveLength(1);
    expect(flagged[0].revision).toBe(h1);
  });

  it('the marked pod is still deleted and replaced at the new revision while paused', () => {
    expect(cs(final, 'sample').spec.updateStrategy?.paused).toBe(true);
    const [recreate] = controllerEvents(final, 'sample', 'SuccessfulUpdatePodReCreate');
    const victim = podName(recreate.message);
    expect(recreate.message).toBe(`successfully patch pod ${victim} specified-delete for update(revision ${h2})`);
    const deletes = controllerEvents(final, 'sample', 'SuccessfulDelete');
    expect(deletes.map((e) => e.message)).toEqual([`succeed to delete pod ${victim}`]);
    const creates = controllerEvents(final, 'sample', 'SuccessfulCreate').filter((e) => e.time > before.time);
    expect(count(creates)).toBe(1);
    const replacement = podName(creates[0].message);
    expect(replacement).not.toBe(victim);
    expect(podsOf(final, 'sample').map((p) => p.name)).not.toContain(victim);
    expect(podsOf(final, 'sample').find((p) => p.name === replacement)).toMatchObject({ revision: h2, ready: true, deleting: false });
  });

  it('no further pod is marked: 4 pods at <h1>, 1 at <h2>, UPDATED 1', () => {
    expect(count(controllerEvents(final, 'sample', 'SuccessfulUpdatePodReCreate'))).toBe(1);
    const pods = podsOf(final, 'sample');
    expect(pods).toHaveLength(5);
    expect(pods.filter((p) => p.revision === h1)).toHaveLength(4);
    expect(pods.filter((p) => p.revision === h2)).toHaveLength(1);
    expect(pods.filter((p) => 'apps.kruise.io/specified-delete' in p.labels)).toEqual([]);
    const beforeNames = podsOf(before, 'sample').map((p) => p.name);
    for (const p of pods.filter((q) => q.revision === h1)) expect(beforeNames).toContain(p.name);
    expect(cs(final, 'sample').status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      updatedReplicas: 1,
      updatedReadyReplicas: 1,
      currentRevision: h1,
      updateRevision: h2,
    });
  });

  it('paused forever: the state at rest does not move on', () => {
    expect(snapshot('sample-paused-at-rest').pods.filter((p) => p.labels.app === 'sample')).toEqual(podsOf(final, 'sample'));
    expect(cs(snapshot('sample-paused-at-rest'), 'sample').status).toEqual(cs(final, 'sample').status);
  });

  describe('variant: maxSurge 3, maxUnavailable 0, paused once the surge pods exist', () => {
    const surgeBefore = snapshot('surge-before-update');
    const created = snapshot('surge-created');
    const old = cs(surgeBefore, 'surge').status.updateRevision!;
    const next = cs(created, 'surge').status.updateRevision!;
    const originals = podsOf(surgeBefore, 'surge').map((p) => p.name);

    it('3 surge pods at the new revision exist (5 old + 3 new) when the pause arrives', () => {
      expect(next).not.toBe(old);
      const pods = activePodsOf(created, 'surge');
      expect(pods).toHaveLength(8);
      expect(pods.filter((p) => p.revision === old)).toHaveLength(5);
      expect(pods.filter((p) => p.revision === next)).toHaveLength(3);
      expect(count(controllerEvents(created, 'surge', 'SuccessfulDelete'))).toBe(0);
    });

    it('nothing is deleted while the new pods are not yet available', () => {
      const paused = snapshot('surge-paused');
      expect(cs(paused, 'surge').spec.updateStrategy?.paused).toBe(true);
      expect(activePodsOf(paused, 'surge')).toHaveLength(8);
      expect(count(controllerEvents(paused, 'surge', 'SuccessfulDelete'))).toBe(0);
    });

    it('then the surplus is scaled down from the OLD side: 3 old deleted, the surge pods stay', () => {
      const deletes = controllerEvents(final, 'surge', 'SuccessfulDelete');
      expect(count(deletes)).toBe(3);
      for (const e of deletes) expect(originals).toContain(podName(e.message));
      expect(count(controllerEvents(final, 'surge', 'SuccessfulUpdatePodReCreate'))).toBe(0);
      const pods = podsOf(final, 'surge');
      expect(pods).toHaveLength(5);
      expect(pods.filter((p) => p.revision === old)).toHaveLength(2);
      expect(pods.filter((p) => p.revision === next).map((p) => p.name).sort()).toEqual(
        activePodsOf(created, 'surge').filter((p) => p.revision === next).map((p) => p.name).sort(),
      );
      expect(cs(final, 'surge').status).toMatchObject({ replicas: 5, readyReplicas: 5, updatedReplicas: 3, updatedReadyReplicas: 3 });
    });

    it('the deletions wait until the new pods are available', () => {
      const firstDelete = Math.min(...controllerEvents(final, 'surge', 'SuccessfulDelete').map((e) => e.time));
      const newPodsReady = final.events
        .filter((e) => e.reason === 'Started' && e.object.startsWith('Pod/') && activePodsOf(created, 'surge').some((p) => p.revision === next && `Pod/${p.name}` === e.object))
        .map((e) => e.time);
      expect(newPodsReady).toHaveLength(3);
      expect(firstDelete).toBeGreaterThanOrEqual(Math.max(...newPodsReady));
    });
  });
});
