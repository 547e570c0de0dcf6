// SPEC §9.2: which pods a scale-in deletes. Spread ranks (kruise pkg/controller/cloneset/utils/
// pod_sorter.go: sameNodeRanker, spreadConstraintsRanker) feed the scale-in order of activePods.ts;
// choosePodsToDelete mirrors kruise pkg/controller/cloneset/sync/cloneset_scale.go.
import { LABEL_HOSTNAME } from '../api/constants';
import type { CloneSet, Node, Pod } from '../api/types';
import { sortActivePodsWithRanks, type Ranker } from './activePods';
import type { FeatureGates } from './featureGates';
import { isPodUpdateForScale } from './podState';

/** A ranker that can also show its table: rank per pod UID, only for pods that got one. */
export interface PodRanks extends Ranker {
  readonly podRanks: ReadonlyMap<string, number>;
}

/** One spread dimension: a node label, optionally restricted to some of its values. */
export interface PodSpreadConstraint {
  topologyKey: string;
  /** Only these values of the label form domains; absent or empty = all values. */
  limitedValues?: string[];
}

// kruise keys ranks by UID; pods without one all share the empty key, as in Go.
const uidOf = (pod: Pod): string => pod.metadata.uid ?? '';

function ranksOf(podRanks: Map<string, number>): PodRanks {
  return { podRanks, getRank: (pod) => podRanks.get(uidOf(pod)) ?? 0 };
}

/**
 * NewSameNodeRanker: on every node holding more than one of `pods`, order that node's pods by the
 * plain scale-in order and rank all but the last one (count−1, count−2, … 1), so crowded nodes
 * lose pods first. Pods alone on a node, or unscheduled, get no rank (0).
 */
export function newSameNodeRanker(pods: readonly Pod[]): PodRanks {
  const onNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = pod.spec.nodeName ?? '';
    if (node === '') continue;
    const list = onNode.get(node);
    if (list) list.push(pod);
    else onNode.set(node, [pod]);
  }
  const ranks = new Map<string, number>();
  for (const podsOnNode of onNode.values()) {
    if (podsOnNode.length <= 1) continue;
    const sorted = sortActivePodsWithRanks(podsOnNode);
    sorted.slice(0, -1).forEach((pod, i) => ranks.set(uidOf(pod), sorted.length - 1 - i));
  }
  return ranksOf(ranks);
}

/**
 * NewSpreadConstraintsRanker: for each constraint, split the scheduled pods into domains by their
 * node's label (nodes without it, or not found, are left out), order each domain (by the
 * same-node rank too, unless the key is the hostname) and add (count − position) × ln(domains + 2)
 * to each pod's rank. Every pod in a domain gets something, the last one 1 × weight.
 */
export function newSpreadConstraintsRanker(
  pods: readonly Pod[],
  constraints: readonly PodSpreadConstraint[],
  nodes: readonly Node[],
): PodRanks {
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const foundNodes: Node[] = [];
  const podsOnNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const name = pod.spec.nodeName ?? '';
    if (name === '') continue;
    if (!podsOnNode.has(name)) {
      const node = nodeByName.get(name);
      if (!node) continue;
      foundNodes.push(node);
      podsOnNode.set(name, []);
    }
    podsOnNode.get(name)?.push(pod);
  }

  const sameNode = newSameNodeRanker(pods);
  const ranks = new Map<string, number>();
  for (const constraint of constraints) {
    const limited = constraint.limitedValues?.length ? new Set(constraint.limitedValues) : undefined;
    const domains = new Map<string, Pod[]>();
    for (const node of foundNodes) {
      const value = node.metadata.labels?.[constraint.topologyKey];
      if (value === undefined || (limited && !limited.has(value))) continue;
      const inDomain = domains.get(value) ?? [];
      inDomain.push(...(podsOnNode.get(node.metadata.name) ?? []));
      domains.set(value, inDomain);
    }
    const ranker = constraint.topologyKey === LABEL_HOSTNAME ? undefined : sameNode;
    const weight = Math.log(domains.size + 2);
    for (const inDomain of domains.values()) {
      const sorted = sortActivePodsWithRanks(inDomain, { ranker });
      sorted.forEach((pod, i) => ranks.set(uidOf(pod), (ranks.get(uidOf(pod)) ?? 0) + (sorted.length - i) * weight));
    }
  }
  return ranksOf(ranks);
}

/** The template's topologySpreadConstraints as rank dimensions (kruise keeps only the key). */
export function getPodSpreadConstraint(cloneSet: CloneSet): PodSpreadConstraint[] {
  return (cloneSet.spec.template.spec.topologySpreadConstraints ?? []).map((c) => ({ topologyKey: c.topologyKey }));
}

/** The scale step's split (SPEC §6): updated (PreparingUpdate too, with the gate) and the rest. */
export function groupUpdateAndNotUpdatePods(
  pods: readonly Pod[],
  updateRevision: string,
  gates: FeatureGates,
): { updatedPods: Pod[]; notUpdatedPods: Pod[] } {
  const updatedPods: Pod[] = [];
  const notUpdatedPods: Pod[] = [];
  for (const pod of pods) (isPodUpdateForScale(pod, updateRevision, gates) ? updatedPods : notUpdatedPods).push(pod);
  return { updatedPods, notUpdatedPods };
}

export interface ChoosePodsToDeleteInput {
  cloneSet: CloneSet;
  /** Pods to delete in all: the diff's scaleDownNum. */
  totalDiff: number;
  /** How many of them should be old-revision pods: the diff's scaleDownNumOldRevision. */
  currentRevDiff: number;
  notUpdatedPods: readonly Pod[];
  updatedPods: readonly Pod[];
  /** Cluster nodes, read for topology labels when the template has topologySpreadConstraints. */
  nodes: readonly Node[];
  now: number;
}

/**
 * choosePodsToDelete: old pods first as far as currentRevDiff allows (all from old pods when it
 * covers totalDiff, none when it is 0), the rest from updated pods. Inside a group the pods that
 * sort first in scale-in order go; a group that goes entirely keeps its input order, and a group
 * smaller than asked gives all it has (kruise logs that and deletes fewer).
 */
export function choosePodsToDelete(input: ChoosePodsToDeleteInput): Pod[] {
  const { cloneSet, totalDiff, currentRevDiff, nodes, now } = input;
  const constraints = getPodSpreadConstraint(cloneSet);
  const availability = { minReadySeconds: cloneSet.spec.minReadySeconds ?? 0, now };

  const choose = (pods: readonly Pod[], diff: number): Pod[] => {
    if (diff >= pods.length) return [...pods];
    const ranker = constraints.length > 0 ? newSpreadConstraintsRanker(pods, constraints, nodes) : newSameNodeRanker(pods);
    return sortActivePodsWithRanks(pods, { ranker, availability }).slice(0, Math.max(diff, 0));
  };

  if (currentRevDiff >= totalDiff) return choose(input.notUpdatedPods, totalDiff);
  if (currentRevDiff > 0) {
    return [...choose(input.notUpdatedPods, currentRevDiff), ...choose(input.updatedPods, totalDiff - currentRevDiff)];
  }
  return choose(input.updatedPods, totalDiff);
}
