// SCENARIOS.md 18: an env change cannot be done in place, so InPlaceIfPossible falls back to
// recreating every pod (new names, new PVCs); InPlaceOnly refuses the change at admission.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '18-env-change-recreates.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const before = snapshot('before-update');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const pvcsOf = (state: ClusterState, name: string) => state.pvcs.filter((p) => p.name.startsWith(`data-vol-${name}-`) && p.name.length === `data-vol-${name}-`.length + 5);
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const count = countEvents;
const podName = (message: string) => message.match(/pod (\S+)/)![1];
const DENIED = 'admission webhook "vcloneset.kb.io" denied the request: ';

describe('18. in-place not possible: env change', () => {
  it('the env change with type InPlaceOnly is refused; everything else runs', () => {
    expect(run.steps.filter((s) => !s.ok).map((s) => s.index)).toEqual([3]);
    const step = run.steps[3];
    expect(step).toMatchObject({ kind: 'apply', ok: false, exitCode: 1 });
    expect(step.error).toContain(DENIED);
    expect(step.error!.slice(step.error!.indexOf(DENIED) + DENIED.length)).toBe(
      'spec: Forbidden: only allowed to update images in spec for InPlaceOnly, but found add /containers/0/env',
    );
  });

  describe.each([
    ['nginx-2', 'env FOO=bar added', 'nginx:alpine'],
    ['nginx-2-both', 'image → nginx and env FOO=bar together (any non-image change wins)', 'nginx'],
  ])('%s: %s', (name, _story, image) => {
    const h1 = cs(before, name).status.updateRevision!;
    const h2 = cs(final, name).status.updateRevision!;
    const originals = podsOf(before, name).map((p) => p.name);

    it('the refused InPlaceOnly apply changed nothing: generation 1 until the accepted change', () => {
      expect(cs(before, name).generation).toBe(1);
      expect(cs(final, name).generation).toBe(2);
      expect(cs(final, name).spec.updateStrategy?.type).toBe('InPlaceIfPossible');
      expect(cs(final, name).spec.template.spec.containers[0].env).toEqual([{ name: 'FOO', value: 'bar' }]);
    });

    it('every pod is recreated: 5 × the recreate event triple, no in-place update', () => {
      expect(h2).not.toBe(h1);
      const recreates = controllerEvents(final, name, 'SuccessfulUpdatePodReCreate');
      expect(count(recreates)).toBe(5);
      for (const e of recreates) expect(e.message).toBe(`successfully patch pod ${podName(e.message)} specified-delete for update(revision ${h2})`);
      expect(recreates.map((e) => podName(e.message)).sort()).toEqual([...originals].sort());
      const deletes = controllerEvents(final, name, 'SuccessfulDelete');
      expect(deletes.map((e) => podName(e.message)).sort()).toEqual([...originals].sort());
      expect(count(controllerEvents(final, name, 'SuccessfulCreate').filter((e) => e.time > before.time))).toBe(5);
      expect(count(controllerEvents(final, name, 'SuccessfulUpdatePodInPlace'))).toBe(0);
    });

    it('new names, RESTARTS 0, all at the new revision; currentRevision catches up', () => {
      const pods = podsOf(final, name);
      expect(pods).toHaveLength(5);
      for (const p of pods) {
        expect(originals).not.toContain(p.name);
        expect(p.revision).toBe(h2);
        expect(p.containers[0]).toMatchObject({ image, restartCount: 0 });
      }
      expect(cs(final, name).status).toMatchObject({ replicas: 5, readyReplicas: 5, updatedReplicas: 5, currentRevision: h2, updateRevision: h2 });
    });

    it('the old pods\' PVCs are deleted and each new pod gets a new PVC', () => {
      const oldPvcs = pvcsOf(before, name).map((p) => p.name).sort();
      expect(oldPvcs).toEqual(originals.map((n) => `data-vol-${n}`).sort());
      const pvcs = pvcsOf(final, name);
      expect(pvcs.map((p) => p.name).sort()).toEqual(podsOf(final, name).map((p) => `data-vol-${p.name}`).sort());
      for (const p of pvcs) {
        expect(oldPvcs).not.toContain(p.name);
        expect(p).toMatchObject({ phase: 'Bound', deleting: false });
      }
    });
  });
});
