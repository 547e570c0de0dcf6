// SCENARIOS.md 2: scenario 1, then `kubectl scale clone/sample --replicas=8`, then `--replicas=3`
// (one node, so the same-node rank orders pods like rule 6 of §9.2).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '02-scale-up-down.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const status = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!.status;
const names = (pods: { name: string }[]) => pods.map((p) => p.name).sort();
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;
const podsNamedIn = (events: { message: string }[]) => events.map((e) => e.message.split(' ').pop()!).sort();
/** When the pod last became Ready: no probes, so the kubelet's last `Started` event. */
const readyAt = (state: ClusterState, pod: string) => {
  const started = state.events.filter((e) => e.object === `Pod/${pod}` && e.reason === 'Started');
  if (started.length === 0) throw new Error(`${pod} never started`);
  return Math.max(...started.map((e) => e.time));
};

const created = snapshot('created');
const scaledUp = snapshot('scaled-up');
const original = names(created.pods);
const added = names(scaledUp.pods).filter((n) => !original.includes(n));

describe('2. scale up to 8, then down to 3', () => {
  it('every step runs', () => {
    expect(run.steps.filter((s) => !s.ok)).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
    expect(run.steps.filter((s) => s.kind === 'kubectl').map((s) => s.output)).toEqual(['cloneset.apps.kruise.io/sample scaled', 'cloneset.apps.kruise.io/sample scaled']);
  });

  it('scale to 8: 3 new pods at sample-<h1>, 3 × SuccessfulCreate, existing pods untouched', () => {
    const rev = status(created).updateRevision;
    expect(added).toHaveLength(3);
    expect(scaledUp.pods.filter((p) => added.includes(p.name)).every((p) => p.revision === rev && p.ready)).toBe(true);
    expect(count(controllerEvents(scaledUp, 'SuccessfulCreate'))).toBe(8);
    expect(podsNamedIn(controllerEvents(scaledUp, 'SuccessfulCreate').filter((e) => e.time > created.time))).toEqual(added);
    for (const before of created.pods) {
      const after = scaledUp.pods.find((p) => p.name === before.name)!;
      expect(after).toEqual(before);
    }
    expect(status(scaledUp)).toMatchObject({ replicas: 8, readyReplicas: 8, updatedReplicas: 8, currentRevision: rev, updateRevision: rev });
  });

  it('scale to 3: one reconcile deletes 5 pods — the 3 added and the 2 originals Ready last', () => {
    const deletes = controllerEvents(final, 'SuccessfulDelete');
    expect(count(deletes)).toBe(5);
    expect(new Set(deletes.map((e) => e.time)).size).toBe(1);
    const victims = podsNamedIn(deletes);
    expect(victims.filter((n) => added.includes(n))).toEqual(added);
    const originalVictims = victims.filter((n) => original.includes(n));
    expect(originalVictims).toHaveLength(2);
    const kept = original.filter((n) => !victims.includes(n));
    // No pod that stays became Ready later than a pod that went (ties allowed either way).
    const earliestVictim = Math.min(...originalVictims.map((n) => readyAt(scaledUp, n)));
    for (const n of kept) expect(readyAt(scaledUp, n)).toBeLessThanOrEqual(earliestVictim);
    expect(names(final.pods)).toEqual(kept);
  });

  it('the deleted pods are listed as Terminating while status.replicas already shows 3', () => {
    const victims = podsNamedIn(controllerEvents(final, 'SuccessfulDelete'));
    const chosen = snapshot('victims-chosen');
    expect(names(chosen.pods.filter((p) => p.deleting))).toEqual(victims);
    expect(chosen.pods).toHaveLength(8);
    const next = snapshot('next-status-write');
    expect(next.pods.filter((p) => p.deleting)).toHaveLength(5);
    expect(status(next).replicas).toBe(3);
    for (const n of victims) {
      expect(final.events.find((e) => e.object === `Pod/${n}` && e.reason === 'Killing')?.message).toBe('Stopping container nginx');
    }
  });

  it('final: 3 pods, 3/3/3, no pod created by the scale-down', () => {
    expect(final.pods).toHaveLength(3);
    expect(final.pods.every((p) => p.ready && !p.deleting)).toBe(true);
    expect(status(final)).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    expect(count(controllerEvents(final, 'SuccessfulCreate'))).toBe(8);
  });
});
