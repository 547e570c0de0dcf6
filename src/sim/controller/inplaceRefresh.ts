// SPEC §10.2/§11.3: the per-reconcile refresh of a pod — finish an expired grace period, start the
// next container batch, or set InPlaceUpdateReady=True once nothing is pending. Mirrors kruise
// pkg/util/inplaceupdate/inplace_update.go Refresh, finishGracePeriod and updateNextBatch.
import {
  ANNOTATION_INPLACE_UPDATE_GRACE,
  ANNOTATION_INPLACE_UPDATE_GRACE_OLD,
  ANNOTATION_INPLACE_UPDATE_STATE,
  CONDITION_INPLACE_UPDATE_READY,
} from '../api/constants';
import type { Pod, PodCondition } from '../api/types';
import type { FeatureGates } from './featureGates';
import { checkContainersInPlaceUpdateCompleted } from './inplaceCompletion';
import type { UpdateSpec } from './inplaceSpec';
import {
  getInPlaceUpdateGraceText,
  getInPlaceUpdateStateText,
  parseInPlaceUpdateState,
  parseUpdateSpec,
  type InPlaceUpdateState,
} from './inplaceState';
import { patchUpdateSpecToPod, updateCondition, withAnnotations } from './inplaceUpdate';
import { containsReadinessGate, hasEqualCondition } from './podConditions';
import { equalToRevisionHash } from './podState';

export interface RefreshResult {
  /** The new pod, when the refresh changed it. */
  pod?: Pod;
  /** Seconds until the grace period ends (the controller requeues then). */
  requeueAfter?: number;
  /** An annotation could not be read. */
  error?: string;
  /** Why nothing was done although an update is recorded (e.g. the completion check's message). */
  waitingFor?: string;
}

/** roundupSeconds: a remaining duration rounded up to whole seconds. */
const roundUpSeconds = (d: number) => Math.ceil(d - 1e-9);

/** finishGracePeriod: once the grace period is over, write the parked spec; drop it if the revision moved. */
function finishGracePeriod(pod: Pod, now: number, featureGates: FeatureGates): RefreshResult {
  const spec = parseUpdateSpec(getInPlaceUpdateGraceText(pod)!);
  const stateText = getInPlaceUpdateStateText(pod);
  if (stateText === undefined) return { error: `pod has ${ANNOTATION_INPLACE_UPDATE_GRACE} but ${ANNOTATION_INPLACE_UPDATE_STATE} not found` };
  let state: InPlaceUpdateState;
  try {
    state = parseInPlaceUpdateState(stateText);
  } catch {
    return {};
  }
  const dropGrace = (p: Pod) => withAnnotations(p, {}, [ANNOTATION_INPLACE_UPDATE_GRACE, ANNOTATION_INPLACE_UPDATE_GRACE_OLD]);
  if (!equalToRevisionHash(pod, spec.revision)) return { pod: dropGrace(pod) };
  const span = state.updateTimestamp === null ? Infinity : now - state.updateTimestamp;
  if (span < spec.graceSeconds) return { requeueAfter: roundUpSeconds(spec.graceSeconds - span) };
  return { pod: dropGrace(patchUpdateSpecToPod(pod, spec, state, now, featureGates)) };
}

/** doPreCheckBeforeNext: the previous batch's containers must report Ready. */
function preCheckBeforeNext(pod: Pod, state: InPlaceUpdateState): string | undefined {
  for (const name of state.preCheckBeforeNext?.containersRequiredReady ?? []) {
    const status = pod.status.containerStatuses?.find((s) => s.name === name);
    if (!status) return `not found container ${name} in pod status`;
    if (!status.ready) return `waiting container ${name} to be ready`;
  }
  return undefined;
}

/**
 * Refresh (SPEC §10.2/§11.3), once per pod per reconcile: finish a grace period, start the next
 * container batch, or — once nothing is pending — set InPlaceUpdateReady=True on a pod with that
 * readiness gate (which is how a brand-new pod gets it).
 */
export function refreshInPlaceUpdate(pod: Pod, now: number, featureGates: FeatureGates): RefreshResult {
  try {
    if (getInPlaceUpdateGraceText(pod)) return finishGracePeriod(pod, now, featureGates);
    const stateText = getInPlaceUpdateStateText(pod);
    if (stateText !== undefined) {
      const state = parseInPlaceUpdateState(stateText);
      const notDone = checkContainersInPlaceUpdateCompleted(pod, state, featureGates);
      if (notDone) return { waitingFor: notDone };
      const pending = Object.keys(state.nextContainerImages ?? {}).length + Object.keys(state.nextContainerRefMetadata ?? {}).length;
      if (pending + Object.keys(state.nextContainerResources ?? {}).length > 0) {
        const blocked = preCheckBeforeNext(pod, state);
        if (blocked) return { waitingFor: blocked };
        if (pending > 0) {
          const spec: UpdateSpec = {
            revision: '',
            containerImages: state.nextContainerImages ?? {},
            containerRefMetadata: state.nextContainerRefMetadata ?? {},
            containerResources: (state.nextContainerResources ?? {}) as UpdateSpec['containerResources'],
            updateEnvFromMetadata: state.updateEnvFromMetadata === true,
            graceSeconds: 0,
          };
          return { pod: patchUpdateSpecToPod(pod, spec, state, now, featureGates) };
        }
      }
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (!containsReadinessGate(pod, CONDITION_INPLACE_UPDATE_READY)) return {};
  const ready: PodCondition = { type: CONDITION_INPLACE_UPDATE_READY, status: 'True', lastTransitionTime: now };
  if (hasEqualCondition(pod, ready)) return {};
  const out = updateCondition(pod, ready, now);
  return out === pod ? {} : { pod: out };
}
