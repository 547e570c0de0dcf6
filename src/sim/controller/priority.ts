// SPEC §10.5 rule 2: updateStrategy.priorityStrategy re-sorts the update candidates.
// Mirrors kruise pkg/util/updatesort/priority_sort.go.
import { labelSelectorMatches } from '../api/labelSelector';
import type { Labels, Pod, UpdatePriorityStrategy } from '../api/types';

const INT64_MAX = (1n << 63n) - 1n;

/**
 * Sum of the weights of the weightPriority terms whose selector matches. An unusable selector
 * is skipped; kruise reads selectors without re-checking keys and values, but its webhook has
 * already rejected any selector metav1 would refuse, so the strict reading agrees.
 */
export function getPodWeightPriority(strategy: UpdatePriorityStrategy, labels: Labels | undefined): number {
  let weight = 0;
  for (const term of strategy.weightPriority ?? []) {
    if (labelSelectorMatches(term.matchSelector, labels)) weight += term.weight;
  }
  return weight;
}

/**
 * The integer made of the trailing digits of a label value ("sts-10" → 10); 0 without trailing
 * digits or when they overflow an int64.
 */
export function getIntFromStringSuffix(value: string): bigint {
  const digits = /[0-9]+$/.exec(value)?.[0];
  if (!digits) return 0n;
  const n = BigInt(digits);
  return n > INT64_MAX ? 0n : n;
}

/**
 * For orderPriority: the position of the first orderedKey the pod carries (−1 when none) and the
 * number at the end of that label's value.
 */
export function getPodOrderPriority(strategy: UpdatePriorityStrategy, labels: Labels | undefined): { level: number; order: bigint } {
  const terms = strategy.orderPriority ?? [];
  for (let i = 0; i < terms.length; i++) {
    const value = labels?.[terms[i].orderedKey];
    if (value !== undefined) return { level: i, order: getIntFromStringSuffix(value) };
  }
  return { level: -1, order: 0n };
}

/**
 * kruise prioritySort.compare: should the pod with `labelsI` be updated before the one with
 * `labelsJ`? weightPriority wins over orderPriority when both are set. By weight: the larger sum
 * first. By order: the smaller level first — a pod with none of the keys has level −1 and so
 * comes FIRST (SPEC §10.5 says "last"; the source wins) — then the larger trailing number.
 * Equal pods answer `tieBreak`.
 */
export function comparePriority(strategy: UpdatePriorityStrategy, labelsI: Labels | undefined, labelsJ: Labels | undefined, tieBreak: boolean): boolean {
  if ((strategy.weightPriority ?? []).length > 0) {
    const wI = getPodWeightPriority(strategy, labelsI);
    const wJ = getPodWeightPriority(strategy, labelsJ);
    if (wI !== wJ) return wI > wJ;
  } else if ((strategy.orderPriority ?? []).length > 0) {
    const i = getPodOrderPriority(strategy, labelsI);
    const j = getPodOrderPriority(strategy, labelsJ);
    if (i.level !== j.level) return i.level < j.level;
    if (i.order !== j.order) return i.order > j.order;
  }
  return tieBreak;
}

/**
 * Stable re-sort of candidate indexes into `pods` by priority; without any term the order is
 * left alone. (kruise passes "i < j" as the tie answer to Go's stable sort, which only ever asks
 * about a later element against an earlier one, so ties keep their order.)
 */
export function prioritySort(strategy: UpdatePriorityStrategy | undefined, pods: readonly Pod[], indexes: readonly number[]): number[] {
  if (!strategy || ((strategy.weightPriority ?? []).length === 0 && (strategy.orderPriority ?? []).length === 0)) {
    return [...indexes];
  }
  const labelsOf = (i: number) => pods[i].metadata.labels;
  return [...indexes].sort((a, b) => {
    if (comparePriority(strategy, labelsOf(a), labelsOf(b), false)) return -1;
    if (comparePriority(strategy, labelsOf(b), labelsOf(a), false)) return 1;
    return 0;
  });
}
