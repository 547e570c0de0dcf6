// SPEC §8: the diff calculation — from the CloneSet's knobs and its active pods, how many
// pods to create, delete and update this reconcile, and within which budgets. Mirrors kruise
// pkg/controller/cloneset/sync/cloneset_sync_utils.go calculateDiffsWithExpectation, split into
// "read the knobs" (rolloutNumbers.ts, SPEC §7), "tally the pods", then "compute".
import { LABEL_SCALING_EXCLUDE_PREPARING_DELETE } from '../api/constants';
import type { CloneSet, Pod } from '../api/types';
import type { FeatureGates } from './featureGates';
import { availableIn, isSpecifiedDelete, podReadings, revisionIn, updatedForScaleIn } from './podState';
import { resolveRolloutNumbers, type RolloutNumbers } from './rolloutNumbers';

export { resolveRolloutNumbers, type RolloutNumbers } from './rolloutNumbers';

/**
 * Which "is this pod at the update revision?" test the caller uses (SPEC §6):
 * - `revisionLabelOnly`: the revision label names the update revision (the update step);
 * - `preparingUpdateCountsAsUpdate`: additionally, with gate PreparingUpdateAsUpdate on, a pod in
 *   lifecycle PreparingUpdate counts as updated (the scale step).
 */
export type IsPodUpdateVariant = 'revisionLabelOnly' | 'preparingUpdateCountsAsUpdate';

export interface DiffInput {
  cloneSet: CloneSet;
  /** Active pods of the CloneSet (not terminating, not Succeeded/Failed). */
  pods: readonly Pod[];
  /** Name of the revision in status.currentRevision (the update revision for a new CloneSet). */
  currentRevision: string;
  updateRevision: string;
  /** Virtual seconds; decides availability under minReadySeconds. */
  now: number;
  featureGates: FeatureGates;
  isPodUpdate: IsPodUpdateVariant;
  /**
   * The controller flag --cloneset-scaling-exclude-preparing-delete (default false). The CloneSet
   * label of the same meaning is read from `cloneSet` itself.
   */
  scalingExcludePreparingDelete?: boolean;
}

/**
 * The plan of one diff calculation. All fields are 0 when nothing is to be done; only `updateNum`
 * and `updateMaxUnavailable` can be negative.
 */
export interface ExpectationDiffs {
  /** Pods to create (≥ 0). Creation is capped by `scaleUpLimit`. */
  scaleUpNum: number;
  /**
   * How many of the pods to create should be at the current (old) revision (≥ 0). May exceed
   * `scaleUpNum`; the creator then makes every new pod an old one.
   */
  scaleUpNumOldRevision: number;
  /** Pods to delete (≥ 0), not counting those already specified for deletion. */
  scaleDownNum: number;
  /**
   * How many of the pods to delete should be old-revision pods (≥ 0), not counting old pods already
   * specified for deletion. May exceed `scaleDownNum`.
   */
  scaleDownNumOldRevision: number;
  /** Pods that may be created now (≥ 0): scaleStrategy.maxUnavailable minus unavailable pods. */
  scaleUpLimit: number;
  /** Ready pods that may be deleted now (≥ 0): the updateStrategy.maxUnavailable budget left. */
  deleteReadyLimit: number;
  /** Pods wanted above spec.replicas right now (≥ 0, ≤ maxSurge). */
  useSurge: number;
  /** The part of `useSurge` that should be old-revision pods (≥ 0). */
  useSurgeOldRevision: number;
  /**
   * Pods to move between revisions. Positive: move that many old pods to the update revision.
   * Negative: move that many updated pods back to the current revision (rollback; needs gate
   * CloneSetPartitionRollback). 0: nothing to update.
   */
  updateNum: number;
  /**
   * Unavailable pods the update may cause (maxUnavailable + pods − replicas): surge pods enlarge
   * it, missing pods shrink it, so it can be negative. 0 when `updateNum` is 0.
   */
  updateMaxUnavailable: number;
}

/** Counts for the pods on one side of the update revision (SPEC §8.1). */
export interface RevisionTally {
  /** All pods on this side. */
  total: number;
  /** Pods in lifecycle PreparingDelete. */
  preDeleting: number;
  /** total − preDeleting. */
  active: number;
  /** Non-PreparingDelete pods that are specified for deletion. */
  toDelete: number;
  /** Non-PreparingDelete, non-specified-delete pods that are not available. */
  unavailable: number;
}

