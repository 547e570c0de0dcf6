// SPEC §5 step 7: one sync pass — the scale step, then the update step only if the scale step
// changed nothing. Mirrors kruise pkg/controller/cloneset/cloneset_controller.go syncCloneSet.
// Both steps decide on the pods as listed at the start of the reconcile; their failures become
// FailedScale / FailedUpdate conditions on the new status.
import type { CloneSet, CloneSetCondition, ControllerRevision, Node, PersistentVolumeClaim, Pod } from '../api/types';
import type { Rng } from '../rng';
import type { FeatureGates } from './featureGates';
import { applyRevision } from './revisions';
import { scaleStep, type ScaleStepPlan } from './scaleStep';
import { updateStep, type UpdateStepResult } from './updateStep';

export interface SyncCloneSetInput {
  /** The CloneSet as stored (its template is the newest one). */
  cloneSet: CloneSet;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  /** Every ControllerRevision of the CloneSet. */
  revisions: readonly ControllerRevision[];
  /** Active pods, as listed at the start of the reconcile. */
  pods: readonly Pod[];
  /** PVCs owned by the CloneSet, not terminating. */
  pvcs: readonly PersistentVolumeClaim[];
  nodes?: readonly Node[];
  /** Virtual seconds. */
  now: number;
  featureGates: FeatureGates;
  /** Draws instance ids for new pods (advanced by a scale-up). */
  rng: Rng;
  /** The controller flag --cloneset-scaling-exclude-preparing-delete. */
  scalingExcludePreparingDelete?: boolean;
  /** See ScaleStepInput.creationLimit. */
  creationLimit?: number;
}

export interface SyncCloneSetPlan {
  /** The CloneSet is being deleted: nothing is done. */
  skipped: boolean;
  /** The scale step's plan (absent when skipped). */
  scale?: ScaleStepPlan;
  /** The update step's result; absent when the scale step changed something (or when skipped). */
  update?: UpdateStepResult;
  /**
   * Conditions to set on the new status with setCloneSetCondition: FailedScale and/or
   * FailedUpdate, True, carrying the error text. v1.9.0 never clears them.
   */
  conditions: CloneSetCondition[];
  /** The reconcile's error: the scale error if any, else the update error. */
  error?: string;
}

function failed(type: 'FailedScale' | 'FailedUpdate', message: string, now: number): CloneSetCondition {
  return { type, status: 'True', message, lastTransitionTime: now };
}

/** syncCloneSet: scale, and update only when scaling changed nothing (a scale error does not stop the update). */
export function syncCloneSet(input: SyncCloneSetInput): SyncCloneSetPlan {
  const { cloneSet, currentRevision, updateRevision, now } = input;
  if (cloneSet.metadata.deletionTimestamp !== undefined) return { skipped: true, conditions: [] };

  // Pods are built from, and the steps read, the templates recorded in the revisions.
  const currentSet = applyRevision(cloneSet, currentRevision);
  const updateSet = applyRevision(cloneSet, updateRevision);
  const conditions: CloneSetCondition[] = [];

  const scale = scaleStep({
    cloneSet: updateSet,
    currentCloneSet: currentSet,
    currentRevision: currentRevision.metadata.name,
    updateRevision: updateRevision.metadata.name,
    pods: input.pods,
    pvcs: input.pvcs,
    nodes: input.nodes,
    now,
    featureGates: input.featureGates,
    rng: input.rng,
    scalingExcludePreparingDelete: input.scalingExcludePreparingDelete,
    creationLimit: input.creationLimit,
  });
  if (scale.error !== undefined) conditions.push(failed('FailedScale', scale.error, now));
  const scaleError = scale.error !== undefined ? { error: scale.error } : {};
  if (scale.modified) return { skipped: false, scale, conditions, ...scaleError };

  const update = updateStep({
    cloneSet: updateSet,
    currentRevision,
    updateRevision,
    revisions: input.revisions,
    pods: input.pods,
    now,
    featureGates: input.featureGates,
  });
  if (update.error !== undefined) conditions.push(failed('FailedUpdate', update.error, now));
  const error = scale.error ?? update.error;
  return { skipped: false, scale, update, conditions, ...(error !== undefined ? { error } : {}) };
}
