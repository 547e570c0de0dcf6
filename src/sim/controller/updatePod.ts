// SPEC §10.2 (refresh of every pod), §10.6 (updating one pod) and §12 step 1 (recreate = mark the
// pod specified-delete). Mirrors kruise sync/cloneset_update.go refreshPodState,
// fixPodTemplateHashLabel and updatePod. Each returns the new pod and what to record; nothing is
// written here.
import {
  ANNOTATION_INPLACE_UPDATE_GRACE,
  ANNOTATION_INPLACE_UPDATE_GRACE_OLD,
  LABEL_CONTROLLER_REVISION_HASH,
  LABEL_POD_TEMPLATE_HASH,
  LABEL_SPECIFIED_DELETE,
} from '../api/constants';
import type { CloneSet, ControllerRevision, Pod } from '../api/types';
import type { FeatureGates } from './featureGates';
import { checkInPlaceUpdateCompleted } from './inplaceCompletion';
import { planInPlaceUpdate, type InPlaceUpdateOptions } from './inplaceSpec';
import { refreshInPlaceUpdate } from './inplaceRefresh';
import { inPlaceUpdatePod } from './inplaceUpdate';
import {
  inPlaceUpdateMarksNotReady,
  isPodHooked,
  lifecycleStateAfterRefresh,
  setPodLifecycle,
  updatePodLifecycle,
  updatePodLifecycleWithHandler,
} from './lifecycle';
import { equalToRevisionHash, getLifecycleState, getShortHash, podReadings } from './podState';

/** An event the controller records on the CloneSet (SPEC §3.3). */
export interface ControllerEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** coreControl.GetUpdateOptions: the grace period, and InPlaceOnly ignores claim-template hashes. */
export function getUpdateOptions(cs: CloneSet): InPlaceUpdateOptions {
  const strategy = cs.spec.updateStrategy;
  return {
    gracePeriodSeconds: strategy?.inPlaceUpdateStrategy?.gracePeriodSeconds ?? 0,
    ignoreVolumeClaimTemplatesHashDiff: strategy?.type === 'InPlaceOnly',
  };
}

export interface RefreshPodStateResult {
  /** The pod after the refresh (the input object when nothing changed). */
  pod: Pod;
  /** The lifecycle state moved: the update step stops after refreshing all pods. */
  lifecycleChanged: boolean;
  /** Seconds until a grace period ends. */
  requeueAfter?: number;
  error?: string;
}

/**
 * refreshPodState: the in-place refresh (§11.3), then the lifecycle transition of §13 — decided on
 * the pod as listed, written onto the refreshed pod.
 */
export function refreshPodState(cs: CloneSet, pod: Pod, updateRevision: string, now: number, featureGates: FeatureGates): RefreshPodStateResult {
  const readings = podReadings(pod);
  const quiet = readings.quietRefresh;
  if (quiet && quiet.lifecycle === cs.spec.lifecycle && quiet.updateRevision === updateRevision && quiet.featureGates === featureGates) {
    return quiet.result;
  }
  const result = computeRefreshPodState(cs, pod, updateRevision, now, featureGates);
  const nothingToDo = result.pod === pod && !result.lifecycleChanged && result.requeueAfter === undefined && result.error === undefined;
  // Refreshing a pod that needed nothing is a pure function of that pod (frozen, as the store keeps
  // it), the CloneSet's lifecycle hooks, the update revision and the gates — time only matters while
  // an in-place grace period runs. Every reconcile refreshes every pod, so such answers are kept.
  if (nothingToDo && Object.isFrozen(pod) && !hasInPlaceGrace(pod)) {
    readings.quietRefresh = { lifecycle: cs.spec.lifecycle, updateRevision, featureGates, result: Object.freeze({ pod, lifecycleChanged: false }) };
  }
  return result;
}

function hasInPlaceGrace(pod: Pod): boolean {
  const a = pod.metadata.annotations;
  return a !== undefined && (ANNOTATION_INPLACE_UPDATE_GRACE in a || ANNOTATION_INPLACE_UPDATE_GRACE_OLD in a);
}

function computeRefreshPodState(cs: CloneSet, pod: Pod, updateRevision: string, now: number, featureGates: FeatureGates): RefreshPodStateResult {
  const refreshed = refreshInPlaceUpdate(pod, now, featureGates);
  if (refreshed.error !== undefined) return { pod, lifecycleChanged: false, error: refreshed.error };
  const latest = refreshed.pod ?? pod;
  const delay = refreshed.requeueAfter !== undefined ? { requeueAfter: refreshed.requeueAfter } : {};
  const state = lifecycleStateAfterRefresh(cs, pod, updateRevision, () => checkInPlaceUpdateCompleted(pod, featureGates) === undefined);
  if (state) {
    const { updated, pod: written } = updatePodLifecycle(latest, state, inPlaceUpdateMarksNotReady(cs), now);
    return { pod: written, lifecycleChanged: updated, ...delay };
  }
  return { pod: latest, lifecycleChanged: false, ...delay };
}

/**
 * fixPodTemplateHashLabel: a pod from before v1.1 (no pod-template-hash label) gets one, the short
 * hash of its revision label. Decided on `pod` as listed, written onto `latest`; undefined = no fix.
 */
