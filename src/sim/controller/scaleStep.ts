// SPEC §9.1–9.4: the scale step of one reconcile as a plan. Mirrors kruise
// pkg/controller/cloneset/sync/cloneset_scale.go Scale. The first sub-step that acts ends the step:
// 1. PreparingDelete pods go back to PreparingNormal while the CloneSet is short of pods;
// 2. the diff (§8, scale-step "updated"), with a ScaleUpLimited warning;
// 3. scale up (then nothing else, even when the limit allows no creation);
// 4. delete PreparingDelete pods whose preDelete hook is gone;
// 5. delete specified pods, ready ones only within deleteReadyLimit;
// 6. scale down, only when nothing is planned for deletion.
// Every decision is taken on the pods as listed; nothing is written here. Steps 4–6 live in
// scaleDeletes.ts.
import type { LifecycleState } from '../api/constants';
import type { CloneSet, Node, PersistentVolumeClaim, Pod } from '../api/types';
import type { Rng } from '../rng';
import { explainDiffs, type DiffExplanation, type ExpectationDiffs } from './diffs';
import type { FeatureGates } from './featureGates';
import { updatePodLifecycle } from './lifecycle';
import { getInstanceID, getOrGenAvailableIDs, planCreatePods, type PodCreation } from './podCreation';
import { equalToRevisionHash, getLifecycleState, isSpecifiedDelete } from './podState';
import { deleteSpecified, finishPreDeletes, scaleDown } from './scaleDeletes';
import type { ControllerEvent } from './updatePod';

export interface ScaleStepInput {
  /** The CloneSet with the update revision's template (kruise's updateCS). */
  cloneSet: CloneSet;
  /** The CloneSet with the current revision's template, for pods created at the current revision. Default: `cloneSet`. */
  currentCloneSet?: CloneSet;
  /** Name of the current revision (status.currentRevision, or the update revision for a new CloneSet). */
  currentRevision: string;
  updateRevision: string;
  /** Active pods of the CloneSet, as listed at the start of the reconcile. */
  pods: readonly Pod[];
  /** The CloneSet's PVCs that are not terminating. */
  pvcs: readonly PersistentVolumeClaim[];
  /** Cluster nodes; only read for topology labels when the template has topologySpreadConstraints. */
  nodes?: readonly Node[];
  /** Virtual seconds. */
  now: number;
  featureGates: FeatureGates;
  /** Draws fresh instance ids; advanced by a scale-up (its only side effect). */
  rng: Rng;
  /** The controller flag --cloneset-scaling-exclude-preparing-delete (default false). */
  scalingExcludePreparingDelete?: boolean;
  /**
   * At most this many pods are built for creation. The shell passes what the namespace's pod quota
   * leaves, plus one: creations beyond the first refused one would be abandoned anyway (SPEC §9.3),
   * so a CloneSet asking for a million pods costs a handful of objects, not a million.
   */
  creationLimit?: number;
}

/**
 * The sub-step of SPEC §9.1 that ended the step: the one that acted, scale-up (which always ends
 * it), scale-down waiting for planned deletes, or 'none' when every sub-step had nothing to do.
 */
export type ScaleStage =
  | 'replicasUnset'
  | 'cancelPreparingDelete'
  | 'scaleUp'
  | 'preDelete'
  | 'specifiedDelete'
  | 'scaleDown'
  | 'waitForPlannedDeletes'
  | 'none';

/** A lifecycle write: the pod as it will be (state label, timestamp, maybe KruisePodReady). */
export interface LifecycleChange {
  pod: Pod;
  from: string;
  to: LifecycleState;
}

/** Rule ids of the "why" records (each names the sub-step and the outcome). */
export type ScaleRule =
  | 'replicasUnset'
  | 'cancelPreparingDelete'
  | 'scaleUpLimited'
  | 'createAtCurrentRevision'
  | 'createAtUpdateRevision'
  | 'deleteAfterPreDelete'
  | 'waitForPreDeleteHook'
  | 'deleteSpecified'
  | 'specifiedDeleteOverBudget'
  | 'scaleDown'
  | 'scaleDownOverBudget'
  | 'scaleDownWaitsForPlannedDeletes'
  | 'enterPreparingDelete';

/** Why the step did (or did not do) something: the rule, the pods concerned and the numbers it used. */
export interface ScaleWhy {
  rule: ScaleRule;
  /** SPEC section of the rule. */
  spec: string;
  /** Pod names concerned (for creations: the names they will get). */
  pods: string[];
  numbers: Record<string, number>;
}

