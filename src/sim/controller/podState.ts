// Predicates over one pod that every decision shares (SPEC §4 "pod ↔ revision match", §6).
// Mirrors kruise's clonesetutils / podutil / lifecycle helpers, with `now` passed in.
import {
  CONDITION_INPLACE_UPDATE_READY,
  CONDITION_READY,
  LABEL_CONTROLLER_REVISION_HASH,
  LABEL_LIFECYCLE_STATE,
  LABEL_SPECIFIED_DELETE,
} from '../api/constants';
import type { CloneSet, Pod, PodCondition } from '../api/types';
import type { FeatureGates } from './featureGates';
import type { InPlaceUpdateState } from './inplaceState';
import { memoOf } from '../store';

export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  const conditions = pod.status.conditions;
  if (!conditions) return undefined;
  // A plain loop: this runs for every pod several times per reconcile.
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === type) return conditions[i];
  return undefined;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, CONDITION_READY)?.status === 'True';
}

/**
 * What the availability and revision predicates read from one pod. Every reconcile asks them of
 * every pod, several times, and most pods are the same stored (frozen) objects as last time: their
 * readings are taken once and kept.
 */
export interface PodReadings {
  /** The controller-revision-hash label ("" when absent) and its part after the last "-". */
  revisionHash: string;
  shortHash: string;
  /** The lifecycle state label ("" when absent). */
  lifecycle: string;
  running: boolean;
  /** The Ready condition is True; `readySince` is its lastTransitionTime. */
  ready: boolean;
  readySince: number | undefined;
  /** InPlaceUpdateReady is absent or True. */
  inPlaceUpdateReady: boolean;
  /**
   * Answers later steps keep about the same pod, next to its readings (one lookup per pod rather
   * than a table per kind of answer): refreshPodState found nothing to do under these inputs …
   */
  quietRefresh: { lifecycle: CloneSet['spec']['lifecycle']; updateRevision: string; featureGates: FeatureGates; result: Readonly<{ pod: Pod; lifecycleChanged: false }> } | undefined;
  /** … and the last in-place completion check. */
  inPlaceCompleted: { state: InPlaceUpdateState; featureGates: FeatureGates; result: string | undefined } | undefined;
}

/** Readings of frozen pods the store did not write (the store's own keep theirs in their memo). */
const readingsOf = new WeakMap<Pod, PodReadings>();

/**
 * The readings of a pod: kept with a stored pod (in its memo) or another frozen one, taken afresh
 * (and not kept) for any other.
 */
export function podReadings(pod: Pod): PodReadings {
  const memo = memoOf(pod) as { readings?: PodReadings } | undefined;
  if (memo?.readings) return memo.readings;
  const frozen = memo === undefined && Object.isFrozen(pod);
  const known = frozen ? readingsOf.get(pod) : undefined;
  if (known) return known;
  const revisionHash = pod.metadata.labels?.[LABEL_CONTROLLER_REVISION_HASH] ?? '';
  const ready = getPodCondition(pod, CONDITION_READY);
  const inPlace = getPodCondition(pod, CONDITION_INPLACE_UPDATE_READY);
  const readings: PodReadings = {
    revisionHash,
    shortHash: getShortHash(revisionHash),
    lifecycle: pod.metadata.labels?.[LABEL_LIFECYCLE_STATE] ?? '',
    running: pod.status.phase === 'Running',
    ready: ready?.status === 'True',
    readySince: ready?.lastTransitionTime,
    inPlaceUpdateReady: !inPlace || inPlace.status === 'True',
    quietRefresh: undefined,
    inPlaceCompleted: undefined,
  };
  if (memo) memo.readings = readings;
  else if (frozen) readingsOf.set(pod, readings);
  return readings;
}

