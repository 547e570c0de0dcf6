// SCENARIOS.md 12, "Blog-era note" (SPEC §18): the same blog A → B → C run on a kruise 0.7 cluster.
// Before v1.1 a paused CloneSet skipped the whole update step, refresh included, so the 5 pods
// created by the paused scale-up never get InPlaceUpdateReady=True and stay not Ready until resume.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '12b-blog-c-paused-era-0.7.yaml'), 'utf8'));
const run = runScenario(scenario);
const snapshot = (name: string): ClusterState => {
  const found = run.snapshots.find((s) => s.name === name);
  if (!found) throw new Error(`no snapshot ${name}`);
  return found.state;
};
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const blogB = snapshot('blog-b-done');
const pausedAt10 = snapshot('paused-at-10');
const stillPaused = snapshot('still-paused');
const oldNames = blogB.pods.map((p) => p.name);
const newPods = (state: ClusterState) => state.pods.filter((p) => !oldNames.includes(p.name));
const oldPods = (state: ClusterState) => state.pods.filter((p) => oldNames.includes(p.name));
const h4 = cs(pausedAt10).status.updateRevision!;
const getCloneSet = (state: ClusterState) => {
  const { spec, status } = cs(state);
  return [spec.replicas, status.updatedReplicas, status.updatedReadyReplicas, status.readyReplicas, status.replicas];
};
const events = (state: ClusterState, reason: string, after: number) =>
  state.events.filter((e) => e.reason === reason && e.object === 'CloneSet/nginx-2' && e.time > after);

describe('12b. blog C on kruise 0.7: pods created while paused stay not Ready', () => {
  it('the scenario asks for the 0.7 era, and every step runs', () => {
    expect(scenario.cluster.kruiseVersion).toBe('0.7');
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('blog B ends as in 1.9 (3 + 2 pods), but the status has no 0.8+ fields', () => {
    expect(oldPods(blogB)).toHaveLength(5);
    for (const state of [blogB, pausedAt10, final]) {
      expect(cs(state).status).not.toHaveProperty('currentRevision');
      expect(cs(state).status).not.toHaveProperty('expectedUpdatedReplicas');
      expect(cs(state).status).not.toHaveProperty('updatedAvailableReplicas');
    }
  });

  it('paused at 10: 5 new pods at <h4>, created directly in Normal, containers running but pods not Ready', () => {
    expect(newPods(pausedAt10)).toHaveLength(5);
    for (const p of newPods(pausedAt10)) {
      expect(p).toMatchObject({ revision: h4, ready: false, lifecycleState: 'Normal', phase: 'Running' });
      expect(p.containers).toEqual([{ name: 'nginx', image: 'nginx:1.18.0', ready: true, restartCount: 0, state: 'running' }]);
      expect(Object.keys(p.labels)).not.toContain('pod-template-hash');
    }
  });

  it('get cloneset: DESIRED 10 UPDATED 5 UPDATED_READY 0 READY 5 TOTAL 10 — still so 10 minutes later', () => {
    for (const state of [pausedAt10, stillPaused]) {
      expect(getCloneSet(state)).toEqual([10, 5, 0, 5, 10]);
      expect(newPods(state).every((p) => !p.ready)).toBe(true);
      expect(oldPods(state).every((p) => p.ready && p.revision !== h4)).toBe(true);
      expect(events(state, 'SuccessfulUpdatePodInPlace', blogB.time)).toEqual([]);
    }
  });

  it('resumed: the refresh marks the new pods Ready within a second, then old pods update in place', () => {
    const resumed = snapshot('resumed+1s');
    expect(newPods(resumed).every((p) => p.ready)).toBe(true);
    expect(final.pods).toHaveLength(10);
    expect(final.pods.every((p) => p.revision === h4 && p.ready && p.containers[0].image === 'nginx:1.18.0')).toBe(true);
    expect(getCloneSet(final)).toEqual([10, 10, 10, 10, 10]);
    const updates = events(final, 'SuccessfulUpdatePodInPlace', stillPaused.time);
    expect(updates.reduce((n, e) => n + e.count, 0)).toBe(5);
    expect(events(final, 'SuccessfulCreate', pausedAt10.time)).toEqual([]);
  });
});

describe('12b. the blog era\'s kubelet', () => {
  it('writes its Pulled events as the post shows them, without "(… including waiting)"', () => {
    const pulled = final.events.filter((e) => e.reason === 'Pulled' && e.message.startsWith('Successfully pulled'));
    expect(pulled.length).toBeGreaterThan(0);
    for (const e of pulled) expect(e.message).toMatch(/^Successfully pulled image "[^"]+" in [\d.]+m?s$/);
  });
});
