// SCENARIOS.md 16: ReCreate with maxSurge 1, maxUnavailable 0 — each old pod is replaced by a
// surge pod that is available first; the 5th old pod goes by plain scale-down.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario, type Step } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '16-maxsurge-recreate.yaml'), 'utf8'));
const run = runScenario(scenario);
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const before = snapshot('before-update');
const after = snapshot('rolled-out');
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason?: string) =>
  state.events.filter((e) => (reason === undefined || e.reason === reason) && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;
const podName = (message: string) => message.match(/pod (\S+)/)![1];
const DENIED = 'admission webhook "vcloneset.kb.io" denied the request: ';

/** The same scenario, with the rollout's `settle` replaced by a snapshot every 100 ms. */
function sampledRollout(): ClusterState[] {
  const imageChange = scenario.steps.flatMap((s, i) => ('apply' in s ? [i] : []))[1];
  const settleAt = imageChange + 1;
  if (!('settle' in scenario.steps[settleAt])) throw new Error('expected the rollout settle right after the image change');
  const samples: Step[] = Array.from({ length: 600 }, (_, i) => [{ advance: '100ms' }, { snapshot: `t${i}` }] as Step[]).flat();
  const sampled = runScenario({ ...scenario, steps: [...scenario.steps.slice(0, settleAt), ...samples] });
  return sampled.snapshots.filter((s) => /^t\d+$/.test(s.name)).map((s) => s.state);
}

describe('16. maxSurge with ReCreate', () => {
  const h1 = cs(before).status.updateRevision!;
  const h2 = cs(after).status.updateRevision!;
  const rollout = controllerEvents(after).filter((e) => e.time > before.time);

  it('the rollout steps all run', () => {
    expect(run.steps.slice(0, 6).map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.slice(0, 6).map((s) => [s.kind, true, null]));
  });

  it('first a surge pod is created at <h2>, before any old pod is marked', () => {
    expect(h2).not.toBe(h1);
    expect(rollout[0].reason).toBe('SuccessfulCreate');
    const surge = podName(rollout[0].message);
    expect(after.pods.find((p) => p.name === surge)?.revision).toBe(h2);
  });

  it('totals: 5 × SuccessfulCreate, 4 × SuccessfulUpdatePodReCreate, 5 × SuccessfulDelete', () => {
    const tally = (reason: string) => count(rollout.filter((e) => e.reason === reason));
    expect([tally('SuccessfulCreate'), tally('SuccessfulUpdatePodReCreate'), tally('SuccessfulDelete')]).toEqual([5, 4, 5]);
  });

  it('4 recreate cycles (create, mark, delete), then the last old pod is scaled down without a mark', () => {
    expect(rollout.map((e) => e.reason)).toEqual([
      ...Array.from({ length: 4 }, () => ['SuccessfulCreate', 'SuccessfulUpdatePodReCreate', 'SuccessfulDelete']).flat(),
      'SuccessfulCreate',
      'SuccessfulDelete',
    ]);
    const marked = rollout.filter((e) => e.reason === 'SuccessfulUpdatePodReCreate').map((e) => podName(e.message));
    const deleted = rollout.filter((e) => e.reason === 'SuccessfulDelete').map((e) => podName(e.message));
    expect(deleted.slice(0, 4)).toEqual(marked);
    const originals = before.pods.map((p) => p.name);
    expect(new Set(deleted)).toEqual(new Set(originals));
    for (const e of rollout.filter((x) => x.reason === 'SuccessfulUpdatePodReCreate')) {
      expect(e.message).toBe(`successfully patch pod ${podName(e.message)} specified-delete for update(revision ${h2})`);
    }
  });

  it('ends with 5 new pods at <h2> (all names changed), replicas back to 5, currentRevision <h2>', () => {
    expect(after.pods).toHaveLength(5);
    for (const p of after.pods) {
      expect(p.revision).toBe(h2);
      expect(before.pods.map((q) => q.name)).not.toContain(p.name);
      expect(p.containers[0]).toMatchObject({ image: 'nginx:mainline', restartCount: 0 });
    }
    expect(cs(after).status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      updatedReplicas: 5,
      updatedReadyReplicas: 5,
      currentRevision: h2,
      updateRevision: h2,
    });
  });

  it('throughout the rollout readyReplicas never drops below 5 and replicas never exceeds 6', () => {
    const samples = sampledRollout();
    expect(samples.at(-1)!.cloneSets.find((c) => c.name === 'sample')!.status.currentRevision).toBe(h2);
    const statuses = samples.map((s) => s.cloneSets.find((c) => c.name === 'sample')!.status);
    expect(Math.min(...statuses.map((s) => s.readyReplicas ?? 0))).toBe(5);
    expect(Math.max(...statuses.map((s) => s.replicas ?? 0))).toBe(6);
    const activePods = samples.map((s) => s.pods.filter((p) => !p.deleting));
    expect(Math.max(...activePods.map((p) => p.length))).toBe(6);
    expect(Math.min(...activePods.map((p) => p.filter((q) => q.ready).length))).toBeGreaterThanOrEqual(5);
  });

  it('maxSurge 1 with InPlaceOnly is refused at admission', () => {
    const step = run.steps[6];
    expect(step).toMatchObject({ kind: 'apply', ok: false, exitCode: 1 });
    expect(step.error).toContain(DENIED);
    expect(step.error!.slice(step.error!.indexOf(DENIED) + DENIED.length)).toBe(
      'spec.updateStrategy.maxSurge: Invalid value: "1": can not use maxSurge with strategy type InPlaceOnly',
    );
    expect(final.cloneSets.map((c) => c.name)).toEqual(['sample']);
  });
});
