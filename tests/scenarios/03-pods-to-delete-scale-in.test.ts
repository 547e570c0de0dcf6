// SCENARIOS.md 3: scenario 1, then apply replicas 4 with scaleStrategy.podsToDelete: [sample-<id3>].
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '03-pods-to-delete-scale-in.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;

const created = snapshot('created');
const id3 = created.pods[2].name;
const applies = run.steps.filter((s) => s.kind === 'apply');

describe('3. selective delete with a replica decrease (podsToDelete)', () => {
  it('every step but the refused apply runs, and each settle reaches rest', () => {
    expect(run.steps.filter((s) => !s.ok).map((s) => s.index)).toEqual([applies[1].index]);
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
  });

  it('a name that is not a pod is refused by the webhook and changes nothing', () => {
    expect(applies[1].ok).toBe(false);
    expect(applies[1].error).toContain(
      'admission webhook "vcloneset.kb.io" denied the request: spec.scaleStrategy.podsToDelete: Invalid value: "sample-x": find pod sample-x failed: pods "sample-x" not found',
    );
    const after = snapshot('after-refusal');
    expect(cs(after).generation).toBe(cs(created).generation);
    expect(cs(after).spec).toEqual(cs(created).spec);
    expect(after.pods).toEqual(created.pods);
  });

  it('an existing pod of the CloneSet is accepted', () => {
    expect(applies[2]).toMatchObject({ ok: true, output: 'cloneset.apps.kruise.io/sample configured' });
  });

  it('exactly sample-<id3> is deleted, with 1 × SuccessfulDelete', () => {
    const deletes = controllerEvents(final, 'SuccessfulDelete');
    expect(count(deletes)).toBe(1);
    expect(deletes[0].message).toBe(`succeed to delete pod ${id3}`);
    expect(snapshot('deleted').pods.filter((p) => p.deleting).map((p) => p.name)).toEqual([id3]);
  });

  it('no other pod is deleted and no pod is created', () => {
    expect(count(controllerEvents(final, 'SuccessfulCreate'))).toBe(5);
    const survivors = created.pods.filter((p) => p.name !== id3);
    expect(final.pods.map((p) => p.name)).toEqual(survivors.map((p) => p.name));
    for (const before of survivors) expect(final.pods.find((p) => p.name === before.name)!.uid).toBe(before.uid);
    expect(cs(final).status).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4, updatedReplicas: 4 });
  });

  it('the controller then prunes podsToDelete: generation +1, observedGeneration follows', () => {
    const deleted = snapshot('deleted');
    expect(cs(deleted).spec.scaleStrategy?.podsToDelete).toEqual([id3]);
    expect(cs(final).spec.scaleStrategy?.podsToDelete ?? []).not.toContain(id3);
    expect(cs(final).generation).toBe(cs(deleted).generation + 1);
    expect(cs(final).status.observedGeneration).toBe(cs(final).generation);
  });
});
