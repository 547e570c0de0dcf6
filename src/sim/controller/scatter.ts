// SPEC §10.5 rule 3: updateStrategy.scatterStrategy spreads the pods carrying a label through the
// update order. Mirrors kruise pkg/util/updatesort/scatter_sort.go.
//
// `pods` is every pod of the CloneSet (a null slot is skipped; only fixtures have them) and
// `indexes` the update candidates among them, already in order. Per-term totals count all pods,
// candidates or not.
import type { Pod, UpdateScatterTerm } from '../api/types';

export type PodSlots = ReadonlyArray<Pod | null | undefined>;

/** How a term's candidates are cut into alternating groups. */
interface ScatterGroup {
  /** Number of (matched group, unmatched group) pairs. */
  groupNum: number;
  matchedGroupSize: number;
  unmatchedGroupSize: number;
  /** Unmatched candidates placed before the first group. */
  unmatchedRemainder: number;
}

const labelOf = (pod: Pod | null | undefined, key: string): string | undefined => pod?.metadata.labels?.[key];

/**
 * The terms to apply, in order: with one term, the strategy as is; otherwise each term that some
 * candidate carries, those carried by more candidates first (ties keep strategy order).
 */
export function getScatterTerms(strategy: readonly UpdateScatterTerm[], pods: PodSlots, indexes: readonly number[]): UpdateScatterTerm[] {
  if (strategy.length === 1) return [...strategy];
  const counts = new Map<string, { term: UpdateScatterTerm; count: number }>();
  for (const term of strategy) {
    for (const idx of indexes) {
      if (labelOf(pods[idx], term.key) !== term.value) continue;
      // Key and value joined with ":" as kruise does, so a repeated term counts twice.
      const id = `${term.key}:${term.value}`;
      const seen = counts.get(id);
      if (seen) seen.count++;
      else counts.set(id, { term: { key: term.key, value: term.value }, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).map((c) => c.term);
}

function scatterGroup(matched: number, unmatched: number): ScatterGroup {
  const groupNum = Math.min(matched, unmatched);
  return {
    groupNum,
    matchedGroupSize: Math.round(matched / groupNum),
    unmatchedGroupSize: Math.round(unmatched / groupNum),
    unmatchedRemainder: 0,
  };
}

/**
 * Group sizes follow the candidates' own mix, unless the CloneSet as a whole has relatively more
 * unmatched pods: then they follow the whole CloneSet's mix, and the unmatched candidates that do
 * not fill a group go first. (The ratios are float32 in Go, hence Math.fround.)
 */
function calculateGroupByDensity(totalMatched: number, totalUnmatched: number, updateMatched: number, updateUnmatched: number): ScatterGroup {
  const updateGroup = scatterGroup(updateMatched, updateUnmatched);
  if (Math.fround(totalUnmatched / totalMatched) >= Math.fround(updateUnmatched / updateMatched)) return updateGroup;

  const { matchedGroupSize, unmatchedGroupSize } = scatterGroup(totalMatched, totalUnmatched);
  const groupNum = Math.min(Math.trunc(updateMatched / matchedGroupSize), Math.trunc(updateUnmatched / unmatchedGroupSize));
  return { groupNum, matchedGroupSize, unmatchedGroupSize, unmatchedRemainder: updateUnmatched - groupNum * unmatchedGroupSize };
}

/**
 * Scatters the candidates by one term: the last matching candidate goes to the very end, the other
 * matching ones alternate with the non-matching ones in groups (calculateGroupByDensity), and what
 * is left of either kind follows. Nothing moves unless at least two candidates match and at
 * least two do not.
 */
export function scatterPodsByRule(term: UpdateScatterTerm, pods: PodSlots, indexes: readonly number[]): number[] {
  // A pod without the key reads as value "", so a term with an empty value matches it here.
  const matches = (pod: Pod | null | undefined) => (labelOf(pod, term.key) ?? '') === term.value;
  const matched = indexes.filter((i) => matches(pods[i]));
  const unmatched = indexes.filter((i) => !matches(pods[i]));
  if (matched.length <= 1 || unmatched.length <= 1) return [...indexes];

  let totalMatched = 0;
  let totalUnmatched = 0;
  for (const pod of pods) {
    if (!pod) continue;
    if (matches(pod)) totalMatched++;
    else totalUnmatched++;
  }

  const last = matched.pop() as number;
  totalMatched--;

  const group = calculateGroupByDensity(totalMatched, totalUnmatched, matched.length, unmatched.length);
  const ordered = unmatched.splice(0, group.unmatchedRemainder);
  for (let g = 0; g < group.groupNum; g++) {
    ordered.push(...matched.splice(0, group.matchedGroupSize));
    ordered.push(...unmatched.splice(0, group.unmatchedGroupSize));
  }
  return [...ordered, ...matched, ...unmatched, last];
}

/** scatterSort.Sort: applies every term of getScatterTerms in turn. */
export function scatterSort(strategy: readonly UpdateScatterTerm[] | undefined, pods: PodSlots, indexes: readonly number[]): number[] {
  if (!strategy || strategy.length === 0 || indexes.length <= 1) return [...indexes];
  let order = [...indexes];
  for (const term of getScatterTerms(strategy, pods, order)) order = scatterPodsByRule(term, pods, order);
  return order;
}
