// SCENARIOS.md 21: scaleStrategy.maxUnavailable 1 with minReadySeconds 10 — pods are created one
// at a time, each once the previous one is available (kruise e2e "scales with minReadySeconds
// and scaleStrategy").
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario, type Step } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '21-rate-limited-scale-up.yaml'), 'utf8'));
const run = runScenario(scenario);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const podName = (message: string) => message.match(/pod (\S+)/)![1];

/** The run again, with the `settle` replaced by a snapshot every 100 ms. */
function sampled(): ClusterState[] {
  const settle = scenario.steps.findIndex((s) => 'settle' in s);
  const samples: Step[] = Array.from({ length: 750 }, (_, i) => [{ advance: '100ms' }, { snapshot: `t${i}` }] as Step[]).flat();
  return runScenario({ ...scenario, steps: [...scenario.steps.slice(0, settle), ...samples] }).snapshots.map((s) => s.state);
}

describe('21. rate-limited scale-up', () => {
  const creates = controllerEvents(final, 'SuccessfulCreate');
  /** When each pod's container started (no probe: the pod is Ready at that moment). */
  const readyAt = (pod: string) => final.events.find((e) => e.object === `Pod/${pod}` && e.reason === 'Started' && e.source === 'kubelet')!.time;

  it('every step of the scenario runs and the CloneSet ends with 4 available pods', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
    expect(final.pods).toHaveLength(4);
    expect(cs(final).status).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4, updatedReplicas: 4 });
  });

  it('pods are created one at a time: 4 SuccessfulCreate events at 4 different moments', () => {
    expect(creates).toHaveLength(4);
    expect(new Set(creates.map((e) => e.time)).size).toBe(4);
    expect(new Set(final.pods.map((p) => p.createdAt)).size).toBe(4);
  });

  it('each next pod is created ≈10 s (within 2 s) after the previous one became Ready', () => {
    for (let i = 1; i < creates.length; i++) {
      const gap = creates[i].time - readyAt(podName(creates[i - 1].message));
      expect(gap).toBeGreaterThanOrEqual(10);
      expect(gap).toBeLessThanOrEqual(12);
    }
  });

  it('Warning ScaleUpLimited "limit: 1" each time a pod may be created while more are missing (×3, aggregated)', () => {
    const limited = controllerEvents(final, 'ScaleUpLimited');
    for (const e of limited) expect(e.type).toBe('Warning');
    const one = limited.filter((e) => e.message === 'scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 1');
    expect(one).toHaveLength(1);
    expect(one[0].count).toBe(3);
  });

  it('Warning ScaleUpLimited "limit: 0" while a new pod is not yet available (aggregated into one event)', () => {
    const limited = controllerEvents(final, 'ScaleUpLimited');
    const zero = limited.filter((e) => e.message === 'scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 0');
    expect(zero).toHaveLength(1);
    expect(zero[0].count).toBeGreaterThanOrEqual(3);
    expect(limited.map((e) => e.message).sort()).toEqual([
      'scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 0',
      'scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 1',
    ]);
  });

  it('readyReplicas leads availableReplicas by up to 1 throughout', () => {
    const statuses = sampled().map((s) => cs(s).status);
    expect(statuses.at(-1)).toMatchObject({ replicas: 4, availableReplicas: 4 });
    const leads = statuses.map((s) => (s.readyReplicas ?? 0) - (s.availableReplicas ?? 0));
    expect(Math.min(...leads)).toBe(0);
    expect(Math.max(...leads)).toBe(1);
    expect(Math.max(...statuses.map((s) => s.replicas ?? 0))).toBe(4);
  });
});
