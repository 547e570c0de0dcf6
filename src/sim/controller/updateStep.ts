// SPEC §10.1: the update step of one reconcile — kruise sync/cloneset_update.go Update as a plan.
// 1. refresh every pod (§10.2); stop if a lifecycle state or pod-template-hash label was written;
// 2. paused → stop; 3. diff (§8) → updateNum 0 → stop; 4. candidates; 5. sort (§10.5);
// 6. limit (§10.4); 7. update each chosen pod (§10.6).
// Decisions use the pods as listed at the start; writes go onto each pod's latest version.
// OnDelete stops before the refresh (v1.9.0; master refreshes first).
// Era 0.7 (SPEC §18): paused skips the whole step, refresh included; no pod-template-hash fix;
// written pods carry the unprefixed in-place annotations.
import type { CloneSet, ControllerRevision, Pod } from '../api/types';
import { explainDiffs, type DiffExplanation } from './diffs';
import type { FeatureGates } from './featureGates';
import { toEraPod, type KruiseEra } from './era';
import { getInPlaceUpdateGraceText } from './inplaceState';
import { equalToRevisionHash, getLifecycleState, isPodAvailable } from './podState';
import { limitUpdateIndexes } from './updateLimit';
import { sortUpdateIndexes } from './updateOrder';
import { fixPodTemplateHashLabel, refreshPodState, updatePod, type ControllerEvent, type UpdatePodAction } from './updatePod';

export interface UpdateStepInput {
  cloneSet: CloneSet;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  /** Every revision of the CloneSet (in-place updates look up a pod's own revision here). */
  revisions: readonly ControllerRevision[];
  /** Active pods as listed at the start of the reconcile. */
  pods: readonly Pod[];
  now: number;
  featureGates: FeatureGates;
  /** Which kruise release to behave like (default '1.9'). */
  era?: KruiseEra;
}

/** Where the step ended (SPEC §10.1). */
export type UpdateStage =
  /** updateStrategy.type OnDelete: nothing at all, not even the refresh. */
  | 'onDelete'
  /** The refresh wrote a lifecycle state or a pod-template-hash label. */
  | 'refreshed'
  /** Paused: no pod starts updating (era 0.7: not even the refresh runs). */
  | 'paused'
  /** No pod needs to move between revisions (updateNum 0). */
  | 'noUpdateNeeded'
  /** Candidates were chosen (possibly none, when the budget is used up). */
  | 'update'
  /** The refresh or a pod update failed. */
  | 'error';

/** Rule ids of the "why" records. */
export type UpdateRule =
  | 'onDelete'
  | 'refreshLifecycle'
  | 'refreshInPlace'
  | 'fixPodTemplateHash'
  | 'paused'
  | 'noUpdateNeeded'
  | 'skipPreparingDelete'
  | 'skipInGracePeriod'
  | 'updateOrder'
  | 'beyondUpdateNum'
  | 'overUnavailableBudget'
  | 'updateInPlace'
  | 'recreate'
  | 'enterPreparingUpdate'
  | 'waitForInPlaceUpdateHook'
  | 'updateFailed';

/** Why the step did (or did not do) something: the rule, the pods concerned (in order) and its numbers. */
export interface UpdateWhy {
  rule: UpdateRule;
  /** SPEC section of the rule. */
  spec: string;
  pods: string[];
  numbers: Record<string, number>;
  /** For a recreate: the template field (or missing piece) that ruled out an in-place update. */
  forcedBy?: string;
}

export interface UpdateStepResult {
  /** `pods` with every changed pod replaced by its new version (same order). */
  pods: Pod[];
  /** Indexes into `pods` of the pods that changed. */
  changed: number[];
  events: ControllerEvent[];
  /** Shortest requested requeue, in seconds (grace periods). */
  requeueAfter?: number;
  /** The error that ended the step (FailedUpdate). */
  error?: string;
  stage: UpdateStage;
  /** The diff (label-only "updated") with its inputs; absent when the step ended before it. */
  diff?: DiffExplanation;
  why: UpdateWhy[];
}

const nameOf = (pod: Pod) => pod.metadata.name;

