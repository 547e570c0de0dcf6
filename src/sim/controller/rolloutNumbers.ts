// SPEC §7.2 (and §7.1 through partition.ts): the CloneSet's rollout knobs as numbers of pods —
// partition, maxSurge, maxUnavailable, scaleStrategy.maxUnavailable — read the way kruise's
// calculateDiffsWithExpectation (sync/cloneset_sync_utils.go) reads them.
import { DEFAULT_MAX_UNAVAILABLE } from '../api/constants';
import { INT32_MAX } from '../api/constants';
import { controllerValueFromIntOrPercent } from '../api/intstr';
import type { CloneSet } from '../api/types';
import { calculatePartitionReplicas } from './partition';


/** The CloneSet's knobs as the controller reads them (SPEC §7). */
export interface RolloutNumbers {
  /** spec.replicas (1 when unset, as the webhook defaults it). */
  replicas: number;
  /** Pods to keep at old revisions (§7.1); 0 when the partition cannot be read. */
  partition: number;
  /** Set when spec.updateStrategy.partition could not be read. */
  partitionError?: string;
  /** Forced to 0 while paused. Percent rounded up. */
  maxSurge: number;
  /** Percent rounded up when maxSurge is 0, down otherwise. Default "20%". */
  maxUnavailable: number;
  /** scaleStrategy.maxUnavailable; unset = 2147483647 (unlimited). Percent rounded up. */
  scaleMaxUnavailable: number;
}

/**
 * Reads partition, maxSurge, maxUnavailable and scaleStrategy.maxUnavailable. The last three go
 * through apimachinery's legacy parser with its error dropped: "5" means 5 %, "12.5%" means 0.
 */
export function resolveRolloutNumbers(cs: CloneSet): RolloutNumbers {
  const replicas = cs.spec.replicas ?? 1;
  const strategy = cs.spec.updateStrategy ?? {};
  const { partitionPods, error } = calculatePartitionReplicas(strategy.partition, cs.spec.replicas);

  let maxSurge = 0;
  if (strategy.maxSurge !== undefined && strategy.maxSurge !== null) {
    maxSurge = strategy.paused ? 0 : controllerValueFromIntOrPercent(strategy.maxSurge, replicas, true);
  }
  // Rounding down when surge is allowed keeps "maxUnavailable + maxSurge" from over-shooting.
  const maxUnavailable = controllerValueFromIntOrPercent(
    strategy.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE,
    replicas,
    maxSurge === 0,
  );
  const scaleMaxUnavailable = controllerValueFromIntOrPercent(
    cs.spec.scaleStrategy?.maxUnavailable ?? INT32_MAX,
    replicas,
    true,
  );
  const numbers: RolloutNumbers = { replicas, partition: partitionPods, maxSurge, maxUnavailable, scaleMaxUnavailable };
  if (error !== undefined) numbers.partitionError = error;
  return numbers;
}

