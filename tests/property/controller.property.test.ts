// Property tests of the CloneSet controller (and the node layer under it): random CloneSets and
// random edit sequences, with invariants from SPEC §7–§10 checked at every change the store sees.
// fast-check prints the seed and the shrunk counterexample of a failure; replay one with
// `fc.assert(..., { seed, path })`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from '../../src/sim/cluster';
import type { Pod } from '../../src/sim/api/types';
import {
  IMAGES,
  NS,
  applyEdit,
  configArb,
  describeRun,
  editArb,
  isActive,
  isAvailable,
  liveCloneSet,
  partitionArb,
  partitionPods,
  revisionOf,
  settleFully,
  start,
  surgeAndUnavailable,
  type CloneSetConfig,
  type Edit,
} from './support';

const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
/**
 * Each property's budget: the whole file stays well within a minute on two cores. A longer hunt:
 * PROPERTY_RUNS_SCALE=10 npx vitest run tests/property
 */
const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1') || 1;
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE), endOnFailure: false });
const TIMEOUT = 120_000 * SCALE;

/** How often a property met the situation it is about, printed so a vacuous run shows. */
class Coverage {
  readonly counts: Record<string, number> = {};
  constructor(readonly property: string) {}
  add(what: string): void {
    this.counts[what] = (this.counts[what] ?? 0) + 1;
  }
  print(): void {
    console.log(`${this.property}: ${JSON.stringify(this.counts)}`);
  }
}

/** Updated = the revision label names status.updateRevision (full name or its hash suffix). */
function isUpdated(pod: Pod, updateRevision: string | undefined): boolean {
  const label = revisionOf(pod);
  if (!label || !updateRevision) return false;
  return label === updateRevision || updateRevision.endsWith(`-${label}`);
}

/** Everything a run of edits must end in: at rest, the replicas there, all available, partition respected. */
function expectAtRest(cluster: Cluster, what: string): void {
  const cs = liveCloneSet(cluster)!;
  const replicas = cs.spec.replicas ?? 1;
  const active = cluster.pods(NS).filter(isActive);
  expect(active.length, `${what}: active pods at rest`).toBe(replicas);
  expect(active.filter((p) => !isAvailable(p, cs.spec.minReadySeconds ?? 0, cluster.now())).map((p) => p.metadata.name), `${what}: unavailable pods at rest`).toEqual([]);
  expect(cs.status?.observedGeneration, `${what}: observedGeneration`).toBe(cs.metadata.generation);
  expect(cs.status?.replicas, `${what}: status.replicas`).toBe(replicas);
  expect(cs.status?.availableReplicas, `${what}: status.availableReplicas`).toBe(replicas);
  const updated = active.filter((p) => isUpdated(p, cs.status?.updateRevision)).length;
  expect(cs.status?.updatedReplicas, `${what}: status.updatedReplicas`).toBe(updated);
  if (!cs.spec.updateStrategy?.paused) {
    // Not paused: the update went as far as the partition lets it (SPEC §7.1: R − P pods updated).
    const partition = partitionPods(cs.spec.updateStrategy?.partition, replicas);
    expect(replicas - updated, `${what}: pods left at old revisions (partition ${partition})`).toBeLessThanOrEqual(partition);
  }
}