export interface PodTally {
  /** Pods that count as updated under the chosen `isPodUpdate` variant. */
  updated: RevisionTally;
  /** All other pods (any revision but the update revision). */
  old: RevisionTally;
  /** preDeleting + unavailable on both sides; specified-delete pods are not in it. */
  totalUnavailable: number;
  /** All active pods. */
  podCount: number;
}

const emptyTally = (): RevisionTally => ({ total: 0, preDeleting: 0, active: 0, toDelete: 0, unavailable: 0 });

/** One pass over the active pods: the counts the diff calculation (and the "Why" panel) uses. */
export function tallyPods(input: Omit<DiffInput, 'currentRevision' | 'scalingExcludePreparingDelete'>): PodTally {
  const { cloneSet, pods, updateRevision, now } = input;
  const scaleVariant = input.isPodUpdate === 'preparingUpdateCountsAsUpdate';
  const minReadySeconds = cloneSet.spec.minReadySeconds ?? 0;
  const updated = emptyTally();
  const old = emptyTally();

  for (const pod of pods) {
    const r = podReadings(pod);
    const isUpdated = scaleVariant ? updatedForScaleIn(r, updateRevision, input.featureGates) : revisionIn(r, updateRevision);
    const side = isUpdated ? updated : old;
    side.total++;
    if (r.lifecycle === 'PreparingDelete') {
      side.preDeleting++;
      continue;
    }
    side.active++;
    if (isSpecifiedDelete(cloneSet, pod)) side.toDelete++;
    else if (!availableIn(r, minReadySeconds, now)) side.unavailable++;
  }

  const totalUnavailable = updated.preDeleting + old.preDeleting + updated.unavailable + old.unavailable;
  return { updated, old, totalUnavailable, podCount: pods.length };
}

/** Whether PreparingDelete pods are left out of the replica count (SPEC §8.5). */
export function shouldScalingExcludePreparingDelete(cs: CloneSet, controllerFlag = false): boolean {
  return controllerFlag || cs.metadata.labels?.[LABEL_SCALING_EXCLUDE_PREPARING_DELETE] === 'true';
}

/** Everything the calculation looked at, for explanations; `diffs` is the plan itself. */
export interface DiffExplanation {
  numbers: RolloutNumbers;
  tally: PodTally;
  /** activeOld − partition, clamped at ≥ 0 unless rollback is possible. Positive: too many old pods. */
  updateOldDiff: number;
  /** activeUpdated − (replicas − partition), clamped at ≤ 0 unless rollback is possible. */
  updateNewDiff: number;
  /** Whether updated pods may be moved back (gate on and current ≠ update revision). */
  rollbackPossible: boolean;
  excludePreparingDelete: boolean;
  diffs: ExpectationDiffs;
}

export function calculateDiffsWithExpectation(input: DiffInput): ExpectationDiffs {
  return explainDiffs(input).diffs;
}

/** calculateDiffsWithExpectation, keeping its intermediate numbers. */
export function explainDiffs(input: DiffInput): DiffExplanation {
  const numbers = resolveRolloutNumbers(input.cloneSet);
  const tally = tallyPods(input);
  const { replicas, partition, maxUnavailable } = numbers;

  const rollbackPossible = input.currentRevision !== input.updateRevision && input.featureGates.CloneSetPartitionRollback;
  let updateOldDiff = tally.old.active - partition;
  let updateNewDiff = tally.updated.active - (replicas - partition);
  if (!rollbackPossible) {
    updateOldDiff = Math.max(updateOldDiff, 0);
    updateNewDiff = Math.min(updateNewDiff, 0);
  }

  const surge = numbers.maxSurge > 0 ? calculateSurge(numbers, tally, updateOldDiff, updateNewDiff) : { useSurge: 0, useSurgeOldRevision: 0 };
  const excludePreparingDelete = shouldScalingExcludePreparingDelete(input.cloneSet, input.scalingExcludePreparingDelete);
  const scale = calculateScale(numbers, tally, surge, excludePreparingDelete);

  // Move whichever side is closer to its target; a negative result rolls back.
  // (`0 - x` rather than `-x`: negating 0 would give -0, which is not equal to 0 for deep-equal.)
  const updateNum = Math.abs(updateOldDiff) <= Math.abs(updateNewDiff) ? updateOldDiff : 0 - updateNewDiff;
  const updateMaxUnavailable = updateNum !== 0 ? maxUnavailable + tally.podCount - replicas : 0;

  const diffs: ExpectationDiffs = { ...scale, ...surge, updateNum, updateMaxUnavailable };
  return { numbers, tally, updateOldDiff, updateNewDiff, rollbackPossible, excludePreparingDelete, diffs };
}

