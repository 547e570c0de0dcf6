// SCENARIOS.md 20: restoring the old template reuses the old ControllerRevision (same name, new
// revision number); partition 3 then holds everything, partition 0 moves the <h2> pods back.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '20-rollback-old-template.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const created = snapshot('created');
const split = snapshot('split');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const revisionsOf = (state: ClusterState, name: string) => state.revisions.filter((r) => r.name.startsWith(`${name}-`) && !r.name.slice(name.length + 1).includes('-'));
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const podName = (message: string) => message.match(/pod (\S+)/)![1];

describe('20. roll back by restoring the old template', () => {
  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
  });

  describe.each(['sample', 'sample-p0'])('%s', (name) => {
    const h1 = cs(created, name).status.updateRevision!;
    const h2 = cs(split, name).status.updateRevision!;

    it('start: 3 × <h1> nginx:alpine + 2 × <h2> nginx:mainline', () => {
      const pods = podsOf(split, name);
      expect(pods.filter((p) => p.revision === h1 && p.containers[0].image === 'nginx:alpine')).toHaveLength(3);
      expect(pods.filter((p) => p.revision === h2 && p.containers[0].image === 'nginx:mainline')).toHaveLength(2);
      expect(revisionsOf(split, name)).toEqual([
        { name: h1, revision: 1 },
        { name: h2, revision: 2 },
      ]);
    });

    it('no new ControllerRevision: <h1> is reused under the same name and becomes revision 3', () => {
      expect(revisionsOf(final, name)).toEqual([
        { name: h2, revision: 2 },
        { name: h1, revision: 3 },
      ]);
      expect(cs(final, name).status).toMatchObject({ updateRevision: h1, currentRevision: h1 });
    });
  });

  it('partition 3 still set: the 2 <h2> pods now count as old, so nothing changes (updated 3, expected 2)', () => {
    const h2 = cs(split, 'sample').status.updateRevision!;
    expect(podsOf(final, 'sample')).toEqual(podsOf(split, 'sample'));
    expect(podsOf(final, 'sample').filter((p) => p.revision === h2)).toHaveLength(2);
    expect(controllerEvents(final, 'sample', 'SuccessfulUpdatePodInPlace')).toHaveLength(2);
    expect(cs(final, 'sample').status).toMatchObject({ replicas: 5, readyReplicas: 5, updatedReplicas: 3, updatedReadyReplicas: 3, expectedUpdatedReplicas: 2 });
  });

  it('partition 0: the 2 <h2> pods are updated in place back to nginx:alpine (RESTARTS 1 → 2), events name <h1>', () => {
    const h1 = cs(created, 'sample-p0').status.updateRevision!;
    const h2 = cs(split, 'sample-p0').status.updateRevision!;
    const movedBack = podsOf(split, 'sample-p0').filter((p) => p.revision === h2);
    const rollback = controllerEvents(final, 'sample-p0', 'SuccessfulUpdatePodInPlace').filter((e) => e.time > split.time);
    expect(rollback.map((e) => podName(e.message)).sort()).toEqual(movedBack.map((p) => p.name).sort());
    for (const e of rollback) expect(e.message).toBe(`successfully update pod ${podName(e.message)} in-place(revision ${h1})`);
    // most recently Ready first: the pod updated last in the forward rollout goes back first
    const forward = controllerEvents(split, 'sample-p0', 'SuccessfulUpdatePodInPlace').map((e) => podName(e.message));
    expect(rollback.map((e) => podName(e.message))).toEqual([...forward].reverse());
    for (const before of movedBack) {
      const after = podsOf(final, 'sample-p0').find((p) => p.name === before.name)!;
      expect(after).toMatchObject({ uid: before.uid, ip: before.ip, revision: h1, ready: true });
      expect(after.containers[0]).toMatchObject({ image: 'nginx:alpine', restartCount: 2 });
    }
    expect(controllerEvents(final, 'sample-p0', 'SuccessfulCreate')).toHaveLength(5);
    expect(cs(final, 'sample-p0').status).toMatchObject({ replicas: 5, readyReplicas: 5, updatedReplicas: 5, expectedUpdatedReplicas: 5 });
  });
});
