// SPEC §10.5 rule 1 and §9.2: the orders in which pods are updated and deleted.
// - the update order is Kubernetes' controller.ActivePods "Less" (k8s pkg/controller/controller_utils.go);
// - the scale-in order is kruise's ActivePodsWithRanks "Less" (pkg/controller/cloneset/utils/pod_sorter.go),
//   which adds availability, the pod-deletion-cost annotation and a spread rank.
// "a before b" = a is updated (or deleted) first.
import { ANNOTATION_POD_DELETION_COST, CONDITION_READY } from '../api/constants';
import type { Pod } from '../api/types';
import { getPodCondition, isPodAvailable, isPodReady, maxContainerRestarts } from './podState';
import { memoOf } from '../store';

/** A spread rank per pod; a higher rank is deleted earlier (SPEC §9.2 rule 5). */
export interface Ranker {
  getRank(pod: Pod): number;
}

/** What the scale-in order adds to the plain ActivePods order. */
export interface ScaleInOrderOptions {
  /** Spread rank; without one every pod ranks 0. */
  ranker?: Ranker;
  /**
   * When given, "not available < available" (SPEC §6, lifecycle and InPlaceUpdateReady included)
   * is compared before readiness; kruise's scale-in passes the CloneSet's minReadySeconds.
   */
  availability?: { minReadySeconds: number; now: number };
}

// Phases other than these three (Succeeded, Failed, unset) share the lowest ordinal, as a missing
// key of Go's map reads 0.
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Object timestamps as the controller sees them: the API server keeps whole seconds, so two
 * pods that became Ready 0.3 s apart within one second are equal to kruise.
 */
function apiSeconds(t: number | undefined): number | undefined {
  return t === undefined ? undefined : Math.floor(t);
}

/** Go's afterOrZero as a three-way result: a missing time counts as the latest of all. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a > b ? -1 : 1;
}

function podReadySince(pod: Pod): number | undefined {
  return apiSeconds(getPodCondition(pod, CONDITION_READY)?.lastTransitionTime);
}

/** pod-deletion-cost: an int32 in plain decimal ("+1", "007", "1.5" are invalid); invalid or absent = 0. */
export function getDeletionCostFromPodAnnotations(annotations: Record<string, string> | undefined): number {
  const value = annotations?.[ANNOTATION_POD_DELETION_COST];
  if (value === undefined) return 0;
  if (!/^(0|-[0-9]+|[1-9][0-9]*)$/.test(value)) return 0;
  const n = Number(value);
  // "-0" is valid and must read as plain 0.
  return n >= -2147483648 && n <= 2147483647 && n !== 0 ? n : 0;
}

/**
 * What both orders look at, read once per pod so a sort of thousands of pods does not re-read
 * conditions and annotations at every comparison.
 */
interface PodOrderKey {
  unassigned: boolean;
  phase: number;
  /** Only in the scale-in order with availability; undefined = not compared. */
  available: boolean | undefined;
  ready: boolean;
  /** Always 0 in the update order, which has no such rule. */
  deletionCost: number;
  rank: number;
  readySince: number | undefined;
  restarts: number;
  created: number | undefined;
}

/** The update order's key of a pod, kept with a stored pod (every reconcile of a rollout sorts the pods left). */
function updateOrderKey(pod: Pod): PodOrderKey {
  const memo = memoOf(pod) as { updateOrderKey?: PodOrderKey } | undefined;
  if (memo?.updateOrderKey) return memo.updateOrderKey;
  const key = readUpdateOrderKey(pod);
  if (memo) memo.updateOrderKey = key;
  return key;
}

function readUpdateOrderKey(pod: Pod): PodOrderKey {
  return {
    unassigned: (pod.spec.nodeName ?? '') === '',
    phase: PHASE_ORDINAL[pod.status.phase ?? ''] ?? 0,
    available: undefined,
    ready: isPodReady(pod),
    deletionCost: 0,
    rank: 0,
    readySince: podReadySince(pod),
    restarts: maxContainerRestarts(pod),
    created: apiSeconds(pod.metadata.creationTimestamp),
  };
}

function scaleInOrderKey(pod: Pod, { ranker, availability }: ScaleInOrderOptions): PodOrderKey {
  return {
    ...updateOrderKey(pod),
    available: availability && isPodAvailable(pod, availability.minReadySeconds, availability.now),
    deletionCost: getDeletionCostFromPodAnnotations(pod.metadata.annotations),
    rank: ranker?.getRank(pod) ?? 0,
  };
}

/**
 * The rules in kruise's order; the update order's keys make the three scale-in-only rules
 * (availability, deletion cost, rank) ties, which leaves exactly k8s ActivePods.
 */
