// SPEC §7.1: spec.updateStrategy.partition → how many pods stay at revisions other than the update
// revision. Mirrors kruise pkg/util/tools.go CalculatePartitionReplicas.
import { getScaledValueFromIntOrPercent, getValueFromIntOrPercentLegacy } from '../api/intstr';
import type { IntOrString } from '../api/types';
import type { KruiseEra } from './era';

/** The partition as a pod count, or the reason it could not be read. */
export interface PartitionResult {
  /** Pods to keep at old revisions, within [0, replicas]. 0 when `error` is set. */
  partitionPods: number;
  /** Why the value could not be parsed (the controller then treats the partition as 0). */
  error?: string;
}

/**
 * Partition → pods kept at old revisions.
 * - unset partition → 0; unset replicas → 1 (what the webhook would default);
 * - a percent is read as a float ("12.5%" works) and rounded UP, so any non-zero percent of a
 *   non-empty CloneSet keeps at least one old pod;
 * - a percent below exactly "100%" that rounds to every pod keeps one pod fewer when there is more
 *   than one pod, so at least one pod is updated ("99%" of 9 → 8, but "99%" of 1 → 1);
 * - a string without "%" is an error (the webhook would have rejected it).
 * Era 0.7 (SPEC §18): apimachinery's integer-percent reading, rounded up, with no "leave one pod
 * to update" correction ("100%" and "99%" of 9 both keep every pod).
 */
export function calculatePartitionReplicas(
  partition: IntOrString | null | undefined,
  replicas: number | null | undefined,
  era: KruiseEra = '1.9',
): PartitionResult {
  if (partition === null || partition === undefined) return { partitionPods: 0 };
  const total = replicas ?? 1;
  if (era === '0.7') {
    try {
      return { partitionPods: Math.max(Math.min(getValueFromIntOrPercentLegacy(partition, total, true), total), 0) };
    } catch (e) {
      return { partitionPods: 0, error: (e as Error).message };
    }
  }

  let pods: number;
  try {
    pods = getScaledValueFromIntOrPercent(partition, total, true);
  } catch (e) {
    return { partitionPods: 0, error: (e as Error).message };
  }

  // Only the percent form gets the "leave one pod to update" correction; the literal "100%"
  // is the one way to say "update nothing" with a percent.
  if (total > 1 && pods === total && typeof partition === 'string' && partition !== '100%') {
    pods = total - 1;
  }
  return { partitionPods: Math.max(Math.min(pods, total), 0) };
}

/**
 * status.expectedUpdatedReplicas (SPEC §7.1, §15.1): replicas − partition pods. An unreadable
 * partition leaves the field at its zero value, as kruise only writes it when parsing succeeds.
 */
export function expectedUpdatedReplicas(partition: IntOrString | null | undefined, replicas: number | null | undefined): number {
  const { partitionPods, error } = calculatePartitionReplicas(partition, replicas);
  return error === undefined ? (replicas ?? 1) - partitionPods : 0;
}
