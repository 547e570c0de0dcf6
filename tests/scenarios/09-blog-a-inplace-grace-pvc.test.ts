// SCENARIOS.md 9 (blog demo A): nginx-2, InPlaceIfPossible with gracePeriodSeconds 10 and a PVC
// template; the image is edited from nginx:alpine to nginx and applied.
import { describe, expect, it } from 'vitest';
import { snapshotOf, countEvents } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '09-blog-a-inplace-grace-pvc.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/nginx-2');
const podEvents = (pod: string, reason: string) => final.events.filter((e) => e.object === `Pod/${pod}` && e.reason === reason && e.source === 'kubelet');
const count = countEvents;
/** When the pod last became Ready: no probes, so the kubelet's last `Started` event. */
const readyAt = (state: ClusterState, pod: string) => Math.max(...state.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started').map((e) => e.time));
const podIn = (message: string) => /^successfully update pod (\S+) in-place/.exec(message)![1];
const identity = (p: PodState) => ({ name: p.name, uid: p.uid, ip: p.ip, node: p.node, createdAt: p.createdAt });

const before = snapshot('before-update');
const h1 = cs(before).status.updateRevision!;
const h2 = cs(final).status.updateRevision!;
const updateAt = before.time;
const samples = run.snapshots.filter((s) => s.name !== 'before-update').map((s) => s.state);
const inPlace = [...controllerEvents(final, 'SuccessfulUpdatePodInPlace')].sort((a, b) => a.time - b.time);
const order = inPlace.map((e) => podIn(e.message));
const [podA] = order;

describe('9. blog A: in-place update with a grace period and PVCs (nginx-2)', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'apply').map((s) => s.output)).toEqual(['cloneset.apps.kruise.io/nginx-2 created', 'cloneset.apps.kruise.io/nginx-2 configured']);
  });

  it('initial state: 5 pods Running 1/1, RESTARTS 0, 5 PVCs data-vol-nginx-2-<id> Bound, revision <h1>', () => {
    expect(before.pods).toHaveLength(5);
    for (const p of before.pods) {
      expect(p).toMatchObject({ phase: 'Running', ready: true, revision: h1 });
      expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx:alpine', ready: true, restartCount: 0, state: 'running' }]);
    }
    expect(before.pvcs.map((p) => p.name).sort()).toEqual(before.pods.map((p) => `data-vol-${p.name}`).sort());
    expect(before.pvcs.every((p) => p.phase === 'Bound')).toBe(true);
  });

  it('a new revision nginx-2-<h2>; status.updateRevision changes at once', () => {
    expect(h2).not.toBe(h1);
    expect(h2).toMatch(/^nginx-2-[4-9bcdf]+$/);
    expect(final.revisions.map((r) => r.name)).toEqual([h1, h2]);
    expect(cs(snapshot('update-started')).status.updateRevision).toBe(h2);
  });

  it('t+0: the pod moves to <h2> (labels, lifecycle Updating), goes NotReady, still runs nginx:alpine', () => {
    const pod = snapshot('update-started').pods.find((p) => p.name === podA)!;
    expect(pod.ready).toBe(false);
    expect(pod.labels).toMatchObject({
      'controller-revision-hash': h2,
      'pod-template-hash': h2.slice('nginx-2-'.length),
      'lifecycle.apps.kruise.io/state': 'Updating',
    });
    expect(pod.containers[0]).toMatchObject({ image: 'nginx:alpine', state: 'running', restartCount: 0 });
    expect(inPlace[0]).toMatchObject({ type: 'Normal', message: `successfully update pod ${podA} in-place(revision ${h2})` });
  });

  it('from the next status write: UPDATED +1, READY −1', () => {
    expect(cs(snapshot('next-status-write')).status).toMatchObject({ updatedReplicas: 1, readyReplicas: 4, replicas: 5 });
  });

  it('during the grace period the container keeps nginx:alpine; after 10 s the spec image becomes nginx', () => {
    const during = snapshot('during-grace').pods.find((p) => p.name === podA)!;
    expect(during).toMatchObject({ ready: false, lifecycleState: 'Updating', revision: h2 });
    expect(during.containers[0].image).toBe('nginx:alpine');
    const after = snapshot('grace-over').pods.find((p) => p.name === podA)!;
    expect(after.containers[0].image).toBe('nginx');
  });

  it('kubelet: Killing (definition changed) after the grace period → Pulling → Pulled → Created → Started', () => {
    for (const [k, pod] of order.entries()) {
      const killing = podEvents(pod, 'Killing');
      expect(killing.map((e) => e.message)).toEqual(['Container nginx definition changed, will be restarted']);
      // the grace is counted from updateTimestamp, stored in an annotation with RFC 3339 second
      // precision, so it can end up to 1 s before 10 s have passed
      expect(killing[0].time).toBeGreaterThan(inPlace[k].time + 9);
      const pulling = podEvents(pod, 'Pulling').filter((e) => e.message === 'Pulling image "nginx"');
      expect(pulling).toHaveLength(1);
      expect(pulling[0].time).toBeGreaterThanOrEqual(killing[0].time);
      const pulled = podEvents(pod, 'Pulled').filter((e) => e.message.startsWith('Successfully pulled image "nginx" in '));
      expect(pulled).toHaveLength(1);
      expect(pulled[0].time).toBeGreaterThanOrEqual(pulling[0].time);
      // the same messages as at creation, so they are folded: "(x2 over …)"
      expect(podEvents(pod, 'Created')).toMatchObject([{ message: 'Created container nginx', count: 2 }]);
      expect(podEvents(pod, 'Started')).toMatchObject([{ message: 'Started container nginx', count: 2 }]);
      expect(podEvents(pod, 'Started')[0].time).toBeGreaterThanOrEqual(pulled[0].time);
    }
  });

  it('pods are updated strictly one at a time, each next one once the previous is Ready again', () => {
    expect(inPlace).toHaveLength(5);
    for (let k = 0; k < 4; k++) expect(inPlace[k + 1].time).toBeGreaterThanOrEqual(readyAt(final, order[k]));
    for (const s of samples) {
      expect(s.pods.filter((p) => !p.ready).length).toBeLessThanOrEqual(1);
      expect(s.pods.filter((p) => p.lifecycleState === 'Updating').length).toBeLessThanOrEqual(1);
    }
  });

  it('most recently Ready first', () => {
    for (let k = 0; k < 5; k++) {
      for (const later of order.slice(k + 1)) expect(readyAt(before, order[k])).toBeGreaterThanOrEqual(readyAt(before, later));
    }
  });

  it('in-place keeps names, UIDs, IPs, nodes and creation times; RESTARTS goes 0 → 1', () => {
    expect(final.pods.map(identity)).toEqual(before.pods.map(identity));
    for (const p of before.pods) expect(p.containers[0].restartCount).toBe(0);
    for (const p of final.pods) expect(p.containers[0].restartCount).toBe(1);
  });

  it('PVCs untouched; no SuccessfulCreate / SuccessfulDelete after the update', () => {
    expect(final.pvcs).toEqual(before.pvcs);
    expect(controllerEvents(final, 'SuccessfulCreate').filter((e) => e.time > updateAt)).toEqual([]);
    expect(controllerEvents(final, 'SuccessfulDelete')).toEqual([]);
  });

  it('end state: 5 pods at <h2>, image nginx, RESTARTS 1; current = update = <h2>; get cloneset 5 5 5 (5) 5 5', () => {
    for (const p of final.pods) {
      expect(p).toMatchObject({ revision: h2, ready: true, phase: 'Running', lifecycleState: 'Normal', deleting: false });
      expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx', ready: true, restartCount: 1, state: 'running' }]);
    }
    const { spec, status } = cs(final);
    expect(status).toMatchObject({ currentRevision: h2, updateRevision: h2, availableReplicas: 5, expectedUpdatedReplicas: 5 });
    expect([spec.replicas, status.updatedReplicas, status.updatedReadyReplicas, status.updatedAvailableReplicas, status.readyReplicas, status.replicas]).toEqual([5, 5, 5, 5, 5, 5]);
  });

  it('events (CloneSet): 5 × SuccessfulUpdatePodInPlace, one per pod, naming <h2>', () => {
    expect(count(inPlace)).toBe(5);
    expect([...order].sort()).toEqual(before.pods.map((p) => p.name).sort());
    for (const e of inPlace) expect(e.message).toBe(`successfully update pod ${podIn(e.message)} in-place(revision ${h2})`);
  });

  it('each pod takes about the 10 s grace plus the 29 s pull of "nginx"', () => {
    for (const [k, pod] of order.entries()) expect(readyAt(final, pod) - inPlace[k].time).toBeGreaterThan(9 + 29);
  });
});
