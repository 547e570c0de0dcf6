// Shared pieces of the controller's property tests: random CloneSets and edit sequences
// (fast-check arbitraries), kruise's rollout numbers restated from SPEC §7 (independently of the
// controller's own code, so a rounding slip there cannot hide here), and a driver that applies
// an edit sequence to a Cluster while watchers check invariants at every store change.
import fc from 'fast-check';
import { Cluster } from '../../src/sim/cluster';
import { ApplyError } from '../../src/sim/apply';
import { StoreError } from '../../src/sim/store';
import type { CloneSet, Pod } from '../../src/sim/api/types';

export const NAME = 'prop';
export const NS = 'default';

export type IntOrPercent = number | string;
export type UpdateType = 'ReCreate' | 'InPlaceIfPossible' | 'InPlaceOnly';

/** The knobs of one random CloneSet. `undefined` = the field is left out of the manifest. */
export interface CloneSetConfig {
  replicas: number;
  partition?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  maxSurge?: IntOrPercent;
  type: UpdateType;
  paused: boolean;
  minReadySeconds: number;
  scaleMaxUnavailable?: IntOrPercent;
  image: string;
  env: string;
}

/** One change; `then` seconds of virtual time pass after it (0 = the next edit comes at once). */
export type Edit = EditChange & { then?: number };

type EditChange =
  | { kind: 'image'; image: string }
  | { kind: 'env'; value: string }
  | { kind: 'scale'; replicas: number }
  | { kind: 'partition'; partition: IntOrPercent | null }
  | { kind: 'pause'; paused: boolean }
  | { kind: 'deletePod'; index: number }
  | { kind: 'advance'; seconds: number };

/** Images the simulated registry serves (none carries a "does-not-exist" marker). */
export const IMAGES = ['nginx:alpine', 'nginx:mainline', 'nginx:1.25', 'nginx:1.27-alpine'] as const;

const percent = (values: number[]) => fc.constantFrom(...values.map((v) => `${v}%`));

export const partitionArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 0, max: 35 }), percent([0, 1, 10, 25, 50, 90, 99, 100]), fc.integer({ min: 0, max: 100 }).map((v) => `${v}%`));
export const maxUnavailableArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 0, max: 6 }), percent([0, 1, 20, 30, 40, 50, 100]));
export const maxSurgeArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 0, max: 4 }), percent([0, 10, 25, 50, 100]));
const scaleMaxUnavailableArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 1, max: 5 }), percent([10, 50, 100]));

export interface ConfigConstraints {
  /** Leave `paused` false. */
  unpaused?: boolean;
  types?: UpdateType[];
  minReplicas?: number;
  maxMinReadySeconds?: number;
}

export function configArb(c: ConfigConstraints = {}): fc.Arbitrary<CloneSetConfig> {
  return fc.record(
    {
      replicas: fc.integer({ min: c.minReplicas ?? 0, max: 30 }),
      partition: fc.option(partitionArb, { nil: undefined }),
      maxUnavailable: fc.option(maxUnavailableArb, { nil: undefined }),
      maxSurge: fc.option(maxSurgeArb, { nil: undefined }),
      type: fc.constantFrom(...(c.types ?? (['ReCreate', 'InPlaceIfPossible', 'InPlaceOnly'] as const))),
      paused: c.unpaused ? fc.constant(false) : fc.boolean(),
      minReadySeconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: c.maxMinReadySeconds ?? 20 })),
      scaleMaxUnavailable: fc.option(scaleMaxUnavailableArb, { nil: undefined, freq: 3 }),
      image: fc.constantFrom(...IMAGES),
      env: fc.constantFrom('a', 'b', 'c'),
    },
    { requiredKeys: ['replicas', 'type', 'paused', 'minReadySeconds', 'image', 'env'] },
  );
}

