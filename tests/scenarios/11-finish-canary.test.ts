// SCENARIOS.md 11: from the end of scenario 10 (blog A and B repeated here), set partition 0;
// afterwards raise it to 5.
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '11-finish-canary.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/nginx-2');
const podIn = (message: string) => /successfully update pod (\S+) in-place/.exec(message)![1];
const identity = (p: PodState) => ({ name: p.name, uid: p.uid, ip: p.ip, node: p.node, createdAt: p.createdAt });
const readyAt = (state: ClusterState, pod: string) => Math.max(...state.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started').map((e) => e.time));

const canaryDone = snapshot('canary-done');
const finished = snapshot('finished');
const h2 = cs(canaryDone).status.currentRevision!;
const h3 = cs(canaryDone).status.updateRevision!;
const oldPods = canaryDone.pods.filter((p) => p.revision === h2);
const byTime = <T extends { time: number }>(events: T[]) => [...events].sort((a, b) => a.time - b.time);
const released = byTime(controllerEvents(finished, 'SuccessfulUpdatePodInPlace').filter((e) => e.time > canaryDone.time));
const releasedPods = released.map((e) => podIn(e.message));
const samples = run.snapshots.filter((s) => s.name.startsWith('finish+')).map((s) => s.state);

describe('11. finish the canary by lowering the partition', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('start: the end of blog B — 3 pods at <h2>, 2 at <h3>', () => {
    expect(h2).not.toBe(h3);
    expect(oldPods).toHaveLength(3);
    expect(cs(canaryDone).status).toMatchObject({ updatedReplicas: 2, expectedUpdatedReplicas: 2 });
  });

  it('partition 0: expectedUpdatedReplicas 2 → 5', () => {
    expect(cs(samples[0]).status.expectedUpdatedReplicas).toBe(5);
  });

  it('the 3 remaining <h2> pods are updated in place one at a time, most recently Ready first', () => {
    expect([...releasedPods].sort()).toEqual(oldPods.map((p) => p.name).sort());
    for (let k = 0; k < 2; k++) expect(released[k + 1].time).toBeGreaterThanOrEqual(readyAt(finished, releasedPods[k]));
    for (let k = 0; k < 3; k++) {
      for (const later of releasedPods.slice(k + 1)) expect(readyAt(canaryDone, releasedPods[k])).toBeGreaterThan(readyAt(canaryDone, later));
    }
    for (const s of samples) expect(s.pods.filter((p) => !p.ready).length).toBeLessThanOrEqual(1);
    for (const e of released) expect(e.message.endsWith(`successfully update pod ${podIn(e.message)} in-place(revision ${h3})`)).toBe(true);
  });

  it('each of them goes RESTARTS 1 → 2, keeping its name', () => {
    for (const p of oldPods) expect(p.containers[0].restartCount).toBe(1);
    for (const p of finished.pods) {
      expect(p).toMatchObject({ revision: h3, ready: true });
      expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx:1.19.6-alpine', ready: true, restartCount: 2, state: 'running' }]);
    }
    expect(finished.pods.map(identity)).toEqual(canaryDone.pods.map(identity));
  });

  it('currentRevision becomes <h3> at the status write when the 5th pod is at <h3>, even before it is Ready', () => {
    const last = releasedPods[2];
    const early = samples.filter((s) => s.pods.every((p) => p.revision === h3) && !s.pods.find((p) => p.name === last)!.ready);
    expect(early.length).toBeGreaterThan(0);
    for (const s of early) expect(cs(s).status).toMatchObject({ currentRevision: h3, updatedReplicas: 5 });
    for (const s of samples.filter((x) => x.pods.some((p) => p.revision !== h3))) expect(cs(s).status.currentRevision).toBe(h2);
    expect(cs(finished).status).toMatchObject({ currentRevision: h3, updateRevision: h3, updatedReplicas: 5, updatedReadyReplicas: 5, readyReplicas: 5 });
  });

  it('raising the partition to 5 changes nothing (no rollback); only expectedUpdatedReplicas drops to 0', () => {
    expect(cs(final).spec.updateStrategy?.partition).toBe(5);
    expect(final.pods).toEqual(finished.pods);
    expect(cs(final).status).toEqual({ ...cs(finished).status, observedGeneration: cs(final).generation, expectedUpdatedReplicas: 0 });
    expect(controllerEvents(final, 'SuccessfulUpdatePodInPlace')).toEqual(controllerEvents(finished, 'SuccessfulUpdatePodInPlace'));
    expect(final.revisions).toEqual(finished.revisions);
  });
});
