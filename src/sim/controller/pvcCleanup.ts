// SPEC §5 step 3 and §14: with scaleStrategy.disablePVCReuse, claims are never handed to a new pod.
// A claim whose instance id belongs to a terminating pod is given to that pod (deleted with it);
// a claim whose id belongs to no pod at all is deleted now. Mirrors kruise's cleanupPVCs.
import type { PersistentVolumeClaim, Pod } from '../api/types';
import { getInstanceID } from './podCreation';

export interface PvcCleanupPlan {
  /** Claims of active pods: the only ones the rest of the reconcile sees. */
  active: PersistentVolumeClaim[];
  /** Claims to give to their terminating pod (ownerReference moves from the CloneSet to the pod). */
  reown: { pvc: PersistentVolumeClaim; pod: Pod }[];
  /** Claims with no pod: delete. */
  remove: PersistentVolumeClaim[];
}

export function cleanupPVCs(activePods: readonly Pod[], inactivePods: readonly Pod[], pvcs: readonly PersistentVolumeClaim[]): PvcCleanupPlan {
  const activeIds = new Set(activePods.map(getInstanceID).filter((id) => id !== ''));
  const inactiveById = new Map<string, Pod>();
  for (const pod of inactivePods) {
    const id = getInstanceID(pod);
    if (id !== '') inactiveById.set(id, pod);
  }
  const plan: PvcCleanupPlan = { active: [], reown: [], remove: [] };
  for (const pvc of pvcs) {
    const id = getInstanceID(pvc);
    const pod = inactiveById.get(id);
    if (activeIds.has(id)) plan.active.push(pvc);
    else if (pod) plan.reown.push({ pvc, pod });
    else plan.remove.push(pvc);
  }
  return plan;
}