export interface ScaleStepPlan {
  /** Whether applying the plan changes a pod (kruise's `modified`): if so the update step is skipped. */
  modified: boolean;
  stage: ScaleStage;
  /** Set when the step cannot run (the CloneSet gets condition FailedScale=True with this message). */
  error?: string;
  /** The diff with its inputs; absent when the step ended before computing it. */
  diff?: DiffExplanation;
  /** Pods to create, in order, each with the PVCs to create just before it. */
  creations: PodCreation[];
  /** Slow-start batch sizes for `creations` (1, 2, 4 …): after a failed batch the rest is dropped. */
  creationBatches: number[];
  /** Lifecycle writes: PreparingDelete → PreparingNormal (step 1), or into PreparingDelete (hooked deletes). */
  lifecycleChanges: LifecycleChange[];
  /** Pods to delete, in order. */
  podsToDelete: Pod[];
  /** PVCs deleted with them (same instance id). */
  pvcsToDelete: PersistentVolumeClaim[];
  /**
   * Events on the CloneSet, in order, as they read when every write succeeds. A failed write ends
   * the step: the shell drops the later actions and their events and records the failure instead.
   */
  events: ControllerEvent[];
  why: ScaleWhy[];
}

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata.name);

function emptyPlan(stage: ScaleStage): ScaleStepPlan {
  return { modified: false, stage, creations: [], creationBatches: [], lifecycleChanges: [], podsToDelete: [], pvcsToDelete: [], events: [], why: [] };
}

/** getPlannedDeletedPods: specified-delete pods, PreparingDelete pods, and how many pods are in either. */
export function getPlannedDeletedPods(cs: CloneSet, pods: readonly Pod[]): { specified: Pod[]; preDeleting: Pod[]; numToDelete: number } {
  const specified: Pod[] = [];
  const preDeleting: Pod[] = [];
  const planned = new Set<string>();
  for (const pod of pods) {
    if (isSpecifiedDelete(cs, pod)) {
      specified.push(pod);
      planned.add(pod.metadata.name);
    }
    if (getLifecycleState(pod) === 'PreparingDelete') {
      preDeleting.push(pod);
      planned.add(pod.metadata.name);
    }
  }
  return { specified, preDeleting, numToDelete: planned.size };
}

/** lifecycle.IsLifecycleMarkPodNotReady: the preDelete or inPlaceUpdate hook marks pods not ready. */
function isLifecycleMarkPodNotReady(cs: CloneSet): boolean {
  const lc = cs.spec.lifecycle;
  return lc?.preDelete?.markPodNotReady === true || lc?.inPlaceUpdate?.markPodNotReady === true;
}

/**
 * managePreparingDelete (step 1): when replicas exceed the pods not planned for deletion, take back
 * that many PreparingDelete pods (not specified-delete ones) into PreparingNormal. Never done when a
 * hook marks pods not ready: kruise forbids that regret, as the Updated hook could be lost.
 */
function cancelPreparingDelete(input: ScaleStepInput, replicas: number, preDeleting: readonly Pod[], numToDelete: number, plan: ScaleStepPlan): void {
  const { cloneSet: cs, pods, now } = input;
  if (isLifecycleMarkPodNotReady(cs)) return;
  let short = replicas - pods.length + numToDelete;
  const shortBefore = short;
  const taken: Pod[] = [];
  for (const pod of preDeleting) {
    if (short <= 0) break;
    if (isSpecifiedDelete(cs, pod)) continue;
    const { updated, pod: written } = updatePodLifecycle(pod, 'PreparingNormal', false, now);
    if (updated) {
      plan.lifecycleChanges.push({ pod: written, from: getLifecycleState(pod), to: 'PreparingNormal' });
      taken.push(pod);
    }
    short--;
  }
  if (taken.length === 0) return;
  plan.modified = true;
  plan.stage = 'cancelPreparingDelete';
  plan.why.push({
    rule: 'cancelPreparingDelete',
    spec: '§9.1',
    pods: names(taken),
    numbers: { replicas, pods: pods.length, plannedDeletes: numToDelete, short: shortBefore },
  });
}

