// SPEC §9.1 steps 4–6 and §9.2: the deleting sub-steps of the scale step (kruise
// sync/cloneset_scale.go Scale, deletePods, choosePodsToDelete) — pods released by their preDelete
// hook, specified deletes, and scale-in victims. Each adds its actions, events and "why" records
// to the scale step's plan and says whether it changed anything.
import type { Pod } from '../api/types';
import { choosePodsToDelete, groupUpdateAndNotUpdatePods } from './deletionRank';
import type { DiffExplanation } from './diffs';
import { isPodHooked, updatePodLifecycle } from './lifecycle';
import { deletePods } from './podDeletion';
import { getLifecycleState, isPodAvailable } from './podState';
import type { ScaleStepInput, ScaleStepPlan } from './scaleStep';

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata.name);

/**
 * deletePods for one sub-step: hooked pods move to PreparingDelete, the others are deleted with
 * their PVCs. Returns whether anything changes.
 */
function applyDeletes(input: ScaleStepInput, victims: readonly Pod[], plan: ScaleStepPlan): boolean {
  const { cloneSet: cs, pvcs, now } = input;
  const hook = cs.spec.lifecycle?.preDelete;
  const res = deletePods({ podsToDelete: victims, pvcs, isPreDeleteHooked: hook ? (pod) => isPodHooked(hook, pod) : undefined });
  const entered: Pod[] = [];
  for (const pod of res.toPreparingDelete) {
    const { updated, pod: written } = updatePodLifecycle(pod, 'PreparingDelete', hook?.markPodNotReady === true, now);
    // A pod already in PreparingDelete may still get its KruisePodReady condition written.
    if (updated || written !== pod) plan.lifecycleChanges.push({ pod: written, from: getLifecycleState(pod), to: 'PreparingDelete' });
    if (updated) entered.push(pod);
  }
  plan.podsToDelete.push(...res.podsToDelete);
  plan.pvcsToDelete.push(...res.pvcsToDelete);
  for (const pod of res.podsToDelete) {
    plan.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `succeed to delete pod ${pod.metadata.name}` });
  }
  if (entered.length > 0) plan.why.push({ rule: 'enterPreparingDelete', spec: '§13', pods: names(entered), numbers: {} });
  const enteredSet = new Set(entered);
  const waiting = res.toPreparingDelete.filter((p) => !enteredSet.has(p));
  if (waiting.length > 0) plan.why.push({ rule: 'waitForPreDeleteHook', spec: '§13', pods: names(waiting), numbers: {} });
  return res.modified;
}

/**
 * Ready pods (available with minReadySeconds 0) may go only while the budget lasts; the others
 * always may. Returns the pods allowed, in order, and the budget left.
 */
function withinDeleteReadyLimit(pods: readonly Pod[], limit: number, now: number): { allowed: Pod[]; overBudget: Pod[]; left: number } {
  const allowed: Pod[] = [];
  const overBudget: Pod[] = [];
  let left = limit;
  for (const pod of pods) {
    if (!isPodAvailable(pod, 0, now)) allowed.push(pod);
    else if (left > 0) {
      allowed.push(pod);
      left--;
    } else overBudget.push(pod);
  }
  return { allowed, overBudget, left };
}

/** Step 4: delete the PreparingDelete pods whose preDelete hook is gone (hooked ones wait). */
export function finishPreDeletes(input: ScaleStepInput, preDeleting: readonly Pod[], plan: ScaleStepPlan): boolean {
  const before = plan.podsToDelete.length;
  if (!applyDeletes(input, preDeleting, plan)) return false;
  const deleted = plan.podsToDelete.slice(before);
  if (deleted.length > 0) plan.why.push({ rule: 'deleteAfterPreDelete', spec: '§9.1', pods: names(deleted), numbers: {} });
  plan.stage = 'preDelete';
  plan.modified = true;
  return true;
}

/** Step 5: delete specified pods; ready ones use up `deleteReadyLimit`. Returns the budget left. */
export function deleteSpecified(input: ScaleStepInput, toDelete: readonly Pod[], deleteReadyLimit: number, plan: ScaleStepPlan): { modified: boolean; left: number } {
  const { allowed, overBudget, left } = withinDeleteReadyLimit(toDelete, deleteReadyLimit, input.now);
  const numbers = { deleteReadyLimit, specifiedDelete: toDelete.length, allowed: allowed.length };
  if (overBudget.length > 0) plan.why.push({ rule: 'specifiedDeleteOverBudget', spec: '§9.1', pods: names(overBudget), numbers });
  const before = plan.podsToDelete.length;
  if (!applyDeletes(input, allowed, plan)) return { modified: false, left };
  const deleted = plan.podsToDelete.slice(before);
  if (deleted.length > 0) plan.why.push({ rule: 'deleteSpecified', spec: '§9.1', pods: names(deleted), numbers });
  plan.stage = 'specifiedDelete';
  plan.modified = true;
  return { modified: true, left };
}

/**
 * Step 6: choose `scaleDownNum` victims — old pods only as far as `scaleDownNumOldRevision` says,
 * in scale-in order inside each group (§9.2) — and delete those the budget allows.
 */
export function scaleDown(input: ScaleStepInput, diff: DiffExplanation, deleteReadyLimit: number, plan: ScaleStepPlan): void {
  const { cloneSet, pods, now } = input;
  const d = diff.diffs;
  plan.stage = 'scaleDown';
  const { updatedPods, notUpdatedPods } = groupUpdateAndNotUpdatePods(pods, input.updateRevision, input.featureGates);
  const chosen = choosePodsToDelete({
    cloneSet,
    totalDiff: d.scaleDownNum,
    currentRevDiff: d.scaleDownNumOldRevision,
    notUpdatedPods,
    updatedPods,
    nodes: input.nodes ?? [],
    now,
  });
  const { allowed, overBudget } = withinDeleteReadyLimit(chosen, deleteReadyLimit, now);
  const numbers = {
    replicas: diff.numbers.replicas,
    partition: diff.numbers.partition,
    pods: pods.length,
    oldPods: notUpdatedPods.length,
    scaleDownNum: d.scaleDownNum,
    scaleDownNumOldRevision: d.scaleDownNumOldRevision,
    fromOldRevision: Math.min(d.scaleDownNumOldRevision, d.scaleDownNum, notUpdatedPods.length),
    deleteReadyLimit,
  };
  if (overBudget.length > 0) plan.why.push({ rule: 'scaleDownOverBudget', spec: '§9.1', pods: names(overBudget), numbers });
  const before = plan.podsToDelete.length;
  plan.modified = applyDeletes(input, allowed, plan);
  const deleted = plan.podsToDelete.slice(before);
  if (deleted.length > 0) plan.why.push({ rule: 'scaleDown', spec: '§9.2', pods: names(deleted), numbers });
}
