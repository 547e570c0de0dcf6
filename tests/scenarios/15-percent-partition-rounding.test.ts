// SCENARIOS.md 15: a percent partition keeps ceil(replicas × x / 100) pods old, but below
// "100%" at least one pod updates when replicas > 1. One CloneSet per table row.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '15-percent-partition-rounding.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const start = snapshot('all-at-h1');
const cs = (state: ClusterState, name: string) => state.cloneSets.find((c) => c.name === name)!;
const activePodsOf = (state: ClusterState, app: string) => state.pods.filter((p) => p.labels.app === app && !p.deleting);
const DENIED = 'admission webhook "vcloneset.kb.io" denied the request: ';

describe('15. percent partition rounding', () => {
  // [CloneSet, replicas, partition, pods kept old, updated = expectedUpdatedReplicas]
  const rows: [string, number, string, number, number][] = [
    ['r5-p99', 5, '99%', 4, 1], // ceil(4.95) = 5 → forced to 4
    ['r4-p99', 4, '99%', 3, 1], // kruise e2e test
    ['r10-p90', 10, '90%', 9, 1],
    ['r10-p1', 10, '1%', 1, 9],
    ['r5-p100', 5, '100%', 5, 0],
    ['r1-p99', 1, '99%', 1, 0], // the "at least one" rule needs replicas > 1
    ['r9-p0-01', 9, '0.01%', 1, 8],
    ['r0-p99', 0, '99%', 0, 0],
  ];

  it('every step runs except the refused partition "5"', () => {
    const failed = run.steps.filter((s) => !s.ok).map((s) => s.index);
    expect(failed).toEqual([5]);
  });

  it.each(rows)('%s: replicas %i, partition "%s" → %i kept old, %i updated', (name, replicas, partition, keptOld, updated) => {
    const h1 = cs(start, name).status.updateRevision!;
    const status = cs(final, name).status;
    const h2 = status.updateRevision!;
    expect(cs(final, name).spec.updateStrategy?.partition).toBe(partition);
    expect(activePodsOf(start, name).every((p) => p.revision === h1)).toBe(true);
    expect(h2).not.toBe(h1);
    const pods = activePodsOf(final, name);
    expect(pods).toHaveLength(replicas);
    // kubectl get pod -L controller-revision-hash: the split
    expect({ old: pods.filter((p) => p.revision === h1).length, updated: pods.filter((p) => p.revision === h2).length }).toEqual({
      old: keptOld,
      updated,
    });
    expect(status.updatedReplicas).toBe(updated);
    expect(status.expectedUpdatedReplicas ?? 0).toBe(updated);
    expect(status.replicas).toBe(replicas);
    expect(status.readyReplicas).toBe(replicas);
  });

  it('partitions that hold pods back leave currentRevision at <h1>', () => {
    for (const [name, , , keptOld] of rows) {
      if (keptOld > 0) expect(cs(final, name).status.currentRevision).toBe(cs(start, name).status.updateRevision);
    }
  });

  it('replicas 5, partition "5" (no %): refused by the webhook, the CloneSet and its pods unchanged', () => {
    const step = run.steps[5];
    expect(step).toMatchObject({ kind: 'apply', ok: false, exitCode: 1 });
    expect(step.error).toContain(DENIED);
    expect(step.error!.slice(step.error!.indexOf(DENIED) + DENIED.length)).toBe(
      'spec.updateStrategy.partition: Invalid value: "5": failed GetScaledValueFromIntOrPercent for partition: invalid type: string is not a percentage',
    );
    const before = cs(start, 'r5-s5');
    const after = cs(final, 'r5-s5');
    expect(after.generation).toBe(before.generation);
    expect(after.spec).toEqual(before.spec);
    expect(after.status).toEqual(before.status);
    expect(final.revisions.filter((r) => r.name.startsWith('r5-s5-'))).toHaveLength(1);
    expect(activePodsOf(final, 'r5-s5').map((p) => [p.name, p.revision])).toEqual(activePodsOf(start, 'r5-s5').map((p) => [p.name, p.revision]));
  });
});
