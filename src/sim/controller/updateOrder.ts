// SPEC §10.5: the order in which update candidates are taken. Mirrors kruise
// pkg/controller/cloneset/sync/cloneset_update.go SortUpdateIndexes.
import type { CloneSetUpdateStrategy, Pod } from '../api/types';
import { sortIndexesByActivePods } from './activePods';
import { getLifecycleState } from './podState';
import { prioritySort } from './priority';
import { scatterSort } from './scatter';

/**
 * Candidate indexes into `pods`, first = updated first:
 * 1. the ActivePods order (unscheduled, Pending, not Ready, Ready most recently, most restarts,
 *    newest first; ties broken by our fixed tie-break, see activePods.ts);
 * 2. priorityStrategy, a stable re-sort;
 * 3. scatterStrategy;
 * 4. pods already in lifecycle PreparingUpdate moved to the front, keeping their order.
 */
export function sortUpdateIndexes(
  strategy: CloneSetUpdateStrategy | undefined,
  pods: readonly Pod[],
  waitUpdateIndexes: readonly number[],
): number[] {
  let order = sortIndexesByActivePods(pods, waitUpdateIndexes);
  if (strategy?.priorityStrategy) order = prioritySort(strategy.priorityStrategy, pods, order);
  if (strategy?.scatterStrategy) order = scatterSort(strategy.scatterStrategy, pods, order);

  // One pass, reading each pod's state once: PreparingUpdate pods first, both groups in order.
  const first: number[] = [];
  const rest: number[] = [];
  for (const i of order) (getLifecycleState(pods[i]) === 'PreparingUpdate' ? first : rest).push(i);
  return first.length === 0 ? rest : [...first, ...rest];
}
