// SCENARIOS.md 12 (blog demo C): from the end of scenario 10 (blog A and B repeated here), one
// apply with image nginx:1.18.0, replicas 10, paused true and the partition removed; then
// `kubectl scale --replicas=6` while paused; then paused false.
import { describe, expect, it } from 'vitest';
import { snapshotOf, countEvents } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '12-blog-c-paused-scale.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const controllerEvents = (state: ClusterState, reason: string, after = blogB.time) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/nginx-2' && e.time > after);
const count = countEvents;
const podIn = (message: string) => /pod (nginx-2-\w+)/.exec(message)![1];
const names = (pods: { name: string }[]) => pods.map((p) => p.name).sort();
const untouched = (p: PodState) => ({ name: p.name, uid: p.uid, ip: p.ip, node: p.node, createdAt: p.createdAt, revision: p.revision, containers: p.containers });

const blogB = snapshot('blog-b-done');
const pausedAt10 = snapshot('paused-at-10');
const pausedAt6 = snapshot('paused-at-6');
const h2 = cs(blogB).status.currentRevision!;
const h3 = cs(blogB).status.updateRevision!;
const h4 = cs(pausedAt10).status.updateRevision!;
const oldNames = names(blogB.pods);
const newPods = (state: ClusterState) => state.pods.filter((p) => !oldNames.includes(p.name));
const oldPods = (state: ClusterState) => state.pods.filter((p) => oldNames.includes(p.name));

describe('12. blog C: pause while scaling to 10 with a new image', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('start: the end of blog B — 3 pods at <h2> (nginx), 2 at <h3> (nginx:1.19.6-alpine)', () => {
    expect(blogB.pods.filter((p) => p.revision === h2 && p.containers[0].image === 'nginx')).toHaveLength(3);
    expect(blogB.pods.filter((p) => p.revision === h3 && p.containers[0].image === 'nginx:1.19.6-alpine')).toHaveLength(2);
    expect(cs(blogB).spec.updateStrategy?.partition).toBe(3);
  });

  it('action 1 gives revision nginx-2-<h4>: updateRevision <h4>, currentRevision still <h2>, partition back to 0', () => {
    expect(h4).toMatch(/^nginx-2-[4-9bcdf]+$/);
    expect([h2, h3]).not.toContain(h4);
    expect(final.revisions.find((r) => r.name === h4)?.revision).toBe(4);
    expect(cs(pausedAt10).spec.updateStrategy).toMatchObject({ paused: true, partition: 0 });
    expect(cs(pausedAt10).status).toMatchObject({ updateRevision: h4, currentRevision: h2 });
  });

  it('paused with replicas 10 → 5 new pods at the new revision, created at once', () => {
    const scaledUp = snapshot('scaled-up');
    expect(newPods(scaledUp)).toHaveLength(5);
    expect(new Set(newPods(scaledUp).map((p) => p.createdAt)).size).toBe(1);
    for (const p of newPods(pausedAt10)) {
      expect(p).toMatchObject({ revision: h4, ready: true, lifecycleState: 'Normal' });
      expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx:1.18.0', ready: true, restartCount: 0, state: 'running' }]);
    }
    const creates = controllerEvents(pausedAt10, 'SuccessfulCreate');
    expect(count(creates)).toBe(5);
    expect(creates.map((e) => podIn(e.message)).sort()).toEqual(names(newPods(pausedAt10)));
  });

  it('…with 5 new PVCs, one per new pod', () => {
    expect(pausedAt10.pvcs).toHaveLength(10);
    for (const p of newPods(pausedAt10)) expect(pausedAt10.pvcs.find((c) => c.name === `data-vol-${p.name}`)?.phase).toBe('Bound');
  });

  it('…and no old pod touched: no in-place update, RESTARTS and images unchanged, even 10 minutes later', () => {
    for (const state of [pausedAt10, snapshot('still-paused')]) {
      expect(oldPods(state).map(untouched)).toEqual(blogB.pods.map(untouched));
      expect(controllerEvents(state, 'SuccessfulUpdatePodInPlace')).toEqual([]);
    }
    const images = oldPods(pausedAt10).map((p) => p.containers[0].image).sort();
    expect(images).toEqual(['nginx', 'nginx', 'nginx', 'nginx:1.19.6-alpine', 'nginx:1.19.6-alpine']);
  });

  it('status when settled: 10/10, updated 5/5, expected 10; get cloneset 10 5 5 (5) 10 10', () => {
    const { spec, status } = cs(pausedAt10);
    expect(status).toMatchObject({ replicas: 10, readyReplicas: 10, updatedReplicas: 5, updatedReadyReplicas: 5, expectedUpdatedReplicas: 10 });
    expect([spec.replicas, status.updatedReplicas, status.updatedReadyReplicas, status.updatedAvailableReplicas, status.readyReplicas, status.replicas]).toEqual([10, 5, 5, 5, 10, 10]);
  });

  it('get pod -L controller-revision-hash: 3 × <h2>, 2 × <h3>, 5 × <h4>', () => {
    const at = (rev: string) => pausedAt10.pods.filter((p) => p.revision === rev).length;
    expect([at(h2), at(h3), at(h4)]).toEqual([3, 2, 5]);
  });

  it('action 2, scale to 6 while paused: one reconcile deletes 4 old pods and their PVCs; 1 old + 5 new left', () => {
    const deletes = controllerEvents(pausedAt6, 'SuccessfulDelete');
    expect(count(deletes)).toBe(4);
    expect(new Set(deletes.map((e) => e.time)).size).toBe(1);
    const victims = deletes.map((e) => podIn(e.message)).sort();
    for (const v of victims) expect(oldNames).toContain(v);
    expect(oldPods(pausedAt6)).toHaveLength(1);
    expect(names(newPods(pausedAt6))).toEqual(names(newPods(pausedAt10)));
    expect(names(pausedAt6.pvcs)).toEqual(names(pausedAt6.pods).map((n) => `data-vol-${n}`));
    for (const v of victims) expect(pausedAt6.pvcs.map((p) => p.name)).not.toContain(`data-vol-${v}`);
    expect(cs(pausedAt6).status).toMatchObject({ replicas: 6, readyReplicas: 6, updatedReplicas: 5, currentRevision: h2, updateRevision: h4 });
    expect(controllerEvents(pausedAt6, 'SuccessfulUpdatePodInPlace')).toEqual([]);
  });

  it('action 3, paused false: the remaining old pod is updated in place to nginx:1.18.0; currentRevision → <h4>', () => {
    const [survivor] = oldPods(pausedAt6);
    const updates = controllerEvents(final, 'SuccessfulUpdatePodInPlace');
    expect(updates.map((e) => e.message)).toEqual([`successfully update pod ${survivor.name} in-place(revision ${h4})`]);
    const after = final.pods.find((p) => p.name === survivor.name)!;
    expect(after).toMatchObject({ uid: survivor.uid, revision: h4, ready: true });
    expect(after.containers[0]).toMatchObject({ image: 'nginx:1.18.0', restartCount: survivor.containers[0].restartCount + 1 });
    expect(final.pods).toHaveLength(6);
    expect(final.pods.every((p) => p.revision === h4 && p.ready)).toBe(true);
    expect(cs(final).status).toMatchObject({ currentRevision: h4, updateRevision: h4, replicas: 6, updatedReplicas: 6, updatedReadyReplicas: 6, readyReplicas: 6 });
    expect(controllerEvents(final, 'SuccessfulCreate', pausedAt10.time)).toEqual([]);
  });
});
