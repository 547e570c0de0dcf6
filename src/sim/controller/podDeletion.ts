// SPEC §9.1 "Delete" and §14: what deleting pods means for the controller — a pod matched by the
// preDelete hook only moves to PreparingDelete; any other pod is deleted together with every PVC
// carrying its instance id. Mirrors kruise sync/cloneset_scale.go deletePods, as a plan.
import type { PersistentVolumeClaim, Pod } from '../api/types';
import { getInstanceID } from './podCreation';
import { getLifecycleState } from './podState';

export interface DeletePodsInput {
  /** The pods chosen for deletion, in order. */
  podsToDelete: readonly Pod[];
  /** The CloneSet's PVCs (not terminating). */
  pvcs: readonly PersistentVolumeClaim[];
  /**
   * Whether the CloneSet's preDelete hook matches the pod (lifecycle IsPodHooked on
   * spec.lifecycle.preDelete). Omitted: no hook.
   */
  isPreDeleteHooked?: (pod: Pod) => boolean;
}

export interface DeletePodsPlan {
  /**
   * Pods held by the preDelete hook: set lifecycle PreparingDelete (and mark not-ready if the hook
   * says so) instead of deleting. Pods already in that state are listed too; for them it is a no-op.
   */
  toPreparingDelete: Pod[];
  /** Pods to delete, in order (event SuccessfulDelete each). */
  podsToDelete: Pod[];
  /** PVCs to delete with them: every claim whose instance id equals a deleted pod's. */
  pvcsToDelete: PersistentVolumeClaim[];
  /** Whether applying the plan changes anything (a deletion or a new PreparingDelete). */
  modified: boolean;
}

export function deletePods(input: DeletePodsInput): DeletePodsPlan {
  const hooked = input.isPreDeleteHooked ?? (() => false);
  const toPreparingDelete: Pod[] = [];
  const podsToDelete: Pod[] = [];
  const pvcsToDelete: PersistentVolumeClaim[] = [];

  for (const pod of input.podsToDelete) {
    if (hooked(pod)) {
      toPreparingDelete.push(pod);
      continue;
    }
    podsToDelete.push(pod);
    // Compared as label values, so a pod without an id takes every claim without one (as kruise).
    const id = getInstanceID(pod);
    for (const pvc of input.pvcs) {
      if (getInstanceID(pvc) === id && !pvcsToDelete.includes(pvc)) pvcsToDelete.push(pvc);
    }
  }

  const modified = podsToDelete.length > 0 || toPreparingDelete.some((p) => getLifecycleState(p) !== 'PreparingDelete');
  return { toPreparingDelete, podsToDelete, pvcsToDelete, modified };
}