type Surge = Pick<ExpectationDiffs, 'useSurge' | 'useSurgeOldRevision'>;

/**
 * SPEC §8.3. Surge for specified deletions (replace a marked pod before deleting it when deleting
 * first would break maxUnavailable) competes with surge for the update (old and updated sides off
 * target in opposite directions); the larger wins, ties going to the deletions.
 */
function calculateSurge(numbers: RolloutNumbers, tally: PodTally, updateOldDiff: number, updateNewDiff: number): Surge {
  let scaleSurge = 0;
  let scaleOldSurge = 0;
  const toDelete = tally.updated.toDelete + tally.old.toDelete;
  if (toDelete > 0) {
    scaleSurge = Math.min(Math.max(tally.totalUnavailable + toDelete - numbers.maxUnavailable, 0), toDelete);
    if (scaleSurge > tally.updated.toDelete) scaleOldSurge = scaleSurge - tally.updated.toDelete;
  }

  let updateSurge = 0;
  let updateOldSurge = 0;
  if ((updateOldDiff < 0 && updateNewDiff > 0) || (updateOldDiff > 0 && updateNewDiff < 0)) {
    if (Math.abs(updateOldDiff) <= Math.abs(updateNewDiff)) {
      updateSurge = Math.abs(updateOldDiff);
      if (updateOldDiff < 0) updateOldSurge = updateSurge;
    } else {
      updateSurge = Math.abs(updateNewDiff);
      if (updateNewDiff > 0) updateOldSurge = updateSurge;
    }
  }

  const [wanted, wantedOld] = scaleSurge >= updateSurge ? [scaleSurge, scaleOldSurge] : [updateSurge, updateOldSurge];
  const useSurge = Math.min(numbers.maxSurge, wanted);
  return { useSurge, useSurgeOldRevision: Math.min(useSurge, wantedOld) };
}

type Scale = Pick<
  ExpectationDiffs,
  'scaleUpNum' | 'scaleUpNumOldRevision' | 'scaleDownNum' | 'scaleDownNumOldRevision' | 'scaleUpLimit' | 'deleteReadyLimit'
>;

/** SPEC §8.4: compare the pods there are with replicas (+ surge) and partition (+ old surge). */
function calculateScale(numbers: RolloutNumbers, tally: PodTally, surge: Surge, excludePreparingDelete: boolean): Scale {
  const res: Scale = { scaleUpNum: 0, scaleUpNumOldRevision: 0, scaleDownNum: 0, scaleDownNumOldRevision: 0, scaleUpLimit: 0, deleteReadyLimit: 0 };
  let current = tally.podCount;
  let currentOld = tally.old.total;
  if (excludePreparingDelete) {
    current -= tally.old.preDeleting + tally.updated.preDeleting;
    currentOld -= tally.old.preDeleting;
  }
  const expected = numbers.replicas + surge.useSurge;
  const expectedOld = numbers.partition + surge.useSurgeOldRevision;

  if (expected - current > 0) {
    res.scaleUpNum = expected - current;
    res.scaleUpNumOldRevision = Math.max(expectedOld - currentOld, 0);
    res.scaleUpLimit = Math.min(res.scaleUpNum, Math.max(numbers.scaleMaxUnavailable - tally.totalUnavailable, 0));
  }

  // Pods already specified for deletion are on their way out: do not pick more victims for them.
  const toDelete = tally.old.toDelete + tally.updated.toDelete;
  if (current - toDelete - expected > 0) {
    res.scaleDownNum = current - toDelete - expected;
    res.scaleDownNumOldRevision = Math.max(currentOld - tally.old.toDelete - expectedOld, 0);
  }
  if (toDelete > 0 || res.scaleDownNum > 0) {
    // The budget uses all pods, PreparingDelete included, whatever the exclude rule says.
    res.deleteReadyLimit = Math.max(numbers.maxUnavailable + (tally.podCount - numbers.replicas) - tally.totalUnavailable, 0);
  }
  return res;
}