function compareOrderKeys(a: PodOrderKey, b: PodOrderKey): number {
  // 1. Unassigned first.
  if (a.unassigned !== b.unassigned) return a.unassigned ? -1 : 1;
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase < b.phase ? -1 : 1;
  // 3. Not available first, then not Ready first.
  if (a.available !== undefined && b.available !== undefined && a.available !== b.available) return a.available ? 1 : -1;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  // 4. Lower deletion cost first.
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost ? -1 : 1;
  // 5. Higher rank first.
  if (a.rank !== b.rank) return a.rank > b.rank ? -1 : 1;
  // 6. Both Ready: Ready more recently first.
  if (a.ready && b.ready) {
    const d = laterFirst(a.readySince, b.readySince);
    if (d !== 0) return d;
  }
  // 7. More restarts first.
  if (a.restarts !== b.restarts) return a.restarts > b.restarts ? -1 : 1;
  // 8. Newer first.
  return laterFirst(a.created, b.created);
}

/**
 * k8s ActivePods.Less as a three-way result (negative: a first). Unassigned < assigned,
 * Pending < Unknown < Running, not Ready < Ready, Ready more recently < longer ago,
 * more restarts < fewer, newer < older. 0 where Go's Less is false both ways.
 */
export function activePodsOrder(a: Pod, b: Pod): number {
  return compareOrderKeys(updateOrderKey(a), updateOrderKey(b));
}

/** kruise ActivePodsWithRanks.Less as a three-way result (negative: a is deleted first). */
export function activePodsWithRanksOrder(a: Pod, b: Pod, options: ScaleInOrderOptions = {}): number {
  return compareOrderKeys(scaleInOrderKey(a, options), scaleInOrderKey(b, options));
}

/** ActivePods.Less(a, b) exactly as Go answers it. */
export function activePodsLess(a: Pod, b: Pod): boolean {
  return activePodsOrder(a, b) < 0;
}

/** ActivePodsWithRanks.Less(a, b) exactly as Go answers it. */
export function activePodsWithRanksLess(a: Pod, b: Pod, options: ScaleInOrderOptions = {}): boolean {
  return activePodsWithRanksOrder(a, b, options) < 0;
}

/**
 * Our fixed tie-break for pods kruise's rules cannot tell apart. Go sorts these orders with the
 * unstable sort.Sort / sort.Slice over an informer list, so real ties land anywhere; we put the
 * pod created first (exact virtual time, finer than the API's whole seconds) first, then the
 * smaller name. Pods equal in both keep their input order, as Array.prototype.sort is stable.
 */
export function tieBreakByCreationThenName(a: Pod, b: Pod): number {
  const ca = a.metadata.creationTimestamp;
  const cb = b.metadata.creationTimestamp;
  if (ca !== cb && ca !== undefined && cb !== undefined) return ca < cb ? -1 : 1;
  if (a.metadata.name !== b.metadata.name) return a.metadata.name < b.metadata.name ? -1 : 1;
  return 0;
}

/** The update order comparator for a stable sort: ActivePods, then our tie-break. */
export function compareActivePods(a: Pod, b: Pod): number {
  return activePodsOrder(a, b) || tieBreakByCreationThenName(a, b);
}

/** The scale-in comparator for a stable sort: ActivePodsWithRanks, then our tie-break. */
export function compareActivePodsWithRanks(a: Pod, b: Pod, options: ScaleInOrderOptions = {}): number {
  return activePodsWithRanksOrder(a, b, options) || tieBreakByCreationThenName(a, b);
}

/** Sorts items by their pod's keys (computed once each), then our tie-break; stable. */
function sortByKeys<T>(items: readonly T[], podOf: (item: T) => Pod, keyOf: (pod: Pod) => PodOrderKey): T[] {
  const keyed = items.map((item) => ({ item, pod: podOf(item), key: keyOf(podOf(item)) }));
  keyed.sort((a, b) => compareOrderKeys(a.key, b.key) || tieBreakByCreationThenName(a.pod, b.pod));
  return keyed.map((k) => k.item);
}

/** Indexes into `pods` in update order (first = updated first), with our tie-break. */
export function sortIndexesByActivePods(pods: readonly Pod[], indexes: readonly number[]): number[] {
  return sortByKeys(indexes, (i) => pods[i], updateOrderKey);
}

/** A sorted copy of `pods` in scale-in order (first = deleted first), with our tie-break. */
export function sortActivePodsWithRanks(pods: readonly Pod[], options: ScaleInOrderOptions = {}): Pod[] {
  return sortByKeys(pods, (p) => p, (p) => scaleInOrderKey(p, options));
}