const changeArb: fc.Arbitrary<EditChange> = fc.oneof(
  fc.record({ kind: fc.constant('image' as const), image: fc.constantFrom(...IMAGES) }),
  fc.record({ kind: fc.constant('env' as const), value: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('partition' as const), partition: fc.oneof(partitionArb, fc.constant(null)) }),
  fc.record({ kind: fc.constant('pause' as const), paused: fc.boolean() }),
  fc.record({ kind: fc.constant('deletePod' as const), index: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: 1, max: 90 })) }),
);

/** Time left between edits: none, part of a reconcile's delay, a pod's start-up, or more. */
export const gapArb = fc.oneof(fc.constant(0), fc.constantFrom(0.05, 0.1, 0.5), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 60 }));

/** A random edit followed by a random gap. */
export const editArb: fc.Arbitrary<Edit> = fc.tuple(changeArb, gapArb).map(([change, then]) => (then ? { ...change, then } : change));

/** The CloneSet manifest (JSON is YAML) for a configuration. */
export function manifest(c: CloneSetConfig): string {
  const updateStrategy: Record<string, unknown> = { type: c.type };
  if (c.partition !== undefined) updateStrategy.partition = c.partition;
  if (c.maxUnavailable !== undefined) updateStrategy.maxUnavailable = c.maxUnavailable;
  if (c.maxSurge !== undefined) updateStrategy.maxSurge = c.maxSurge;
  if (c.paused) updateStrategy.paused = true;
  const spec: Record<string, unknown> = {
    replicas: c.replicas,
    selector: { matchLabels: { app: NAME } },
    template: {
      metadata: { labels: { app: NAME } },
      spec: { containers: [{ name: 'main', image: c.image, env: [{ name: 'FLAVOUR', value: c.env }] }] },
    },
    updateStrategy,
  };
  if (c.minReadySeconds) spec.minReadySeconds = c.minReadySeconds;
  if (c.scaleMaxUnavailable !== undefined) spec.scaleStrategy = { maxUnavailable: c.scaleMaxUnavailable };
  return JSON.stringify({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: NAME, labels: { app: NAME } }, spec }, null, 2);
}

// ---- kruise's numbers, restated from SPEC §7 ----------------------------------------------------

/** intstr with an integer percent: ceil or floor of R × x / 100; a plain number is itself. */
function scaledValue(v: IntOrPercent, replicas: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const x = Number(v.slice(0, -1));
  const exact = (replicas * x) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** SPEC §7.1 CalculatePartitionReplicas: pods kept at old revisions. */
export function partitionPods(partition: IntOrPercent | undefined | null, replicas: number): number {
  if (partition === undefined || partition === null) return 0;
  let p = scaledValue(partition, replicas, true);
  if (typeof partition === 'string' && replicas > 1 && p === replicas && partition !== '100%') p = replicas - 1;
  return Math.min(Math.max(p, 0), replicas);
}

/** SPEC §7.2: maxSurge (0 while paused, percent rounded up) and maxUnavailable (default 20 %, rounded up without surge, down with). */
export function surgeAndUnavailable(cs: CloneSet): { replicas: number; maxSurge: number; maxUnavailable: number } {
  const replicas = cs.spec.replicas ?? 1;
  const strategy = cs.spec.updateStrategy ?? {};
  const maxSurge = strategy.paused || strategy.maxSurge === undefined || strategy.maxSurge === null ? 0 : scaledValue(strategy.maxSurge, replicas, true);
  const maxUnavailable = scaledValue(strategy.maxUnavailable ?? '20%', replicas, maxSurge === 0);
  return { replicas, maxSurge, maxUnavailable };
}

// ---- pods as the invariants see them (SPEC §6, restated) ---------------------------------------

/** Not terminating and not finished (kruise's "active"). */
export const isActive = (p: Pod) => p.metadata.deletionTimestamp === undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';

const condition = (p: Pod, type: string) => p.status.conditions?.find((c) => c.type === type);

/** SPEC §6 "available": lifecycle absent/Normal, Running, Ready (for longer than minReadySeconds), InPlaceUpdateReady absent or True. */
export function isAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const state = p.metadata.labels?.['lifecycle.apps.kruise.io/state'];
  if (state !== undefined && state !== '' && state !== 'Normal') return false;
  if (p.status.phase !== 'Running') return false;
  const ready = condition(p, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds > 0 && !(ready.lastTransitionTime !== undefined && ready.lastTransitionTime + minReadySeconds < now)) return false;
  const inPlace = condition(p, 'InPlaceUpdateReady');
  return !inPlace || inPlace.status === 'True';
}

