// SCENARIOS.md 22: a preDelete hook ({lifecycle-hook: "true"}) holds a pod chosen for deletion
// in PreparingDelete until the label is gone. One CloneSet per variant (see the yaml).
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState, PodState } from '../../src/sim/state';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '22-predelete-hook.yaml'), 'utf8'));
const run = runScenario(scenario);
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const created = snapshot('created');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const controllerEvents = (state: ClusterState, name: string, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
const names = (pods: PodState[]) => pods.map((p) => p.name).sort();
/** The pod a step names (`pod "x" deleted`, `pod/x labeled`). */
const stepPod = (index: number) => run.steps[index].output.match(/pod[/ ]"?([a-z0-9-]+)"?/)![1];
/** The index of the kubectl step with this command line. */
const stepIndex = (command: string) => {
  const i = scenario.steps.findIndex((s) => 'kubectl' in s && s.kubectl === command);
  if (i < 0) throw new Error(`no step kubectl: ${command}`);
  return i;
};

describe('22. preDelete hook', () => {
  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.index, s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.index, s.kind, true, null]));
  });

  it('the @pods indexes used by the steps name pods of the intended CloneSets', () => {
    expect(stepPod(stepIndex('delete pod @pods[15]'))).toMatch(/^hook-kubectl-[a-z0-9]{5}$/);
    expect(stepPod(stepIndex('label pod @pods[6] lifecycle-hook-'))).toMatch(/^hook-ptd-[a-z0-9]{5}$/);
    expect(stepPod(stepIndex('label pod @pods[3] apps.kruise.io/specified-delete=true'))).toMatch(/^hook-exclude-[a-z0-9]{5}$/);
    expect(stepPod(stepIndex('label pod @pods[0] apps.kruise.io/specified-delete=true'))).toMatch(/^hook-[a-z0-9]{5}$/);
  });

  describe('hook: (1) label X apps.kruise.io/specified-delete=true, (2) remove its lifecycle-hook label', () => {
    const x = stepPod(stepIndex('label pod @pods[0] apps.kruise.io/specified-delete=true'));
    const marked = snapshot('marked');
    const others = names(podsOf(created, 'hook').filter((p) => p.name !== x));

    it('(1) X is not deleted: PreparingDelete, still Running and Ready, still counted, not available', () => {
      const pod = podsOf(marked, 'hook').find((p) => p.name === x)!;
      expect(pod).toMatchObject({ lifecycleState: 'PreparingDelete', phase: 'Running', ready: true, deleting: false });
      expect(controllerEvents(marked, 'hook', 'SuccessfulDelete')).toEqual([]);
      expect(cs(marked, 'hook').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 2 });
    });

    it('(1) no replacement is created while X waits', () => {
      expect(podsOf(marked, 'hook')).toHaveLength(3);
      expect(controllerEvents(marked, 'hook', 'SuccessfulCreate')).toHaveLength(3);
    });

    it('(2) X is deleted (SuccessfulDelete), then one new pod is created; the 2 others are untouched', () => {
      const deletes = controllerEvents(final, 'hook', 'SuccessfulDelete');
      expect(deletes.map((e) => e.message)).toEqual([`succeed to delete pod ${x}`]);
      const creates = controllerEvents(final, 'hook', 'SuccessfulCreate').filter((e) => e.time > marked.time);
      expect(creates).toHaveLength(1);
      expect(creates[0].time).toBeGreaterThan(deletes[0].time);
      const pods = podsOf(final, 'hook');
      expect(pods.map((p) => p.name)).not.toContain(x);
      expect(pods).toHaveLength(3);
      for (const name of others) expect(pods.find((p) => p.name === name)).toEqual(podsOf(created, 'hook').find((p) => p.name === name));
      expect(cs(final, 'hook').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    });
  });

  describe('hook-exclude: the same with apps.kruise.io/cloneset-scaling-exclude-preparing-delete: "true"', () => {
    const x = stepPod(stepIndex('label pod @pods[3] apps.kruise.io/specified-delete=true'));
    const marked = snapshot('exclude-marked');

    it('(1) X waits in PreparingDelete and its replacement is created at once: status.replicas 4', () => {
      expect(podsOf(marked, 'hook-exclude').find((p) => p.name === x)).toMatchObject({ lifecycleState: 'PreparingDelete', deleting: false });
      expect(podsOf(marked, 'hook-exclude')).toHaveLength(4);
      expect(controllerEvents(marked, 'hook-exclude', 'SuccessfulDelete')).toEqual([]);
      expect(cs(marked, 'hook-exclude').status).toMatchObject({ replicas: 4, availableReplicas: 3 });
    });

    it('(2) X is deleted; nothing more is created, 3 pods remain', () => {
      const released = snapshot('exclude-released');
      expect(controllerEvents(released, 'hook-exclude', 'SuccessfulDelete').map((e) => e.message)).toEqual([`succeed to delete pod ${x}`]);
      expect(controllerEvents(released, 'hook-exclude', 'SuccessfulCreate')).toHaveLength(4);
      expect(names(podsOf(released, 'hook-exclude'))).toEqual(names(podsOf(marked, 'hook-exclude').filter((p) => p.name !== x)));
      expect(cs(released, 'hook-exclude').status).toMatchObject({ replicas: 3 });
    });
  });

  describe('scale-down with podsToDelete [X]: replicas 3 → 2, then back to 3', () => {
    it('without the label: X PreparingDelete; back at 3 nothing is created until X is gone', () => {
      const x = stepPod(stepIndex('label pod @pods[6] lifecycle-hook-'));
      const down = snapshot('ptd-scaled-down');
      expect(cs(down, 'hook-ptd').spec.scaleStrategy?.podsToDelete).toEqual([x]);
      expect(podsOf(down, 'hook-ptd').find((p) => p.name === x)).toMatchObject({ lifecycleState: 'PreparingDelete', deleting: false });
      expect(podsOf(down, 'hook-ptd')).toHaveLength(3);
      const up = snapshot('ptd-scaled-up');
      expect(cs(up, 'hook-ptd').spec.replicas).toBe(3);
      expect(names(podsOf(up, 'hook-ptd'))).toEqual(names(podsOf(created, 'hook-ptd')));
      expect(podsOf(up, 'hook-ptd').find((p) => p.name === x)?.lifecycleState).toBe('PreparingDelete');
      expect(controllerEvents(up, 'hook-ptd', 'SuccessfulCreate')).toHaveLength(3);
      const released = snapshot('ptd-released');
      const deletes = controllerEvents(released, 'hook-ptd', 'SuccessfulDelete');
      expect(deletes.map((e) => e.message)).toEqual([`succeed to delete pod ${x}`]);
      const creates = controllerEvents(released, 'hook-ptd', 'SuccessfulCreate');
      expect(creates).toHaveLength(4);
      expect(creates[3].time).toBeGreaterThan(deletes[0].time);
      expect(podsOf(released, 'hook-ptd')).toHaveLength(3);
    });

    it('with the label: X PreparingDelete; back at 3 a 4th pod is created immediately', () => {
      const down = snapshot('ptd-exclude-scaled-down');
      const x = cs(down, 'hook-ptd-exclude').spec.scaleStrategy!.podsToDelete![0];
      expect(names(podsOf(created, 'hook-ptd-exclude'))).toContain(x);
      expect(podsOf(down, 'hook-ptd-exclude').find((p) => p.name === x)).toMatchObject({ lifecycleState: 'PreparingDelete', deleting: false });
      expect(podsOf(down, 'hook-ptd-exclude')).toHaveLength(3);
      expect(controllerEvents(down, 'hook-ptd-exclude', 'SuccessfulDelete')).toEqual([]);
      const up = snapshot('ptd-exclude-scaled-up');
      expect(podsOf(up, 'hook-ptd-exclude')).toHaveLength(4);
      expect(podsOf(up, 'hook-ptd-exclude').find((p) => p.name === x)?.lifecycleState).toBe('PreparingDelete');
      expect(controllerEvents(up, 'hook-ptd-exclude', 'SuccessfulCreate')).toHaveLength(4);
      expect(cs(up, 'hook-ptd-exclude').status).toMatchObject({ replicas: 4 });
    });
  });

  describe('hook-plain: a plain scale-down 3 → 2 → 3 (no podsToDelete)', () => {
    const down = snapshot('plain-scaled-down');
    const waiting = podsOf(down, 'hook-plain').filter((p) => p.lifecycleState === 'PreparingDelete');

    it('3 → 2: the victim waits in PreparingDelete, nothing is deleted', () => {
      expect(waiting).toHaveLength(1);
      expect(podsOf(down, 'hook-plain')).toHaveLength(3);
      expect(controllerEvents(down, 'hook-plain', 'SuccessfulDelete')).toEqual([]);
    });

    it('→ 3: the PreparingDelete pod moves back to PreparingNormal, then Normal; nothing created or deleted', () => {
      expect(podsOf(snapshot('plain-cancelled'), 'hook-plain').find((p) => p.name === waiting[0].name)?.lifecycleState).toBe('PreparingNormal');
      const up = snapshot('plain-scaled-up');
      expect(podsOf(up, 'hook-plain').find((p) => p.name === waiting[0].name)?.lifecycleState).toBe('Normal');
      expect(names(podsOf(final, 'hook-plain'))).toEqual(names(podsOf(created, 'hook-plain')));
      expect(controllerEvents(final, 'hook-plain', 'SuccessfulCreate')).toHaveLength(3);
      expect(controllerEvents(final, 'hook-plain', 'SuccessfulDelete')).toEqual([]);
      expect(cs(final, 'hook-plain').status).toMatchObject({ replicas: 3, availableReplicas: 3 });
    });
  });

  it('hook-kubectl: kubectl delete pod bypasses the hook — gone, never PreparingDelete, replaced', () => {
    const x = stepPod(stepIndex('delete pod @pods[15]'));
    const after = snapshot('kubectl-deleted');
    expect(after.pods.map((p) => p.name)).not.toContain(x);
    expect(podsOf(after, 'hook-kubectl')).toHaveLength(3);
    expect(podsOf(after, 'hook-kubectl').every((p) => p.lifecycleState === 'Normal')).toBe(true);
    expect(controllerEvents(after, 'hook-kubectl', 'SuccessfulDelete')).toEqual([]);
    expect(controllerEvents(after, 'hook-kubectl', 'SuccessfulCreate')).toHaveLength(4);
  });
});