const WHY_OF_ACTION: Record<UpdatePodAction, UpdateRule> = {
  inPlace: 'updateInPlace',
  recreate: 'recreate',
  lifecycle: 'enterPreparingUpdate',
  wait: 'waitForInPlaceUpdateHook',
  error: 'updateFailed',
};

/**
 * Pods not at the target that may start updating: not PreparingDelete, not in an in-place grace
 * period (a pod in Updated is a candidate either way). Also returns the pods left out and why.
 */
function updateCandidates(pods: readonly Pod[], updateRevision: string, towardsUpdate: boolean) {
  const candidates: number[] = [];
  const preparingDelete: number[] = [];
  const inGrace: number[] = [];
  pods.forEach((pod, i) => {
    if (equalToRevisionHash(pod, updateRevision) === towardsUpdate) return;
    const state = getLifecycleState(pod);
    if (state === 'PreparingDelete') preparingDelete.push(i);
    else if (state !== 'Updated' && getInPlaceUpdateGraceText(pod)) inGrace.push(i);
    else candidates.push(i);
  });
  return { candidates, preparingDelete, inGrace };
}

export function updateStep(input: UpdateStepInput): UpdateStepResult {
  const { cloneSet: cs, currentRevision, updateRevision, revisions, pods, now, featureGates } = input;
  const era = input.era ?? '1.9';
  const latest = [...pods];
  const changed = new Set<number>();
  const events: ControllerEvent[] = [];
  const why: UpdateWhy[] = [];
  const explained: { diff?: DiffExplanation } = {};
  let requeueAfter: number | undefined;
  const requeue = (s: number | undefined) => {
    if (s !== undefined && s > 0) requeueAfter = requeueAfter === undefined ? s : Math.min(requeueAfter, s);
  };
  const write = (i: number, pod: Pod | undefined) => {
    if (pod && pod !== latest[i]) {
      latest[i] = pod;
      changed.add(i);
    }
  };
  const explain = (rule: UpdateRule, spec: string, indexes: readonly number[], numbers: Record<string, number> = {}, forcedBy?: string) => {
    why.push({ rule, spec, pods: indexes.map((i) => nameOf(pods[i])), numbers, ...(forcedBy !== undefined ? { forcedBy } : {}) });
  };
  const result = (stage: UpdateStage, error?: string): UpdateStepResult => ({
    pods: latest.map((pod, i) => (changed.has(i) ? toEraPod(pod, era) : pod)),
    changed: [...changed].sort((a, b) => a - b),
    events,
    ...(requeueAfter !== undefined ? { requeueAfter } : {}),
    ...(error !== undefined ? { error } : {}),
    stage: error !== undefined ? 'error' : stage,
    ...(explained.diff ? { diff: explained.diff } : {}),
    why,
  });

  if (cs.spec.updateStrategy?.type === 'OnDelete') {
    explain('onDelete', '§10.1', []);
    return result('onDelete');
  }
  // Before v1.1 a paused CloneSet was not even refreshed: new pods never get InPlaceUpdateReady.
  if (era === '0.7' && cs.spec.updateStrategy?.paused) {
    explain('paused', '§18', []);
    return result('paused');
  }

  // 1. refresh every pod; only lifecycle and pod-template-hash writes end the step
  const lifecycleMoved: number[] = [];
  const hashFixed: number[] = [];
  const refreshedOnly: number[] = [];
  for (let i = 0; i < pods.length; i++) {
    const refreshed = refreshPodState(cs, pods[i], updateRevision.metadata.name, now, featureGates);
    if (refreshed.error !== undefined) return result('error', refreshed.error);
    write(i, refreshed.pod);
    requeue(refreshed.requeueAfter);
    const fixed = era === '0.7' ? undefined : fixPodTemplateHashLabel(pods[i], latest[i]);
    write(i, fixed);
    if (refreshed.lifecycleChanged) lifecycleMoved.push(i);
    if (fixed) hashFixed.push(i);
    if (!refreshed.lifecycleChanged && !fixed && changed.has(i)) refreshedOnly.push(i);
  }
  if (refreshedOnly.length > 0) explain('refreshInPlace', '§10.2', refreshedOnly);
  if (lifecycleMoved.length > 0) explain('refreshLifecycle', '§10.2', lifecycleMoved);
  if (hashFixed.length > 0) explain('fixPodTemplateHash', '§10.2', hashFixed);
  if (lifecycleMoved.length > 0 || hashFixed.length > 0) return result('refreshed');

  // 2–3. the numbers ("updated" = revision label only)
  const diff = explainDiffs({
    cloneSet: cs,
    pods,
    currentRevision: currentRevision.metadata.name,
    updateRevision: updateRevision.metadata.name,
    now,
    featureGates,
    isPodUpdate: 'revisionLabelOnly',
  });
  explained.diff = diff;
  const diffs = diff.diffs;
  const counts = {
    replicas: diff.numbers.replicas,
    partition: diff.numbers.partition,
    oldPods: diff.tally.old.active,
    updatedPods: diff.tally.updated.active,
    updateNum: diffs.updateNum,
  };
  if (cs.spec.updateStrategy?.paused) {
    explain('paused', '§10.3', [], counts);
    return result('paused');
  }
  if (diffs.updateNum === 0) {
    explain('noUpdateNeeded', '§8.2', [], counts);
    return result('noUpdateNeeded');
  }

  // 4–6. candidates, order, budget
  const target = diffs.updateNum > 0 ? updateRevision : currentRevision;
  const found = updateCandidates(pods, updateRevision.metadata.name, diffs.updateNum > 0);
  if (found.preparingDelete.length > 0) explain('skipPreparingDelete', '§10.1', found.preparingDelete);
  if (found.inGrace.length > 0) explain('skipInGracePeriod', '§10.1', found.inGrace);
  const ordered = sortUpdateIndexes(cs.spec.updateStrategy, pods, found.candidates);
  const minReadySeconds = cs.spec.minReadySeconds ?? 0;
  // Availability read once per pod, shared by the limit and the record of its numbers.
  const available = pods.map((pod) => isPodAvailable(pod, minReadySeconds, now));
  const chosen = limitUpdateIndexes({ pods, waitUpdateIndexes: ordered, diffs, targetRevision: target.metadata.name, minReadySeconds, now, available });
  const budget = budgetNumbers(pods, available, target.metadata.name, diffs.updateMaxUnavailable);
  if (ordered.length > 0) explain('updateOrder', '§10.5', ordered, { candidates: ordered.length });
  const cap = Math.abs(diffs.updateNum);
  if (ordered.length > cap) explain('beyondUpdateNum', '§10.4', ordered.slice(cap), { updateNum: diffs.updateNum });
  const heldBack = ordered.slice(chosen.length, cap);
  if (heldBack.length > 0) explain('overUnavailableBudget', '§10.4', heldBack, { ...budget, chosen: chosen.length });

  // 7. update each chosen pod; the first failure ends the step
  const positionOf = new Map<number, number>();
  ordered.forEach((index, k) => positionOf.set(index, k + 1));
  for (const i of chosen) {
    const res = updatePod({ cloneSet: cs, targetRevision: target, revisions, pod: pods[i], latest: latest[i], now, featureGates });
    write(i, res.pod);
    if (res.event) events.push(res.event);
    requeue(res.requeueAfter);
    explain(WHY_OF_ACTION[res.action], res.action === 'inPlace' ? '§11.2' : res.action === 'recreate' ? '§12' : '§10.6', [i], {
      updateNum: diffs.updateNum,
      position: positionOf.get(i) ?? 0,
      ...budget,
    }, res.forcedBy);
    if (res.error !== undefined) return result('update', res.error);
  }
  return result('update');
}

/** The counts limitUpdateIndexes weighs, for the record. */
function budgetNumbers(pods: readonly Pod[], available: readonly boolean[], target: string, updateMaxUnavailable: number) {
  let unavailable = 0;
  let targetUnavailable = 0;
  for (let i = 0; i < pods.length; i++) {
    if (available[i]) continue;
    unavailable++;
    if (equalToRevisionHash(pods[i], target)) targetUnavailable++;
  }
  return { updateMaxUnavailable, unavailable, targetUnavailable };
}