export const revisionOf = (p: Pod) => p.metadata.labels?.['controller-revision-hash'];

// ---- driving a cluster --------------------------------------------------------------------------

export const liveCloneSet = (cluster: Cluster) => cluster.store.get('CloneSet', NS, NAME);

/** Whether an error is the cluster refusing an input (as opposed to a crash). */
export const isRefusal = (e: unknown) => e instanceof ApplyError || e instanceof StoreError;

/** Applies one edit, then lets its gap pass; returns false when the cluster refused the edit (nothing changed then). */
export function applyEdit(cluster: Cluster, edit: Edit): boolean {
  const done = applyChange(cluster, edit);
  if (edit.then) cluster.advance(edit.then);
  return done;
}

function applyChange(cluster: Cluster, edit: EditChange): boolean {
  const change = (f: (cs: CloneSet) => CloneSet) => {
    try {
      cluster.updateCloneSet(NS, NAME, f);
      return true;
    } catch (e) {
      if (isRefusal(e)) return false;
      throw e;
    }
  };
  const container = (cs: CloneSet, patch: (c: CloneSet['spec']['template']['spec']['containers'][number]) => void): CloneSet => {
    patch(cs.spec.template.spec.containers[0]);
    return cs;
  };
  switch (edit.kind) {
    case 'image':
      return change((cs) => container(cs, (c) => (c.image = edit.image)));
    case 'env':
      return change((cs) => container(cs, (c) => (c.env = [{ name: 'FLAVOUR', value: edit.value }])));
    case 'scale':
      try {
        cluster.scale(NS, NAME, edit.replicas);
        return true;
      } catch (e) {
        if (isRefusal(e)) return false;
        throw e;
      }
    case 'partition':
      return change((cs) => {
        const strategy = { ...cs.spec.updateStrategy };
        if (edit.partition === null) delete strategy.partition;
        else strategy.partition = edit.partition;
        return { ...cs, spec: { ...cs.spec, updateStrategy: strategy } };
      });
    case 'pause':
      return change((cs) => ({ ...cs, spec: { ...cs.spec, updateStrategy: { ...cs.spec.updateStrategy, paused: edit.paused } } }));
    case 'deletePod': {
      const pods = cluster.pods(NS).filter(isActive).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      if (pods.length === 0) return false;
      cluster.deletePod(NS, pods[edit.index % pods.length].metadata.name);
      return true;
    }
    case 'advance':
      cluster.advance(edit.seconds);
      return true;
  }
}

/** A Cluster with the CloneSet applied; `undefined` when the webhook refused the configuration. */
export function start(config: CloneSetConfig, seed: number): Cluster | undefined {
  const cluster = new Cluster({ seed, nodes: 3 });
  const outcome = cluster.apply(manifest(config));
  if (!outcome.ok) {
    // Only a webhook refusal is an acceptable answer to these generated manifests.
    if (!/admission webhook "vcloneset\.kb\.io" denied the request/.test(outcome.error ?? '')) throw new Error(`unexpected apply failure: ${outcome.error}`);
    return undefined;
  }
  return cluster;
}

/** Shows a configuration and edits in a failure message. */
export const describeRun = (config: CloneSetConfig, edits: readonly Edit[]) => JSON.stringify({ config, edits });

/**
 * Settles, then waits out minReadySeconds and settles again so that every pod counts as
 * available. Returns whether both settles came to rest.
 */
export function settleFully(cluster: Cluster, maxSeconds = 3600): boolean {
  const first = cluster.settle(maxSeconds);
  cluster.advance((liveCloneSet(cluster)?.spec.minReadySeconds ?? 0) + 1);
  return cluster.settle(maxSeconds) && first;
}