describe('controller properties (fast-check)', () => {
  it('never creates a pod beyond replicas + maxSurge, and a paused CloneSet never starts a pod update', () => {
    const coverage = new Coverage('surge/paused');
    fc.assert(
      fc.property(configArb(), fc.boolean(), fc.array(editArb, { maxLength: 8 }), seedArb, (config, settledFirst, edits, seed) => {
        const cluster = start(config, seed);
        coverage.add(cluster ? 'admitted' : 'refused by the webhook');
        if (!cluster) return;
        if (settledFirst) cluster.settle(3600);
        const violations: string[] = [];
        let surged = false;
        let pausedWithPendingUpdate = false;
        cluster.store.watch((e) => {
          if (e.kind !== 'Pod') return;
          const cs = liveCloneSet(cluster);
          if (!cs) return;
          if (e.type === 'ADDED') {
            // SPEC §8.4: expected = R + useSurge with useSurge ≤ maxSurge, and nothing is created past it.
            const { replicas, maxSurge } = surgeAndUnavailable(cs);
            const active = cluster.pods(NS).filter(isActive).length;
            if (active > replicas) surged = true;
            if (active > replicas + maxSurge) violations.push(`t=${cluster.now()}: ${active} active pods after creating ${e.object.metadata.name}, replicas ${replicas} + maxSurge ${maxSurge}`);
          }
          if (e.type === 'MODIFIED' && cs.spec.updateStrategy?.paused) {
            // SPEC §10.3: paused stops steps 4–7, so no pod gets a new revision label or a recreate mark.
            const before = e.old as Pod;
            const after = e.object as Pod;
            if (revisionOf(before) !== revisionOf(after)) violations.push(`t=${cluster.now()}: ${after.metadata.name} moved ${revisionOf(before)} → ${revisionOf(after)} while paused`);
            const mark = 'apps.kruise.io/specified-delete';
            if (before.metadata.labels?.[mark] === undefined && after.metadata.labels?.[mark] !== undefined) violations.push(`t=${cluster.now()}: ${after.metadata.name} marked for recreate while paused`);
          }
        });
        for (const edit of edits) {
          applyEdit(cluster, edit);
          const status = liveCloneSet(cluster)?.status;
          if (liveCloneSet(cluster)?.spec.updateStrategy?.paused && status && status.updateRevision !== status.currentRevision) pausedWithPendingUpdate = true;
        }
        cluster.settle(3600);
        if (surged) coverage.add('created pods above replicas');
        if (pausedWithPendingUpdate) coverage.add('paused with an update pending');
        expect(violations, `${describeRun(config, edits)} settledFirst=${settledFirst}`).toEqual([]);
      }),
      runs(300),
    );
    coverage.print();
  }, TIMEOUT);

  it('never has fewer than replicas − maxUnavailable pods available during an update from a settled CloneSet', () => {
    // One template change (the update), before or among partition changes and time passing. A
    // second template change while pods are still updating is another matter: the CloneSet has
    // not settled before that update (see the report on re-targeted in-place updates).
    const templateEdit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant('image' as const), image: fc.constantFrom(...IMAGES) }),
      fc.record({ kind: fc.constant('env' as const), value: fc.constantFrom('a', 'b', 'c', 'd') }),
    );
    const otherEdit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant('partition' as const), partition: fc.oneof(partitionArb, fc.constant(null)) }),
      fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 40 }) }),
    );
    const updateEdits = fc
      .tuple(fc.array(otherEdit, { maxLength: 2 }), templateEdit, fc.array(otherEdit, { maxLength: 3 }))
      .map(([before, change, after]) => [...before, change, ...after]);
    const coverage = new Coverage('availability');
    fc.assert(
      fc.property(configArb({ unpaused: true, minReplicas: 1, maxMinReadySeconds: 8 }), updateEdits, seedArb, (config, edits, seed) => {
        const cluster = start(config, seed);
        coverage.add(cluster ? 'admitted' : 'refused by the webhook');
        if (!cluster) return;
        const what = describeRun(config, edits);
        expect(settleFully(cluster), `${what}: settles before the update`).toBe(true);
        expectAtRest(cluster, `${what} (before the update)`);
        // Replicas and maxSurge stay as they are (no scale, no pause), so the budget is fixed:
        // available ≥ R − U, with U rounded up without surge and down with it (SPEC §7.2). Surge
        // pods enlarge the update budget by exactly the pods they add (§8.2), so the bound holds.
        const { replicas, maxUnavailable } = surgeAndUnavailable(liveCloneSet(cluster)!);
        const floor = replicas - maxUnavailable;
        const minReady = config.minReadySeconds;
        let lowest = { available: Infinity, at: 0 };
        const check = () => {
          const available = cluster.pods(NS).filter((p) => isActive(p) && isAvailable(p, minReady, cluster.now())).length;
          if (available < lowest.available) lowest = { available, at: cluster.now() };
        };
        cluster.store.watch((e) => {
          if (e.kind === 'Pod') check();
        });
        for (const edit of edits) applyEdit(cluster, edit);
        expect(settleFully(cluster), `${what}: settles after the update`).toBe(true);
        if (lowest.available < replicas) coverage.add('pods went unavailable');
        if (cluster.eventList().filter((e) => e.reason === 'SuccessfulCreate').reduce((n, e) => n + e.count, 0) > config.replicas) coverage.add('recreated');
        if (surgeAndUnavailable(liveCloneSet(cluster)!).maxSurge > 0) coverage.add('with maxSurge');
        if (lowest.available === floor) coverage.add('budget used to the full');
        expect(lowest.available, `${what}: fewest available pods (at t=${lowest.at}) vs replicas ${replicas} − maxUnavailable ${maxUnavailable}`).toBeGreaterThanOrEqual(Math.min(floor, replicas));
        expectAtRest(cluster, `${what} (after the update)`);
      }),
      runs(120),
    );
    coverage.print();
  }, TIMEOUT);

  it('keeps exactly min(partition, replicas) pods at the old revision once an update settles', () => {
    const afterUpdate: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant('deletePod' as const), index: fc.nat({ max: 40 }) }),
      fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 30 }) }),
    );
    const coverage = new Coverage('partition');
    fc.assert(
      fc.property(configArb({ unpaused: true, maxMinReadySeconds: 5 }), fc.nat({ max: IMAGES.length - 2 }), fc.array(afterUpdate, { maxLength: 4 }), seedArb, (config, shift, edits, seed) => {
        const cluster = start(config, seed);
        coverage.add(cluster ? 'admitted' : 'refused by the webhook');
        if (!cluster) return;
        const what = describeRun(config, edits);
        expect(settleFully(cluster), `${what}: settles before the update`).toBe(true);
        const next = IMAGES[(IMAGES.indexOf(config.image as (typeof IMAGES)[number]) + 1 + shift) % IMAGES.length];
        expect(applyEdit(cluster, { kind: 'image', image: next }), `${what}: image change to ${next} admitted`).toBe(true);
        for (const edit of edits) applyEdit(cluster, edit);
        expect(settleFully(cluster), `${what}: settles after the update`).toBe(true);
        const cs = liveCloneSet(cluster)!;
        const active = cluster.pods(NS).filter(isActive);
        const old = active.filter((p) => !isUpdated(p, cs.status?.updateRevision));
        // SPEC §7.1 (CalculatePartitionReplicas) resolved from the text, independently of the controller.
        const kept = partitionPods(config.partition, config.replicas);
        if (kept > 0 && kept < config.replicas) coverage.add('partly updated');
        expect(old.length, `${what}: pods at the old revision with partition ${String(config.partition)} of ${config.replicas} (→ ${kept})`).toBe(kept);
        expect(old.every((p) => p.spec.containers[0].image === config.image), `${what}: old pods keep the old image`).toBe(true);
        expect(active.filter((p) => !old.includes(p)).every((p) => p.spec.containers[0].image === next), `${what}: updated pods run ${next}`).toBe(true);
        expectAtRest(cluster, what);
      }),
      runs(120),
    );
    coverage.print();
  }, TIMEOUT);

  it('settles within its limit and ends at rest after any edit sequence (valid specs, good images)', () => {
    const coverage = new Coverage('settle');
    fc.assert(
      fc.property(configArb(), fc.boolean(), fc.array(editArb, { maxLength: 8 }), seedArb, (config, settledFirst, edits, seed) => {
        const cluster = start(config, seed);
        coverage.add(cluster ? 'admitted' : 'refused by the webhook');
        if (!cluster) return;
        if (settledFirst) cluster.settle(3600);
        for (const edit of edits) coverage.add(applyEdit(cluster, edit) ? `${edit.kind} done` : `${edit.kind} refused`);
        const before = cluster.now();
        const rested = settleFully(cluster, 3600);
        const what = `${describeRun(config, edits)} settledFirst=${settledFirst}`;
        expect(rested, `${what}: at rest within 3600 s (stopped at t=${cluster.now()}, started settling at ${before})`).toBe(true);
        expect(cluster.atRest()).toBe(true);
        expectAtRest(cluster, what);
      }),
      runs(120),
    );
    coverage.print();
  }, TIMEOUT);

  it('same seed and inputs ⇒ byte-identical state, events and why-records; a snapshot replays to the same state', () => {
    const run = (config: CloneSetConfig, edits: readonly Edit[], seed: number) => {
      const cluster = start(config, seed);
      if (!cluster) return undefined;
      for (const edit of edits) applyEdit(cluster, edit);
      cluster.settle(600);
      return cluster;
    };
    fc.assert(
      fc.property(configArb(), fc.array(editArb, { maxLength: 6 }), seedArb, (config, edits, seed) => {
        const a = run(config, edits, seed);
        const b = run(config, edits, seed);
        if (!a || !b) {
          expect(a).toBe(b);
          return;
        }
        const text = (c: Cluster) => JSON.stringify({ state: c.state(), events: c.eventList(), decisions: c.decisions });
        expect(text(b)).toBe(text(a));
        expect(b.store.resourceVersion()).toBe(a.store.resourceVersion());
        const restored = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
        expect(JSON.stringify(restored.state())).toBe(JSON.stringify(a.state()));
      }),
      runs(60),
    );
  }, TIMEOUT);
});
