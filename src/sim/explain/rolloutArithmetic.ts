// The rollout arithmetic of one reconcile, for people: given a CloneSet's update knobs and how many
// pods sit on each revision, what does the controller compute and do next? Every number comes from
// the controller's own decision functions (SPEC §7, §8, §9.1, §10.1); this file only builds the
// inputs and words the result.
import type { CloneSet, IntOrString, Pod } from '../api/types';
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_LIFECYCLE_STATE } from '../api/constants';
import { setDefaultsCloneSet } from '../api/defaults';
import { admitCloneSet } from '../api/validation';
import { explainDiffs, type DiffExplanation } from '../controller/diffs';
import { DEFAULT_FEATURE_GATES } from '../controller/featureGates';
import { limitUpdateIndexes } from '../controller/updateLimit';
import { sortUpdateIndexes } from '../controller/updateOrder';
import { equalToRevisionHash } from '../controller/podState';

export interface ArithmeticInput {
  replicas: number;
  partition?: IntOrString;
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
  paused: boolean;
  /** Old-revision pods that are running and available. */
  oldReady: number;
  /** Old-revision pods that are not available (starting, crashing…). */
  oldUnready: number;
  /** Update-revision pods that are running and available. */
  updatedReady: number;
  /** Update-revision pods that are not available. */
  updatedUnready: number;
}

/** What the controller will do in its next reconcile, in the order it decides (SPEC §5, §9.1, §10.1). */
export type NextAction =
  | { kind: 'create'; count: number; oldRevision: number; limitedBy?: 'scaleStrategy.maxUnavailable' }
  | { kind: 'delete'; count: number; oldRevision: number; readyLimit: number }
  | { kind: 'update'; count: number; budget: number }
  | { kind: 'rollback'; count: number; budget: number }
  | { kind: 'paused'; wouldUpdate: number }
  | { kind: 'wait'; reason: 'budget' }
  | { kind: 'none' };

export interface ArithmeticResult {
  /** The validating webhook's refusal, as `kubectl apply` would print it; undefined when admitted. */
  denied?: string;
  explanation: DiffExplanation;
  /** status.expectedUpdatedReplicas: replicas − partition pods. */
  expectedUpdatedReplicas: number;
  next: NextAction;
}

const OLD = 'sample-5d8f87bd6c';
const NEW = 'sample-7c9c7f5b96';

function syntheticPods(input: ArithmeticInput): Pod[] {
  const groups: [string, boolean, number][] = [
    [OLD, true, input.oldReady],
    [OLD, false, input.oldUnready],
    [NEW, true, input.updatedReady],
    [NEW, false, input.updatedUnready],
  ];
  const pods: Pod[] = [];
  for (const [revision, ready, count] of groups) {
    for (let i = 0; i < count; i++) {
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `sample-${pods.length}`,
          labels: { [LABEL_CONTROLLER_REVISION_HASH]: revision, [LABEL_LIFECYCLE_STATE]: 'Normal' },
        },
        spec: { containers: [{ name: 'main', image: 'nginx' }], nodeName: 'node-1' },
        status: {
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: 0 },
            { type: 'InPlaceUpdateReady', status: 'True', lastTransitionTime: 0 },
          ],
        },
      });
    }
  }
  return pods;
}

function cloneSetOf(input: ArithmeticInput): CloneSet {
  const updateStrategy: NonNullable<CloneSet['spec']['updateStrategy']> = { paused: input.paused };
  if (input.partition !== undefined) updateStrategy.partition = input.partition;
  if (input.maxUnavailable !== undefined) updateStrategy.maxUnavailable = input.maxUnavailable;
  if (input.maxSurge !== undefined) updateStrategy.maxSurge = input.maxSurge;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default' },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: { app: 'sample' } },
      template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:alpine' }] } },
      updateStrategy,
    },
  };
}

/** The controller's numbers for these pods, and what its next reconcile does with them. */
export function rolloutArithmetic(input: ArithmeticInput): ArithmeticResult {
  // The object goes through both webhooks first, as `kubectl apply` would send it.
  const cloneSet = setDefaultsCloneSet(cloneSetOf(input), { isCreate: true, featureGates: DEFAULT_FEATURE_GATES });
  const admission = admitCloneSet('CREATE', cloneSet, undefined, { getPod: () => undefined });
  const pods = syntheticPods(input);
  const explanation = explainDiffs({
    cloneSet,
    pods,
    currentRevision: OLD,
    updateRevision: NEW,
    now: 0,
    featureGates: DEFAULT_FEATURE_GATES,
    isPodUpdate: 'revisionLabelOnly',
  });
  const { diffs, numbers } = explanation;
  const expectedUpdatedReplicas = numbers.partitionError ? 0 : numbers.replicas - numbers.partition;
  const result: ArithmeticResult = { explanation, expectedUpdatedReplicas, next: nextAction(input, cloneSet, pods, diffs) };
  if (!admission.allowed) result.denied = admission.message;
  return result;
}

/** The first step of SPEC §9.1 / §10.1 that acts, as the reconcile would choose it. */
function nextAction(input: ArithmeticInput, cloneSet: CloneSet, pods: Pod[], diffs: DiffExplanation['diffs']): NextAction {
  if (diffs.scaleUpNum > 0 && diffs.scaleUpLimit > 0) {
    const next: NextAction = { kind: 'create', count: diffs.scaleUpLimit, oldRevision: Math.min(diffs.scaleUpNumOldRevision, diffs.scaleUpLimit) };
    if (diffs.scaleUpLimit < diffs.scaleUpNum) next.limitedBy = 'scaleStrategy.maxUnavailable';
    return next;
  }
  if (diffs.scaleDownNum > 0) {
    return { kind: 'delete', count: diffs.scaleDownNum, oldRevision: Math.min(diffs.scaleDownNumOldRevision, diffs.scaleDownNum), readyLimit: diffs.deleteReadyLimit };
  }
  if (diffs.updateNum === 0) return { kind: 'none' };
  if (input.paused) return { kind: 'paused', wouldUpdate: diffs.updateNum };

  const target = diffs.updateNum > 0 ? NEW : OLD;
  const candidates = pods.flatMap((pod, i) => (equalToRevisionHash(pod, target) ? [] : [i]));
  const ordered = sortUpdateIndexes(cloneSet.spec.updateStrategy, pods, candidates);
  const chosen = limitUpdateIndexes({ pods, waitUpdateIndexes: ordered, diffs, targetRevision: target, minReadySeconds: 0, now: 0 });
  if (chosen.length === 0) return { kind: 'wait', reason: 'budget' };
  return { kind: diffs.updateNum > 0 ? 'update' : 'rollback', count: chosen.length, budget: diffs.updateMaxUnavailable };
}
