// SPEC §15.1–15.2 (and §5 step 6): the status a reconcile writes, kruise cloneset_status.go
// calculateStatus / inconsistentStatus. Counted over the active pods as listed at the start of the
// reconcile, before the reconcile's own actions.
import { labelSelectorString } from '../api/labelSelector';
import type { CloneSet, CloneSetStatus, Pod } from '../api/types';
import { setCloneSetCondition } from './conditions';
import { expectedUpdatedReplicas } from './partition';
import { availableIn, podReadings, revisionIn, updateReadyIn } from './podState';
import { calculateProgressingStatus, hasProgressingConditionChanged } from './progressing';
import type { KruiseEra } from './era';

export const CONDITION_FAILED_SCALE = 'FailedScale';
export const CONDITION_FAILED_UPDATE = 'FailedUpdate';

/** The revisions chosen for this reconcile (getActiveRevisions). */
export interface StatusRevisions {
  currentRevision: string;
  updateRevision: string;
  collisionCount?: number;
}

/** Errors of this reconcile's scale and update steps, recorded as FailedScale / FailedUpdate. */
export interface SyncErrors {
  scale?: string;
  update?: string;
}

export interface StatusResult {
  status: CloneSetStatus;
  /** Whether kruise would write it: a counted field, a revision, the selector or Progressing changed, or the generation advanced. */
  changed: boolean;
  /** Seconds until the progress deadline must be re-checked, when the CloneSet is progressing. */
  requeueAfter?: number;
}

/**
 * calculateStatus: counts, revisions, expectedUpdatedReplicas, carried-over conditions (FailedScale
 * and FailedUpdate are set on errors and never cleared in v1.9.0) and the Progressing condition.
 * - ready: Running, Ready, and InPlaceUpdateReady absent or True (any lifecycle state);
 * - available: additionally lifecycle ""/Normal and Ready for more than minReadySeconds;
 * - currentRevision moves to the update revision once every pod is updated and their number is
 *   spec.replicas (readiness not needed).
 * Era 0.7 (SPEC §18): no currentRevision (v0.8), expectedUpdatedReplicas (v1.2),
 * updatedAvailableReplicas (v1.5) nor Progressing condition (v1.9).
 */
export function calculateStatus(
  cs: CloneSet,
  pods: readonly Pod[],
  revisions: StatusRevisions,
  now: number,
  errors: SyncErrors = {},
  era: KruiseEra = '1.9',
): StatusResult {
  const replicasWanted = cs.spec.replicas ?? 1;
  const minReadySeconds = cs.spec.minReadySeconds ?? 0;
  let status: CloneSetStatus = {
    observedGeneration: cs.metadata.generation ?? 0,
    currentRevision: revisions.currentRevision,
    updateRevision: revisions.updateRevision,
    collisionCount: revisions.collisionCount ?? 0,
    labelSelector: labelSelectorString(cs.spec.selector),
    conditions: cs.status?.conditions ?? [],
  };
  if (errors.scale !== undefined) status = setFailure(status, CONDITION_FAILED_SCALE, errors.scale, now);
  if (errors.update !== undefined) status = setFailure(status, CONDITION_FAILED_UPDATE, errors.update, now);

  let replicas = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let updatedReady = 0;
  let updatedAvailable = 0;
  for (const pod of pods) {
    const r = podReadings(pod);
    const isReady = updateReadyIn(r, 0, now);
    const isAvailable = availableIn(r, minReadySeconds, now);
    const isUpdated = revisionIn(r, revisions.updateRevision);
    replicas++;
    if (isReady) ready++;
    if (isAvailable) available++;
    if (isUpdated) updated++;
    if (isUpdated && isReady) updatedReady++;
    if (isUpdated && isAvailable) updatedAvailable++;
  }
  status = {
    ...status,
    replicas,
    readyReplicas: ready,
    availableReplicas: available,
    updatedReplicas: updated,
    updatedReadyReplicas: updatedReady,
    updatedAvailableReplicas: updatedAvailable,
    expectedUpdatedReplicas: expectedUpdatedReplicas(cs.spec.updateStrategy?.partition, cs.spec.replicas),
  };
  if (updated === replicas && replicas === replicasWanted) status.currentRevision = revisions.updateRevision;

  if (era === '0.7') {
    const blogEra = { ...status };
    delete blogEra.currentRevision;
    delete blogEra.expectedUpdatedReplicas;
    delete blogEra.updatedAvailableReplicas;
    return { status: blogEra, changed: inconsistentStatus(cs, blogEra) };
  }
  const progressing = calculateProgressingStatus(cs, status, now);
  return { status: progressing.status, changed: inconsistentStatus(cs, progressing.status), requeueAfter: progressing.requeueAfter };
}

function setFailure(status: CloneSetStatus, type: string, message: string, now: number): CloneSetStatus {
  return setCloneSetCondition(status, { type, status: 'True', message, lastTransitionTime: now });
}

/** inconsistentStatus: does the new status differ from the stored one in a way worth a write? */
export function inconsistentStatus(cs: CloneSet, next: CloneSetStatus): boolean {
  const old = cs.status ?? {};
  const counted = [
    'replicas',
    'readyReplicas',
    'availableReplicas',
    'updatedReadyReplicas',
    'updatedReplicas',
    'updatedAvailableReplicas',
    'expectedUpdatedReplicas',
  ] as const;
  return (
    (next.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
    counted.some((k) => (next[k] ?? 0) !== (old[k] ?? 0)) ||
    (next.updateRevision ?? '') !== (old.updateRevision ?? '') ||
    (next.currentRevision ?? '') !== (old.currentRevision ?? '') ||
    (next.labelSelector ?? '') !== (old.labelSelector ?? '') ||
    hasProgressingConditionChanged(old, next)
  );
}
