// SCENARIOS.md 10 (blog demo B): from the end of scenario 9 (its steps repeated here), apply
// image nginx:1.19.6-alpine with updateStrategy.partition 3.
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '10-blog-b-partition.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/nginx-2');
const podIn = (message: string) => /^successfully update pod (\S+) in-place/.exec(message)![1];
const identity = (p: PodState) => ({ name: p.name, uid: p.uid, ip: p.ip, node: p.node, createdAt: p.createdAt });
const readyAt = (state: ClusterState, pod: string) => Math.max(...state.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started').map((e) => e.time));

const blogA = snapshot('blog-a-done');
const canaryAt = blogA.time;
const h2 = cs(blogA).status.updateRevision!;
const h3 = cs(final).status.updateRevision!;
const byTime = <T extends { time: number }>(events: T[]) => [...events].sort((a, b) => a.time - b.time);
const blogAOrder = byTime(controllerEvents(blogA, 'SuccessfulUpdatePodInPlace')).map((e) => podIn(e.message));
const canary = byTime(controllerEvents(final, 'SuccessfulUpdatePodInPlace').filter((e) => e.time > canaryAt));
const canaryPods = canary.map((e) => podIn(e.message));
const samples = run.snapshots.filter((s) => s.name.startsWith('canary+')).map((s) => s.state);

describe('10. blog B: partition 3', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('start: the end of blog A — 5 pods at <h2>, image nginx, RESTARTS 1', () => {
    expect(cs(blogA).status).toMatchObject({ currentRevision: h2, updateRevision: h2, updatedReplicas: 5, readyReplicas: 5 });
    for (const p of blogA.pods) expect(p).toMatchObject({ revision: h2, containers: [{ image: 'nginx', restartCount: 1 }] });
  });

  it('new revision nginx-2-<h3>; P = 3 → expectedUpdatedReplicas 2', () => {
    expect(h3).not.toBe(h2);
    expect(h3).toMatch(/^nginx-2-[4-9bcdf]+$/);
    expect(final.revisions.map((r) => [r.name, r.revision]).slice(-2)).toEqual([[h2, 2], [h3, 3]]);
    expect(cs(final).spec.updateStrategy?.partition).toBe(3);
    expect(cs(samples[0]).status).toMatchObject({ updateRevision: h3, expectedUpdatedReplicas: 2 });
  });

  it('partition 3 → exactly 2 pods updated, most recently ready first', () => {
    expect(canaryPods).toHaveLength(2);
    // the pods updated last in blog A, in reverse order
    expect(canaryPods).toEqual([blogAOrder[4], blogAOrder[3]]);
    const others = blogA.pods.map((p) => p.name).filter((n) => !canaryPods.includes(n));
    expect(readyAt(blogA, canaryPods[0])).toBeGreaterThan(readyAt(blogA, canaryPods[1]));
    for (const n of others) expect(readyAt(blogA, canaryPods[1])).toBeGreaterThan(readyAt(blogA, n));
  });

  it('the 2 pods are updated in place one after the other', () => {
    expect(canary[1].time).toBeGreaterThanOrEqual(readyAt(final, canaryPods[0]));
    for (const s of samples) expect(s.pods.filter((p) => !p.ready).length).toBeLessThanOrEqual(1);
    for (const e of canary) expect(e.message).toBe(`successfully update pod ${podIn(e.message)} in-place(revision ${h3})`);
  });

  it('get pod -L controller-revision-hash: 3 × <h2> with RESTARTS 1, 2 × <h3> with RESTARTS 2', () => {
    const at = (rev: string) => final.pods.filter((p) => p.revision === rev);
    expect(at(h2)).toHaveLength(3);
    expect(at(h3).map((p) => p.name).sort()).toEqual([...canaryPods].sort());
    for (const p of at(h2)) expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx', ready: true, restartCount: 1, state: 'running' }]);
    for (const p of at(h3)) expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx:1.19.6-alpine', ready: true, restartCount: 2, state: 'running' }]);
  });

  it('same names and ages as before; no pod or PVC created or deleted', () => {
    expect(final.pods.map(identity)).toEqual(blogA.pods.map(identity));
    expect(final.pvcs).toEqual(blogA.pvcs);
    expect(controllerEvents(final, 'SuccessfulCreate').filter((e) => e.time > canaryAt)).toEqual([]);
    expect(controllerEvents(final, 'SuccessfulDelete')).toEqual([]);
  });

  it('final status: 5/5/5, updated 2/2/2, expected 2, current <h2>, update <h3>', () => {
    expect(cs(final).status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      updatedReplicas: 2,
      updatedReadyReplicas: 2,
      updatedAvailableReplicas: 2,
      expectedUpdatedReplicas: 2,
      currentRevision: h2,
      updateRevision: h3,
    });
  });

  it('kubectl get cloneset: DESIRED 5 UPDATED 2 UPDATED_READY 2 UPDATED_AVAILABLE 2 READY 5 TOTAL 5', () => {
    const { spec, status } = cs(final);
    expect([spec.replicas, status.updatedReplicas, status.updatedReadyReplicas, status.updatedAvailableReplicas, status.readyReplicas, status.replicas]).toEqual([5, 2, 2, 2, 5, 5]);
  });

  it('nothing further happens: an hour later the rollout still rests at 3 + 2', () => {
    const rest = snapshot('at-rest');
    expect(final.time - rest.time).toBe(3600);
    expect(final.pods).toEqual(rest.pods);
    expect(cs(final).status).toEqual(cs(rest).status);
    expect(controllerEvents(final, 'SuccessfulUpdatePodInPlace').filter((e) => e.time > canaryAt)).toHaveLength(2);
  });
});
