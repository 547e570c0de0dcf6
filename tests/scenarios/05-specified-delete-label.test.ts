// SCENARIOS.md 5: scenario 1, then `kubectl label pod sample-<id4> apps.kruise.io/specified-delete=true`;
// then the same with the value "false" on another pod.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '05-specified-delete-label.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;
const newPods = (before: ClusterState, after: ClusterState) => after.pods.filter((p) => !before.pods.some((q) => q.name === p.name));

/** Labelling a pod specified-delete (any value): deleted, then replaced by a pod with a new name. */
function expectDeletedAndReplaced(before: ClusterState, justAfter: ClusterState, settled: ClusterState, victim: string, value: string) {
  expect(justAfter.pods.find((p) => p.name === victim)).toMatchObject({ deleting: true, labels: { 'apps.kruise.io/specified-delete': value } });
  expect(justAfter.pods.filter((p) => p.deleting)).toHaveLength(1);
  expect(controllerEvents(settled, 'SuccessfulDelete').map((e) => e.message)).toContain(`succeed to delete pod ${victim}`);
  expect(settled.pods.map((p) => p.name)).not.toContain(victim);
  const fresh = newPods(before, settled);
  expect(fresh).toHaveLength(1);
  expect(fresh[0].name).not.toBe(victim);
  expect(fresh[0].revision).toBe(cs(before).status.updateRevision);
  expect(controllerEvents(settled, 'SuccessfulCreate').map((e) => e.message)).toContain(`succeed to create pod ${fresh[0].name}`);
  for (const p of before.pods.filter((q) => q.name !== victim)) expect(settled.pods.find((q) => q.name === p.name)!.uid).toBe(p.uid);
  expect(cs(settled).status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 5 });
}

describe('5. selective delete by label', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('specified-delete=true: the pod is deleted and replaced by a pod with a new name', () => {
    const created = snapshot('created');
    expectDeletedAndReplaced(created, snapshot('deleted'), snapshot('replaced'), created.pods[3].name, 'true');
  });

  it('specified-delete=false has the same effect: only the key is checked', () => {
    const replaced = snapshot('replaced');
    expectDeletedAndReplaced(replaced, snapshot('deleted-false'), final, replaced.pods[0].name, 'false');
  });

  it('totals: 2 × SuccessfulDelete, 7 × SuccessfulCreate, the CloneSet spec untouched', () => {
    expect(count(controllerEvents(final, 'SuccessfulDelete'))).toBe(2);
    expect(count(controllerEvents(final, 'SuccessfulCreate'))).toBe(7);
    expect(cs(final).generation).toBe(1);
  });
});
