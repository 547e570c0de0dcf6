// SCENARIOS.md 19: a template label change is done in place (metadata patch) with no container
// restart; under ReCreate the same change recreates every pod; replicas/partition/paused/
// maxUnavailable alone make no revision.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario, type Step } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '19-metadata-only-change.yaml'), 'utf8'));
const run = runScenario(scenario);
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const before = snapshot('before-update');
const after = snapshot('after-update');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const count = countEvents;
const podName = (message: string) => message.match(/pod (\S+)/)![1];

/** The run again, with the rollout's `settle` replaced by a snapshot every 100 ms. */
function sampledRollout(): ClusterState[] {
  const update = scenario.steps.flatMap((s, i) => ('apply' in s ? [i] : []))[1];
  if (!('settle' in scenario.steps[update + 1])) throw new Error('expected the rollout settle right after the label change');
  const samples: Step[] = Array.from({ length: 700 }, (_, i) => [{ advance: '100ms' }, { snapshot: `t${i}` }] as Step[]).flat();
  const sampled = runScenario({ ...scenario, steps: [...scenario.steps.slice(0, update + 1), ...samples] });
  return sampled.snapshots.filter((s) => /^t\d+$/.test(s.name)).map((s) => s.state);
}
const samples = sampledRollout();

describe('19. metadata-only change', () => {
  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
  });

  describe.each([
    ['nginx-2', 'InPlaceIfPossible, grace 10 s (scenario 9)'],
    ['nginx-2-nograce', 'InPlaceIfPossible, grace 0'],
  ])('%s (%s): tier=web is patched in place', (name) => {
    const h1 = cs(before, name).status.updateRevision!;
    const h2 = cs(after, name).status.updateRevision!;

    it('a new revision; 5 × SuccessfulUpdatePodInPlace, no create, no delete', () => {
      expect(h2).not.toBe(h1);
      const updates = controllerEvents(after, name, 'SuccessfulUpdatePodInPlace');
      expect(count(updates)).toBe(5);
      for (const e of updates) expect(e.message).toBe(`successfully update pod ${podName(e.message)} in-place(revision ${h2})`);
      expect(updates.map((e) => podName(e.message)).sort()).toEqual(podsOf(before, name).map((p) => p.name).sort());
      expect(count(controllerEvents(after, name, 'SuccessfulCreate'))).toBe(5);
      expect(count(controllerEvents(after, name, 'SuccessfulDelete'))).toBe(0);
      expect(count(controllerEvents(after, name, 'SuccessfulUpdatePodReCreate'))).toBe(0);
    });

    it('same pods (name, UID, IP), label tier=web, new revision, RESTARTS unchanged', () => {
      const pods = podsOf(after, name);
      expect(pods.map((p) => [p.name, p.uid, p.ip, p.createdAt])).toEqual(podsOf(before, name).map((p) => [p.name, p.uid, p.ip, p.createdAt]));
      for (const p of pods) {
        expect(p.labels.tier).toBe('web');
        expect(p.revision).toBe(h2);
        expect(p.containers[0]).toMatchObject({ image: 'nginx:alpine', restartCount: 0, state: 'running' });
        expect(p).toMatchObject({ ready: true, lifecycleState: 'Normal' });
      }
      expect(cs(after, name).status).toMatchObject({ replicas: 5, readyReplicas: 5, updatedReplicas: 5, currentRevision: h2, updateRevision: h2 });
    });

    it('no kubelet Killing / Pulling / Pulled / Created / Started for these pods after the change', () => {
      const names = podsOf(before, name).map((p) => `Pod/${p.name}`);
      const kubelet = after.events.filter((e) => e.source === 'kubelet' && names.includes(e.object));
      expect(kubelet.filter((e) => e.time > before.time)).toEqual([]);
      expect(kubelet.filter((e) => e.reason === 'Killing')).toEqual([]);
    });

    it('each pod is briefly not Ready, one pod at a time', () => {
      const names = podsOf(before, name).map((p) => p.name);
      const notReady = samples.map((s) => podsOf(s, name).filter((p) => !p.ready).map((p) => p.name));
      expect(Math.max(...notReady.map((n) => n.length))).toBe(1);
      for (const n of names) expect(notReady.some((list) => list.includes(n))).toBe(true);
    });
  });

  it('grace 0: the not-Ready window of each pod is one reconcile (at most 2 samples of 100 ms)', () => {
    const names = podsOf(before, 'nginx-2-nograce').map((p) => p.name);
    for (const n of names) {
      const windows = samples.filter((s) => podsOf(s, 'nginx-2-nograce').some((p) => p.name === n && !p.ready)).length;
      expect(windows).toBeGreaterThanOrEqual(1);
      expect(windows).toBeLessThanOrEqual(2);
    }
  });

  describe('nginx-2-recreate: the same change under ReCreate', () => {
    const h2 = cs(after, 'nginx-2-recreate').status.updateRevision!;
    const originals = podsOf(before, 'nginx-2-recreate').map((p) => p.name);

    it('all 5 pods are recreated: new names carrying tier=web', () => {
      expect(count(controllerEvents(after, 'nginx-2-recreate', 'SuccessfulUpdatePodReCreate'))).toBe(5);
      expect(controllerEvents(after, 'nginx-2-recreate', 'SuccessfulDelete').map((e) => podName(e.message)).sort()).toEqual([...originals].sort());
      expect(count(controllerEvents(after, 'nginx-2-recreate', 'SuccessfulUpdatePodInPlace'))).toBe(0);
      const pods = podsOf(after, 'nginx-2-recreate');
      expect(pods).toHaveLength(5);
      for (const p of pods) {
        expect(originals).not.toContain(p.name);
        expect(p.revision).toBe(h2);
        expect(p.labels.tier).toBe('web');
      }
    });
  });

  describe('knobs: replicas, partition, paused and maxUnavailable changed alone', () => {
    const rev = cs(before, 'knobs').status.updateRevision!;

    it('no new revision: the one ControllerRevision stays update and current revision', () => {
      expect(cs(final, 'knobs').generation).toBe(2);
      expect(cs(final, 'knobs').spec.updateStrategy).toMatchObject({ partition: 1, paused: true, maxUnavailable: 2 });
      expect(final.revisions.filter((r) => r.name.startsWith('knobs-'))).toEqual([{ name: rev, revision: 1 }]);
      expect(cs(final, 'knobs').status).toMatchObject({ updateRevision: rev, currentRevision: rev, replicas: 4, updatedReplicas: 4 });
    });

    it('no existing pod is touched; the one added pod is at the same revision', () => {
      const old = podsOf(before, 'knobs');
      const now = podsOf(final, 'knobs');
      for (const p of old) expect(now.find((q) => q.name === p.name)).toEqual(p);
      const added = now.filter((p) => !old.some((q) => q.name === p.name));
      expect(added).toHaveLength(1);
      expect(added[0].revision).toBe(rev);
      expect(count(controllerEvents(final, 'knobs', 'SuccessfulUpdatePodInPlace'))).toBe(0);
      expect(count(controllerEvents(final, 'knobs', 'SuccessfulDelete'))).toBe(0);
    });
  });
});