/** Step 3: create `scaleUpLimit` pods, `scaleUpNumOldRevision` of them (at most) at the current revision. */
function scaleUp(input: ScaleStepInput, diff: DiffExplanation, plan: ScaleStepPlan): void {
  const { cloneSet, pods, pvcs, currentRevision, updateRevision, now, featureGates, rng } = input;
  const d = diff.diffs;
  const count = Math.min(d.scaleUpLimit, Math.max(0, input.creationLimit ?? Infinity));
  const ids = getOrGenAvailableIDs(count, pods, pvcs, rng);
  const created = planCreatePods({
    currentCloneSet: input.currentCloneSet ?? cloneSet,
    updateCloneSet: cloneSet,
    currentRevision,
    updateRevision,
    expectedCreations: count,
    expectedCurrentCreations: Math.min(d.scaleUpNumOldRevision, count),
    availableIDs: ids,
    existingPVCNames: pvcs.map((p) => p.metadata.name),
    now,
    featureGates,
  });
  plan.stage = 'scaleUp';
  plan.creations = created.creations;
  plan.creationBatches = created.batches;
  plan.modified = created.creations.length > 0;
  for (const c of created.creations) {
    plan.events.push({ type: 'Normal', reason: 'SuccessfulCreate', message: `succeed to create pod ${c.pod.metadata.name}` });
  }

  const freeIDs = new Set(pvcs.map(getInstanceID));
  const atCurrent = created.creations.filter((c) => currentRevision !== updateRevision && equalToRevisionHash(c.pod, currentRevision));
  const current = new Set(atCurrent);
  const atUpdate = created.creations.filter((c) => !current.has(c));
  const numbers = {
    replicas: diff.numbers.replicas,
    partition: diff.numbers.partition,
    pods: diff.tally.podCount,
    oldPods: diff.tally.old.total,
    scaleUpNum: d.scaleUpNum,
    scaleUpLimit: d.scaleUpLimit,
    scaleUpNumOldRevision: d.scaleUpNumOldRevision,
    useSurge: d.useSurge,
    reusedIds: created.creations.filter((c) => freeIDs.has(getInstanceID(c.pod))).length,
  };
  if (atCurrent.length > 0) plan.why.push({ rule: 'createAtCurrentRevision', spec: '§9.3', pods: atCurrent.map((c) => c.pod.metadata.name), numbers });
  if (atUpdate.length > 0) plan.why.push({ rule: 'createAtUpdateRevision', spec: '§9.3', pods: atUpdate.map((c) => c.pod.metadata.name), numbers });
}

/** The scale step (SPEC §9.1) of one reconcile, as a plan. */
export function scaleStep(input: ScaleStepInput): ScaleStepPlan {
  const { cloneSet: cs, pods, now } = input;
  const replicas = cs.spec.replicas;
  if (replicas === undefined || replicas === null) {
    const plan = emptyPlan('replicasUnset');
    plan.error = 'spec.Replicas is nil';
    plan.why.push({ rule: 'replicasUnset', spec: '§9.1', pods: [], numbers: {} });
    return plan;
  }

  // 1. take back PreparingDelete pods while short of pods
  const plan = emptyPlan('none');
  const { specified, preDeleting, numToDelete } = getPlannedDeletedPods(cs, pods);
  cancelPreparingDelete(input, replicas, preDeleting, numToDelete, plan);
  if (plan.modified) return plan;

  // 2. the numbers
  const diff = explainDiffs({
    cloneSet: cs,
    pods,
    currentRevision: input.currentRevision,
    updateRevision: input.updateRevision,
    now,
    featureGates: input.featureGates,
    isPodUpdate: 'preparingUpdateCountsAsUpdate',
    scalingExcludePreparingDelete: input.scalingExcludePreparingDelete,
  });
  plan.diff = diff;
  const d: ExpectationDiffs = diff.diffs;
  if (d.scaleUpNum > d.scaleUpLimit) {
    plan.events.push({ type: 'Warning', reason: 'ScaleUpLimited', message: `scaleUp is limited because of scaleStrategy.maxUnavailable, limit: ${d.scaleUpLimit}` });
    plan.why.push({
      rule: 'scaleUpLimited',
      spec: '§8.4',
      pods: [],
      numbers: { scaleUpNum: d.scaleUpNum, scaleUpLimit: d.scaleUpLimit, scaleMaxUnavailable: diff.numbers.scaleMaxUnavailable, unavailable: diff.tally.totalUnavailable },
    });
  }

  // 3. scale up; nothing else this reconcile, even if the limit allows no creation
  if (d.scaleUpNum > 0) {
    scaleUp(input, diff, plan);
    return plan;
  }

  // 4. delete PreparingDelete pods whose hook has been removed
  if (preDeleting.length > 0 && finishPreDeletes(input, preDeleting, plan)) return plan;

  // 5. specified deletes (not those in PreparingDelete), ready ones within deleteReadyLimit
  const preDeletingNames = new Set(names(preDeleting));
  const toDelete = specified.filter((p) => !preDeletingNames.has(p.metadata.name));
  let deleteReadyLimit = d.deleteReadyLimit;
  if (toDelete.length > 0) {
    const res = deleteSpecified(input, toDelete, deleteReadyLimit, plan);
    if (res.modified) return plan;
    deleteReadyLimit = res.left;
  }

  // 6. scale down, once nothing else is planned for deletion
  if (d.scaleDownNum > 0) {
    if (numToDelete > 0) {
      plan.stage = 'waitForPlannedDeletes';
      plan.why.push({ rule: 'scaleDownWaitsForPlannedDeletes', spec: '§9.1', pods: [], numbers: { scaleDownNum: d.scaleDownNum, plannedDeletes: numToDelete } });
      return plan;
    }
    scaleDown(input, diff, deleteReadyLimit, plan);
  }
  return plan;
}
