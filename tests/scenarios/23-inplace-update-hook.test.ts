// SCENARIOS.md 23: an inPlaceUpdate hook ({example.io/block: "true"}) stops each pod at
// PreparingUpdate before the update and at Updated after it, until the user moves the label.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '23-inplace-update-hook.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const before = snapshot('before-update');
const preparing = snapshot('preparing-update');
const updating = snapshot('updating');
const updated = snapshot('updated');
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'nginx-2')!;
const pod = (state: ClusterState, name: string) => state.pods.find((p) => p.name === name)!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/nginx-2');

describe('23. inPlaceUpdate hook', () => {
  const h1 = cs(before).status.updateRevision!;
  const h2 = cs(preparing).status.updateRevision!;
  // pods in creation order; they were added one at a time, so the last one became Ready last
  const [, , , second, first] = before.pods.map((p) => p.name);

  it('every step of the scenario runs; the label steps act on the most recently Ready pod', () => {
    expect(run.steps.map((s) => [s.index, s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.index, s.kind, true, null]));
    expect(before.pods).toHaveLength(5);
    expect(new Set(before.pods.map((p) => p.createdAt)).size).toBe(5);
    expect(run.steps.filter((s) => s.kind === 'kubectl' && s.output.startsWith('pod/')).map((s) => s.output)).toEqual([
      `pod/${first} labeled`,
      `pod/${first} labeled`,
    ]);
  });

  it('1. the first pod (most recently Ready) → PreparingUpdate; revision and image unchanged, still Ready, not available', () => {
    expect(h2).not.toBe(h1);
    expect(pod(preparing, first)).toMatchObject({ lifecycleState: 'PreparingUpdate', revision: h1, ready: true, phase: 'Running' });
    expect(pod(preparing, first).containers[0]).toMatchObject({ image: 'nginx:alpine', restartCount: 0 });
    expect(cs(preparing).status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 4, updatedReplicas: 0 });
    expect(controllerEvents(preparing, 'SuccessfulUpdatePodInPlace')).toEqual([]);
  });

  it('1. no other pod starts (budget 1): the rest stay Normal at <h1>', () => {
    for (const p of preparing.pods.filter((q) => q.name !== first)) {
      expect(p).toMatchObject({ lifecycleState: 'Normal', revision: h1, ready: true });
    }
  });

  it('2. the user removes example.io/block → Updating, in-place update without grace (image written at once)', () => {
    const p = pod(updating, first);
    expect(p.labels['example.io/block']).toBeUndefined();
    expect(p).toMatchObject({ lifecycleState: 'Updating', revision: h2, ready: false });
    expect(p.containers[0].image).toBe('nginx:mainline');
    const events = controllerEvents(updating, 'SuccessfulUpdatePodInPlace');
    expect(events.map((e) => e.message)).toEqual([`successfully update pod ${first} in-place(revision ${h2})`]);
  });

  it('3. update complete → Updated (hook defined, not satisfied); Ready, RESTARTS 1, still not available', () => {
    const p = pod(updated, first);
    expect(p).toMatchObject({ lifecycleState: 'Updated', revision: h2, ready: true });
    expect(p.containers[0]).toMatchObject({ image: 'nginx:mainline', restartCount: 1, state: 'running' });
    expect({ uid: p.uid, ip: p.ip }).toEqual({ uid: pod(before, first).uid, ip: pod(before, first).ip });
    expect(cs(updated).status).toMatchObject({ readyReplicas: 5, availableReplicas: 4, updatedReplicas: 1, updatedReadyReplicas: 1, updatedAvailableReplicas: 0 });
    for (const q of updated.pods.filter((x) => x.name !== first)) expect(q).toMatchObject({ lifecycleState: 'Normal', revision: h1 });
  });

  it('4. the user adds the label back → Normal; the next pod (next most recently Ready) enters PreparingUpdate', () => {
    expect(pod(final, first)).toMatchObject({ lifecycleState: 'Normal', revision: h2, ready: true });
    expect(pod(final, first).labels['example.io/block']).toBe('true');
    expect(pod(final, second)).toMatchObject({ lifecycleState: 'PreparingUpdate', revision: h1, ready: true });
    expect(pod(final, second).containers[0]).toMatchObject({ image: 'nginx:alpine', restartCount: 0 });
    expect(final.pods.filter((p) => p.lifecycleState === 'PreparingUpdate')).toHaveLength(1);
    expect(controllerEvents(final, 'SuccessfulUpdatePodInPlace')).toHaveLength(1);
    expect(cs(final).status).toMatchObject({ replicas: 5, availableReplicas: 4, updatedReplicas: 1, updatedAvailableReplicas: 1 });
  });
});
