// SCENARIOS.md 8: scenario 1 (ReCreate, maxUnavailable 20% → 1), then the image changed to
// nginx:mainline. The rollout is sampled every 100 ms through the first cycle, then every second.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '08-rolling-update-recreate.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;
const podIn = (message: string) => message.replace(/ specified-delete for update\(revision .*\)$/, '').split(' ').pop()!;
const readyAt = (pod: string) => Math.max(...final.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started').map((e) => e.time));

const before = snapshot('before-update');
const h1 = cs(before).status.updateRevision!;
const updateAt = before.time;
const rollout = run.snapshots.filter((s) => s.name.startsWith('rollout+')).map((s) => s.state);
const h2 = cs(final).status.updateRevision!;
const byTime = <T extends { time: number }>(events: T[]) => [...events].sort((a, b) => a.time - b.time);
const marks = byTime(controllerEvents(final, 'SuccessfulUpdatePodReCreate'));
const deletes = byTime(controllerEvents(final, 'SuccessfulDelete'));
const creates = byTime(controllerEvents(final, 'SuccessfulCreate').filter((e) => e.time > updateAt));
const oldNames = before.pods.map((p) => p.name);

describe('8. rolling update, ReCreate', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('new revision sample-<h2> (revision 2); updateRevision changes at once, currentRevision stays <h1>', () => {
    expect(h2).not.toBe(h1);
    expect(h2).toMatch(/^sample-[4-9bcdf]+$/);
    expect(final.revisions).toEqual([{ name: h1, revision: 1 }, { name: h2, revision: 2 }]);
    expect(cs(rollout[0]).status).toMatchObject({ updateRevision: h2, currentRevision: h1 });
  });

  it('currentRevision moves to <h2> only when all 5 pods are at <h2>', () => {
    for (const state of rollout) {
      const active = state.pods.filter((p) => !p.deleting);
      if (cs(state).status.currentRevision === h2) {
        expect(active).toHaveLength(5);
        expect(active.every((p) => p.revision === h2)).toBe(true);
      } else {
        expect(cs(state).status.currentRevision).toBe(h1);
      }
    }
  });

  it('step 1: the pod gets apps.kruise.io/specified-delete=true, still Running and counted', () => {
    const state = rollout[0];
    const marked = state.pods.filter((p) => p.labels['apps.kruise.io/specified-delete'] !== undefined);
    expect(marked.map((p) => p.name)).toEqual([podIn(marks[0].message)]);
    expect(marked[0]).toMatchObject({ phase: 'Running', deleting: false, labels: { 'apps.kruise.io/specified-delete': 'true' } });
    expect(cs(state).status.replicas).toBe(5);
  });

  it('each cycle is three reconciles: mark (SuccessfulUpdatePodReCreate), SuccessfulDelete, SuccessfulCreate', () => {
    expect(marks).toHaveLength(5);
    expect(deletes).toHaveLength(5);
    expect(creates).toHaveLength(5);
    for (let k = 0; k < 5; k++) {
      const victim = podIn(marks[k].message);
      expect(marks[k].message).toBe(`successfully patch pod ${victim} specified-delete for update(revision ${h2})`);
      expect(deletes[k].message).toBe(`succeed to delete pod ${victim}`);
      expect(marks[k].time).toBeLessThan(deletes[k].time);
      expect(deletes[k].time).toBeLessThan(creates[k].time);
      if (k < 4) expect(creates[k].time).toBeLessThan(marks[k + 1].time);
    }
  });

  it('the next old pod is marked only once the new one is available', () => {
    for (let k = 0; k < 4; k++) expect(marks[k + 1].time).toBeGreaterThanOrEqual(readyAt(podIn(creates[k].message)));
  });

  it('first victim = the most recently Ready old pod, then the next most recent', () => {
    const victims = marks.map((e) => podIn(e.message));
    expect([...victims].sort()).toEqual([...oldNames].sort());
    for (let k = 0; k < 5; k++) {
      for (const later of victims.slice(k + 1)) expect(readyAt(victims[k])).toBeGreaterThanOrEqual(readyAt(later));
    }
  });

  it('new pods: new names, controller-revision-hash=<h2>, nginx:mainline, RESTARTS 0', () => {
    expect(final.pods).toHaveLength(5);
    expect(final.pods.map((p) => p.name).sort()).toEqual(creates.map((e) => podIn(e.message)).sort());
    for (const pod of final.pods) {
      expect(oldNames).not.toContain(pod.name);
      expect(pod.revision).toBe(h2);
      expect(pod.labels['pod-template-hash']).toBe(h2.slice('sample-'.length));
      expect(pod.containers).toEqual([{ name: 'nginx', image: 'nginx:mainline', ready: true, restartCount: 0, state: 'running' }]);
    }
  });

  it('totals: 5 × each of the three events; currentRevision = updateRevision = <h2>; UPDATED 5', () => {
    expect(count(marks)).toBe(5);
    expect(count(deletes)).toBe(5);
    expect(count(creates)).toBe(5);
    expect(cs(final).status).toMatchObject({
      currentRevision: h2,
      updateRevision: h2,
      replicas: 5,
      updatedReplicas: 5,
      updatedReadyReplicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
    });
  });

  it('during the rollout status.replicas alternates 5/4 and readyReplicas never goes below 4', () => {
    const replicas = rollout.map((s) => cs(s).status.replicas);
    expect(new Set(replicas)).toEqual(new Set([4, 5]));
    for (const s of rollout) expect(cs(s).status.readyReplicas).toBeGreaterThanOrEqual(4);
  });
});