/** Ready for longer than minReadySeconds (strictly; with 0 it is immediate). */
function availableFor(r: PodReadings, minReadySeconds: number, now: number): boolean {
  if (!r.ready) return false;
  if (minReadySeconds === 0) return true;
  return r.readySince !== undefined && r.readySince + minReadySeconds < now;
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for longer than minReadySeconds
 * (strictly: transition + minReadySeconds < now; with 0 it is immediate).
 */
export function isPodAvailableFor(pod: Pod, minReadySeconds: number, now: number): boolean {
  return availableFor(podReadings(pod), minReadySeconds, now);
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const r = podReadings(pod);
  return r.running && availableFor(r, minReadySeconds, now);
}

/** The lifecycle state label ("" when absent). */
export function getLifecycleState(pod: Pod): string {
  return pod.metadata.labels?.[LABEL_LIFECYCLE_STATE] ?? '';
}

/** coreControl.IsPodUpdateReady, on readings: running, available, and InPlaceUpdateReady absent or True. */
export function updateReadyIn(r: PodReadings, minReadySeconds: number, now: number): boolean {
  return r.running && availableFor(r, minReadySeconds, now) && r.inPlaceUpdateReady;
}

/** sync.IsPodAvailable on readings (SPEC §6): lifecycle ""/Normal, and update-ready for minReadySeconds. */
export function availableIn(r: PodReadings, minReadySeconds: number, now: number): boolean {
  return (r.lifecycle === '' || r.lifecycle === 'Normal') && updateReadyIn(r, minReadySeconds, now);
}

/** coreControl.IsPodUpdateReady: running, available, and InPlaceUpdateReady absent or True. */
export function isPodUpdateReady(pod: Pod, minReadySeconds: number, now: number): boolean {
  return updateReadyIn(podReadings(pod), minReadySeconds, now);
}

/** sync.IsPodAvailable (SPEC §6): lifecycle ""/Normal, and update-ready for minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return availableIn(podReadings(pod), minReadySeconds, now);
}

/** Active = not terminating and not finished (SPEC §5 step 2). */
export function isPodActive(pod: Pod): boolean {
  return (
    pod.metadata.deletionTimestamp === undefined &&
    pod.status.phase !== 'Succeeded' &&
    pod.status.phase !== 'Failed'
  );
}

/** The part after the last "-" of a revision name (controller-revision-hash may be either form). */
export function getShortHash(hash: string): string {
  return hash.slice(hash.lastIndexOf('-') + 1);
}

/** Short hashes of the revision names asked about (a reconcile asks about one or two, for every pod, many times). */
const shortHashes = new Map<string, string>();

function shortHashOf(revision: string): string {
  let short = shortHashes.get(revision);
  if (short === undefined) {
    if (shortHashes.size >= 1024) shortHashes.clear();
    shortHashes.set(revision, (short = getShortHash(revision)));
  }
  return short;
}

/** clonesetutils.EqualToRevisionHash on readings: the pod's revision label names this revision. */
export function revisionIn(r: PodReadings, revision: string): boolean {
  return r.revisionHash === revision || r.shortHash === shortHashOf(revision);
}

/** clonesetutils.EqualToRevisionHash. */
export function equalToRevisionHash(pod: Pod, revision: string): boolean {
  return revisionIn(podReadings(pod), revision);
}

/** revision.IsPodUpdate on readings: the scale step's "updated", where PreparingUpdate may count (gate). */
export function updatedForScaleIn(r: PodReadings, updateRevision: string, gates: FeatureGates): boolean {
  return (gates.PreparingUpdateAsUpdate && r.lifecycle === 'PreparingUpdate') || revisionIn(r, updateRevision);
}

/** revision.IsPodUpdate: the scale step's "updated", where PreparingUpdate may count (gate). */
export function isPodUpdateForScale(pod: Pod, updateRevision: string, gates: FeatureGates): boolean {
  return updatedForScaleIn(podReadings(pod), updateRevision, gates);
}

/** Label apps.kruise.io/specified-delete (any value, even "false") or listed in podsToDelete. */
export function isSpecifiedDelete(cs: CloneSet, pod: Pod): boolean {
  if (pod.metadata.labels && LABEL_SPECIFIED_DELETE in pod.metadata.labels) return true;
  const podsToDelete = cs.spec.scaleStrategy?.podsToDelete;
  return !!podsToDelete && podsToDelete.includes(pod.metadata.name);
}

/** Max restartCount over the pod's containers (the sort key of SPEC §9.2 rule 7). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status.containerStatuses ?? []) if (s.restartCount > max) max = s.restartCount;
  return max;
}
