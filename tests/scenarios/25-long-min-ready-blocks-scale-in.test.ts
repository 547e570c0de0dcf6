// SCENARIOS.md 25 (kruise TestScale case 1, issue #1478): with minReadySeconds 9999 every Ready
// pod is still unavailable, so the Ready-delete limit is max(1 + (5 − 3) − 5, 0) = 0.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '25-long-min-ready-blocks-scale-in.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const ready10s = snapshot('ready-10s');
const minuteLater = snapshot('a-minute-later');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const podsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app);
const controllerEvents = (state: ClusterState, name: string) =>
  state.events.filter((e) => e.source === 'cloneset-controller' && e.object === `CloneSet/${name}`);
/** No probe: a pod is Ready when its container starts. */
const readyAt = (state: ClusterState, pod: string) => state.events.find((e) => e.object === `Pod/${pod}` && e.reason === 'Started')!.time;

describe('25. a very long minReadySeconds blocks scale-in', () => {
  const scaledAt = run.steps.find((s) => s.kind === 'kubectl')!.time;

  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
  });

  it('start: 5 pods Ready for ≈10 s, none available (minReadySeconds 9999)', () => {
    for (const p of podsOf(ready10s, 'slow')) {
      expect(p.ready).toBe(true);
      expect(scaledAt - readyAt(ready10s, p.name)).toBeGreaterThanOrEqual(10);
      expect(scaledAt - readyAt(ready10s, p.name)).toBeLessThan(12);
    }
    expect(cs(ready10s, 'slow').status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 0 });
  });

  it('scale to 3: nothing is deleted, no event; DESIRED 3 but TOTAL 5', () => {
    expect(podsOf(minuteLater, 'slow').map((p) => [p.name, p.deleting])).toEqual(podsOf(ready10s, 'slow').map((p) => [p.name, false]));
    expect(controllerEvents(minuteLater, 'slow').filter((e) => e.time > ready10s.time)).toEqual([]);
    expect(cs(minuteLater, 'slow').spec.replicas).toBe(3);
    expect(cs(minuteLater, 'slow').status).toMatchObject({ replicas: 5, readyReplicas: 5, availableReplicas: 0, observedGeneration: 2 });
  });

  it('the 2 deletions happen ≈9999 s later, once the pods become available', () => {
    const deletes = controllerEvents(final, 'slow').filter((e) => e.reason === 'SuccessfulDelete');
    expect(deletes).toHaveLength(2);
    const availableAt = Math.max(...podsOf(ready10s, 'slow').map((p) => readyAt(ready10s, p.name))) + 9999;
    for (const e of deletes) {
      expect(e.time).toBeGreaterThanOrEqual(availableAt);
      expect(e.time).toBeLessThanOrEqual(availableAt + 2);
    }
    expect(podsOf(final, 'slow')).toHaveLength(3);
    expect(cs(final, 'slow').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('the same CloneSet with minReadySeconds 0: 2 pods deleted at once', () => {
    const deletes = controllerEvents(minuteLater, 'fast').filter((e) => e.reason === 'SuccessfulDelete');
    expect(deletes).toHaveLength(2);
    for (const e of deletes) expect(e.time - scaledAt).toBeLessThanOrEqual(0.5);
    expect(podsOf(minuteLater, 'fast')).toHaveLength(3);
    expect(cs(minuteLater, 'fast').status).toMatchObject({ replicas: 3, availableReplicas: 3 });
  });
});
