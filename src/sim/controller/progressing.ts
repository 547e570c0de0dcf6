// SPEC §15.3: the Progressing condition (kruise v1.9.0 cloneset_status.go
// calculateProgressingStatus, clonesetutils CloneSetAvailable / CloneSetPartitionAvailable /
// CloneSetDeadlineExceeded). Only with spec.progressDeadlineSeconds set (and not 2147483647);
// first match wins: available, paused, partition available, deadline exceeded, progressing.
// The condition's times only move when its status or reason changes, so the deadline counts from
// when the CloneSet entered CloneSetUpdated. Times are virtual seconds.
import { INT32_MAX } from '../api/constants';
import type { CloneSet, CloneSetCondition, CloneSetStatus } from '../api/types';
import { getCloneSetCondition, newCloneSetCondition, removeCloneSetCondition, setCloneSetCondition } from './conditions';

export const CONDITION_PROGRESSING = 'Progressing';

export const PROGRESSING_REASONS = {
  available: 'CloneSetAvailable',
  paused: 'CloneSetPaused',
  partitionAvailable: 'ProgressPartitionAvailable',
  deadlineExceeded: 'ProgressDeadlineExceeded',
  updated: 'CloneSetUpdated',
} as const;

/** HasProgressDeadline: a deadline is set and is not MaxInt32 ("never"). */
export function hasProgressDeadline(cs: CloneSet): boolean {
  const pds = cs.spec.progressDeadlineSeconds;
  return pds !== undefined && pds !== null && pds !== INT32_MAX;
}

/** CloneSetAvailable: the rollout is complete and every pod is updated and available. */
export function cloneSetAvailable(cs: CloneSet, status: CloneSetStatus): boolean {
  const replicas = cs.spec.replicas ?? 1;
  return (
    status.currentRevision === status.updateRevision &&
    (status.replicas ?? 0) === replicas &&
    (status.updatedReplicas ?? 0) === replicas &&
    (status.updatedAvailableReplicas ?? 0) === replicas
  );
}

/** CloneSetPartitionAvailable: a partition holds pods back and every pod it lets through is available. */
export function cloneSetPartitionAvailable(cs: CloneSet, status: CloneSetStatus): boolean {
  const expected = status.expectedUpdatedReplicas ?? 0;
  return expected < (cs.spec.replicas ?? 1) && expected <= (status.updatedAvailableReplicas ?? 0);
}

/** CloneSetDeadlineExceeded: already exceeded, or CloneSetUpdated for longer than the deadline. */
export function cloneSetDeadlineExceeded(cs: CloneSet, status: CloneSetStatus, now: number): boolean {
  const condition = getCloneSetCondition(status, CONDITION_PROGRESSING);
  if (!condition) return false;
  if (condition.reason === PROGRESSING_REASONS.deadlineExceeded) return true;
  return (condition.lastUpdateTime ?? 0) + (cs.spec.progressDeadlineSeconds ?? 0) < now;
}

export interface ProgressingResult {
  /** The new status with the Progressing condition set or removed. */
  status: CloneSetStatus;
  /** Seconds until the deadline should be re-checked (only while CloneSetUpdated). */
  requeueAfter?: number;
}

/** calculateProgressingStatus, applied to the freshly counted status of this reconcile. */
export function calculateProgressingStatus(cs: CloneSet, newStatus: CloneSetStatus, now: number): ProgressingResult {
  if (!hasProgressDeadline(cs)) return { status: removeCloneSetCondition(newStatus, CONDITION_PROGRESSING) };
  const set = (status: CloneSetCondition['status'], reason: string, message: string) =>
    setCloneSetCondition(newStatus, newCloneSetCondition(CONDITION_PROGRESSING, status, reason, message, now));

  if (cloneSetAvailable(cs, newStatus)) return { status: set('True', PROGRESSING_REASONS.available, 'CloneSet is available') };
  if (cs.spec.updateStrategy?.paused === true) return { status: set('True', PROGRESSING_REASONS.paused, 'CloneSet is paused') };
  if (cloneSetPartitionAvailable(cs, newStatus)) {
    return { status: set('True', PROGRESSING_REASONS.partitionAvailable, 'CloneSet has been paused due to partition ready') };
  }
  if (cloneSetDeadlineExceeded(cs, newStatus, now)) {
    const message = `CloneSet revision ${newStatus.updateRevision ?? ''} has timed out progressing`;
    return { status: set('False', PROGRESSING_REASONS.deadlineExceeded, message) };
  }
  const status = set('True', PROGRESSING_REASONS.updated, 'CloneSet is progressing');
  const condition = getCloneSetCondition(status, CONDITION_PROGRESSING);
  return { status, requeueAfter: requeueAfterDeadline(condition, cs.spec.progressDeadlineSeconds ?? 0, now) };
}

/** getRequeueSecondsFromCondition: time left until the deadline, plus a second of slack when over a second. */
function requeueAfterDeadline(condition: CloneSetCondition | undefined, deadline: number, now: number): number | undefined {
  if (!condition) return undefined;
  const after = (condition.lastUpdateTime ?? 0) + deadline - now;
  return after < 1 ? after : after + 1;
}

/** hasProgressingConditionChanged: added, removed, or a different status or reason. */
export function hasProgressingConditionChanged(oldStatus: CloneSetStatus | undefined, newStatus: CloneSetStatus): boolean {
  const a = getCloneSetCondition(oldStatus, CONDITION_PROGRESSING);
  const b = getCloneSetCondition(newStatus, CONDITION_PROGRESSING);
  if (!a && !b) return false;
  if (!a || !b) return true;
  return a.status !== b.status || a.reason !== b.reason;
}