export function fixPodTemplateHashLabel(pod: Pod, latest: Pod = pod): Pod | undefined {
  if (pod.metadata.labels && LABEL_POD_TEMPLATE_HASH in pod.metadata.labels) return undefined;
  const short = getShortHash(pod.metadata.labels?.[LABEL_CONTROLLER_REVISION_HASH] ?? '');
  return { ...latest, metadata: { ...latest.metadata, labels: { ...latest.metadata.labels, [LABEL_POD_TEMPLATE_HASH]: short } } };
}

export interface UpdatePodInput {
  cloneSet: CloneSet;
  /** Revision to move the pod to (the update revision, or the current one on rollback). */
  targetRevision: ControllerRevision;
  /** All revisions: the pod's own revision is looked up here by its label. */
  revisions: readonly ControllerRevision[];
  /** The pod as listed at the start of the reconcile (decisions are made on it). */
  pod: Pod;
  /** The pod as it is now, if earlier steps of this reconcile changed it; writes go onto it. */
  latest?: Pod;
  now: number;
  featureGates: FeatureGates;
}

export type UpdatePodAction = 'inPlace' | 'recreate' | 'lifecycle' | 'wait' | 'error';

export interface UpdatePodResult {
  /** What happened: started in place, marked for recreate, only moved the lifecycle, waited, failed. */
  action: UpdatePodAction;
  /** The new pod, when it changed. */
  pod?: Pod;
  event?: ControllerEvent;
  /** Seconds until the controller should look again (an in-place grace period). */
  requeueAfter?: number;
  /** The reconcile error (the CloneSet gets a FailedUpdate condition). */
  error?: string;
  /** Recreate (or InPlaceOnly's error): what ruled out an in-place update. */
  forcedBy?: string;
}

function recreate(input: UpdatePodInput, base: Pod): UpdatePodResult {
  const { pod, targetRevision } = input;
  const marked = !!pod.metadata.labels && LABEL_SPECIFIED_DELETE in pod.metadata.labels;
  const next = marked ? undefined : { ...base, metadata: { ...base.metadata, labels: { ...base.metadata.labels, [LABEL_SPECIFIED_DELETE]: 'true' } } };
  const event: ControllerEvent = {
    type: 'Normal',
    reason: 'SuccessfulUpdatePodReCreate',
    message: `successfully patch pod ${pod.metadata.name} specified-delete for update(revision ${targetRevision.metadata.name})`,
  };
  return next ? { action: 'recreate', pod: next, event } : { action: 'recreate', event };
}

/** The in-place path once the revisions are known to allow it (lifecycle hooks first). */
function updateInPlace(input: UpdatePodInput, base: Pod, oldRevision: ControllerRevision | undefined): UpdatePodResult {
  const { cloneSet: cs, pod, targetRevision, now, featureGates } = input;
  const hook = cs.spec.lifecycle?.inPlaceUpdate;
  const state = getLifecycleState(pod);
  switch (state) {
    case '':
    case 'PreparingNormal':
    case 'Normal':
      if (hook && isPodHooked(hook, pod)) {
        const r = updatePodLifecycle(base, 'PreparingUpdate', hook.markPodNotReady === true, now);
        return { action: 'lifecycle', ...(r.pod !== base ? { pod: r.pod } : {}) };
      }
      break;
    case 'Updated': {
      const r = updatePodLifecycleWithHandler(base, 'PreparingUpdate', hook, now);
      return { action: 'lifecycle', ...(r.pod !== base ? { pod: r.pod } : {}) };
    }
    case 'PreparingUpdate':
      if (hook && isPodHooked(hook, pod)) return { action: 'wait' };
      break;
    case 'Updating':
      break;
    default:
      return { action: 'error', error: `not allowed to in-place update pod ${pod.metadata.name} in state ${state}` };
  }
  const res = inPlaceUpdatePod(base, oldRevision, targetRevision, getUpdateOptions(cs), now, featureGates, (p) => setPodLifecycle(p, 'Updating', now));
  const event: ControllerEvent = {
    type: 'Normal',
    reason: 'SuccessfulUpdatePodInPlace',
    message: `successfully update pod ${pod.metadata.name} in-place(revision ${targetRevision.metadata.name})`,
  };
  return { action: 'inPlace', pod: res.pod, event, ...(res.requeueAfter !== undefined ? { requeueAfter: res.requeueAfter } : {}) };
}

/**
 * updatePod (SPEC §10.6): InPlaceIfPossible/InPlaceOnly try in place from the pod's own revision
 * (looked up by its label); otherwise InPlaceOnly fails and everything else marks the pod
 * specified-delete so the scale step recreates it.
 */
export function updatePod(input: UpdatePodInput): UpdatePodResult {
  const { cloneSet: cs, pod, revisions, targetRevision, featureGates } = input;
  const base = input.latest ?? pod;
  const type = cs.spec.updateStrategy?.type;
  if (type === 'InPlaceIfPossible' || type === 'InPlaceOnly') {
    const oldRevision = revisions.find((r) => equalToRevisionHash(pod, r.metadata.name));
    const plan = planInPlaceUpdate(oldRevision, targetRevision, getUpdateOptions(cs), featureGates);
    if ('spec' in plan) return updateInPlace(input, base, oldRevision);
    if (type === 'InPlaceOnly') {
      return { action: 'error', error: `find Pod ${pod.metadata.name} update strategy is InPlaceOnly but can not update in-place`, forcedBy: plan.blocker };
    }
    return { ...recreate(input, base), forcedBy: plan.blocker };
  }
  return { ...recreate(input, base), forcedBy: `updateStrategy.type ${type ?? 'ReCreate'}` };
}
