// SPEC §10.4: of the sorted update candidates, which may start updating this round without
// breaking the unavailable budget. Mirrors kruise sync/cloneset_update.go limitUpdateIndexes.
import type { Pod } from '../api/types';
import type { ExpectationDiffs } from './diffs';
import { equalToRevisionHash, isPodAvailable } from './podState';

export interface LimitUpdateInput {
  /** All active pods; candidates are indexes into this list. */
  pods: readonly Pod[];
  /** Candidate indexes into `pods`, already sorted (first = updated first). */
  waitUpdateIndexes: readonly number[];
  /** The update step's diff: `updateNum` caps the count, `updateMaxUnavailable` is the budget. */
  diffs: Pick<ExpectationDiffs, 'updateNum' | 'updateMaxUnavailable'>;
  /** Revision the chosen pods move to: the update revision, or the current one on rollback. */
  targetRevision: string;
  minReadySeconds: number;
  /** Virtual seconds. */
  now: number;
  /**
   * isPodAvailable(pods[i], minReadySeconds, now) for every pod, when the caller has it already
   * (one reading per pod per reconcile); computed here otherwise.
   */
  available?: readonly boolean[];
}

/**
 * The leading candidates that may start updating now, in order:
 * 1. at most |updateNum| of them;
 * 2. stop once unavailable pods already at the target, plus those chosen, reach the budget;
 * 3. an available candidate also needs room in the budget for all unavailable pods (it is about
 *    to become one); an already-unavailable candidate does not add to that count.
 */
export function limitUpdateIndexes(input: LimitUpdateInput): number[] {
  const { pods, diffs, targetRevision, minReadySeconds, now } = input;
  const budget = diffs.updateMaxUnavailable;
  const candidates = input.waitUpdateIndexes.slice(0, Math.abs(diffs.updateNum));
  const given = input.available;
  const available = given ? (i: number) => given[i] : (i: number) => isPodAvailable(pods[i], minReadySeconds, now);

  let unavailable = 0;
  let targetUnavailable = 0;
  for (let i = 0; i < pods.length; i++) {
    if (available(i)) continue;
    unavailable++;
    if (equalToRevisionHash(pods[i], targetRevision)) targetUnavailable++;
  }

  const allowed: number[] = [];
  for (const index of candidates) {
    if (targetUnavailable + allowed.length >= budget) break;
    if (available(index)) {
      if (unavailable >= budget) break;
      unavailable++;
    }
    allowed.push(index);
  }
  return allowed;
}
