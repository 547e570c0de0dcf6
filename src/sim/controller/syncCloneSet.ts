// SPEC §5 step 7: one sync pass — the scale step, then the update step only if the scale step
// changed nothing. Mirrors kruise pkg/controller/cloneset/cloneset_controller.go syncCloneSet.
// Both steps decide on the pods as listed at the start of the reconcile; their failures become
// FailedScale / FailedUpdate conditions on the new status.
// Era 0.7 (SPEC §18): the steps read the partition by the old rule, and the pods they write are
// translated to that era (created Normal, unprefixed in-place annotations, no pod-template-hash).
import type { CloneSet, CloneSetCondition, ControllerRevision } from '../api/types';
import { createdLifecycleState, toEraPod, type KruiseEra } from './era';
import { calculatePartitionReplicas } from './partition';
import { applyRevision } from './revisions';
import { scaleStep, type ScaleStepInput, type ScaleStepPlan } from './scaleStep';
import { updateStep, type UpdateStepResult } from './updateStep';

/** What one sync pass reads: the scale step's inputs, with the revisions as objects. */
export interface SyncCloneSetInput
  extends Pick<ScaleStepInput, 'pods' | 'pvcs' | 'nodes' | 'now' | 'featureGates' | 'rng' | 'scalingExcludePreparingDelete' | 'creationLimit'> {
  /** The CloneSet as stored (its template is the newest one). */
  cloneSet: CloneSet;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  /** Every ControllerRevision of the CloneSet. */
  revisions: readonly ControllerRevision[];
  /** Which kruise release to behave like (default '1.9'). */
  era?: KruiseEra;
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
  const { currentRevision, updateRevision, now } = input;
  const era = input.era ?? '1.9';
  if (input.cloneSet.metadata.deletionTimestamp !== undefined) return { skipped: true, conditions: [] };
  const cloneSet = withEraPartition(input.cloneSet, era);

  // Pods are built from, and the steps read, the templates recorded in the revisions.
  const currentSet = applyRevision(cloneSet, currentRevision);
  const updateSet = applyRevision(cloneSet, updateRevision);
  const conditions: CloneSetCondition[] = [];

  const scale = toEraScalePlan(scaleStep({
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
  }), era);
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
    era,
  });
  if (update.error !== undefined) conditions.push(failed('FailedUpdate', update.error, now));
  const error = scale.error ?? update.error;
  return { skipped: false, scale, update, conditions, ...(error !== undefined ? { error } : {}) };
}

/**
 * Era 0.7: a percent partition becomes the pod count the old rule gives, so the v1.9 steps (which
 * would apply the "at least one pod updated" correction) see a plain number. Unreadable → 0.
 */
export function withEraPartition(cs: CloneSet, era: KruiseEra): CloneSet {
  const partition = cs.spec.updateStrategy?.partition;
  if (era === '1.9' || typeof partition !== 'string') return cs;
  const { partitionPods } = calculatePartitionReplicas(partition, cs.spec.replicas, era);
  return { ...cs, spec: { ...cs.spec, updateStrategy: { ...cs.spec.updateStrategy, partition: partitionPods } } };
}

/** Era 0.7: new pods start Normal, and every pod the scale step writes is in the era's shape. */
function toEraScalePlan(plan: ScaleStepPlan, era: KruiseEra): ScaleStepPlan {
  if (era === '1.9') return plan;
  return {
    ...plan,
    creations: plan.creations.map((c) => ({ ...c, pod: toEraPod(c.pod, era) })),
    lifecycleChanges: plan.lifecycleChanges.map((c) => ({
      ...c,
      pod: toEraPod(c.pod, era),
      to: c.to === 'PreparingNormal' ? createdLifecycleState(era) : c.to,
    })),
  };
}
