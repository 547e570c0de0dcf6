// SPEC §5 step 11: when the controller must look again although nothing changes — the moment the
// next Ready pod becomes available under minReadySeconds. Pure: `now` and the pods are passed in.
import type { Pod } from '../api/types';
import { CONDITION_READY } from '../api/constants';
import { getPodCondition, isPodAvailableFor } from './podState';

/**
 * Seconds until the first pod that is Ready but not yet available becomes available (its Ready
 * condition has been True for more than minReadySeconds), or undefined when there is none.
 */
export function secondsUntilNextAvailable(pods: readonly Pod[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let soonest: number | undefined;
  for (const pod of pods) {
    const ready = getPodCondition(pod, CONDITION_READY);
    if (ready?.status !== 'True' || ready.lastTransitionTime === undefined) continue;
    if (isPodAvailableFor(pod, minReadySeconds, now)) continue;
    // "Strictly more than minReadySeconds": look just after the boundary.
    const wait = ready.lastTransitionTime + minReadySeconds - now + 0.001;
    soonest = soonest === undefined ? wait : Math.min(soonest, wait);
  }
  return soonest === undefined ? undefined : Math.max(soonest, 0.001);
}
