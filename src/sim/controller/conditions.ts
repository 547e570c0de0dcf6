// CloneSet status conditions (SPEC §15.2, §15.3): kruise clonesetutils Get/Set/Remove
// CloneSetCondition. Setting a condition whose status and reason are unchanged keeps the old one
// as it is (times and message too); a reason change with the same status keeps the transition time.
import type { CloneSetCondition, CloneSetStatus } from '../api/types';

export function getCloneSetCondition(status: CloneSetStatus | undefined, type: string): CloneSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** A new condition stamped `now` for both its update and transition times. */
export function newCloneSetCondition(
  type: string,
  status: CloneSetCondition['status'],
  reason: string,
  message: string,
  now: number,
): CloneSetCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

/** SetCloneSetCondition: returns the status with the condition set (moved to the end of the list). */
export function setCloneSetCondition(status: CloneSetStatus, condition: CloneSetCondition): CloneSetStatus {
  const current = getCloneSetCondition(status, condition.type);
  if (current && current.status === condition.status && (current.reason ?? '') === (condition.reason ?? '')) return status;
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return { ...status, conditions: [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next] };
}

/** RemoveCloneSetCondition. */
export function removeCloneSetCondition(status: CloneSetStatus, type: string): CloneSetStatus {
  if (!status.conditions?.some((c) => c.type === type)) return status;
  return { ...status, conditions: status.conditions.filter((c) => c.type !== type) };
}
