// Pod condition edits the controller makes (SPEC §11.2, §11.3, §13): kruise's util.SetPodCondition,
// util.SetPodReadyCondition and readiness-gate lookups. Each returns a new pod.
import { CONDITION_CONTAINERS_READY, CONDITION_READY } from '../api/constants';
import type { Pod, PodCondition } from '../api/types';
import { getPodCondition } from './podState';

export function containsReadinessGate(pod: Pod, conditionType: string): boolean {
  return (pod.spec.readinessGates ?? []).some((g) => g.conditionType === conditionType);
}

/** util.SetPodCondition: add the condition, or replace an existing one only when its status differs. */
export function setPodCondition(pod: Pod, condition: PodCondition): Pod {
  const conditions = pod.status.conditions ?? [];
  const at = conditions.findIndex((c) => c.type === condition.type);
  if (at >= 0 && conditions[at].status === condition.status) return pod;
  const next = at >= 0 ? conditions.map((c, i) => (i === at ? condition : c)) : [...conditions, condition];
  return { ...pod, status: { ...pod.status, conditions: next } };
}

/**
 * util.SetPodReadyCondition: recompute Ready from the readiness gates, the way the kubelet would,
 * but only when a Ready condition exists and ContainersReady is True. A gate that is not True makes
 * Ready False with reason ReadinessGatesNotReady.
 */
export function setPodReadyCondition(pod: Pod, now: number): Pod {
  if (!getPodCondition(pod, CONDITION_READY)) return pod;
  if (getPodCondition(pod, CONDITION_CONTAINERS_READY)?.status !== 'True') return pod;
  const unready: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = getPodCondition(pod, gate.conditionType);
    if (!c) unready.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') unready.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  const ready: PodCondition =
    unready.length === 0
      ? { type: CONDITION_READY, status: 'True', lastTransitionTime: now }
      : { type: CONDITION_READY, status: 'False', reason: 'ReadinessGatesNotReady', message: unready.join(', ') };
  return setPodCondition(pod, ready);
}

/** hasEqualCondition: same status, reason and message (times ignored). */
export function hasEqualCondition(pod: Pod, condition: PodCondition): boolean {
  const old = getPodCondition(pod, condition.type);
  return !!old && old.status === condition.status && (old.reason ?? '') === (condition.reason ?? '') && (old.message ?? '') === (condition.message ?? '');
}
