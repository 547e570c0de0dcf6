// SPEC §13: lifecycle hooks and the lifecycle.apps.kruise.io/state label. Mirrors kruise
// pkg/util/lifecycle/lifecycle_utils.go (hook matching, state writes with the timestamp
// annotation, markPodNotReady through the KruisePodReady condition) and the state transitions of
// sync/cloneset_update.go refreshPodState.
import {
  ANNOTATION_LIFECYCLE_TIMESTAMP,
  CONDITION_KRUISE_POD_READY,
  LABEL_LIFECYCLE_STATE,
  type LifecycleState,
} from '../api/constants';
import type { CloneSet, LifecycleHook, Pod, PodCondition } from '../api/types';
import { toRFC3339 } from '../api/virtualTime';
import { containsReadinessGate, setPodReadyCondition } from './podConditions';
import { equalToRevisionHash, getLifecycleState, getPodCondition } from './podState';

/** A hook matches when any of its finalizers is on the pod or any of its labels has its value. */
export function isPodHooked(hook: LifecycleHook | null | undefined, pod: Pod | null | undefined): boolean {
  if (!hook || !pod) return false;
  const finalizers = pod.metadata.finalizers ?? [];
  if ((hook.finalizersHandler ?? []).some((f) => finalizers.includes(f))) return true;
  // Go reads a missing label as "": a hook label with an empty value matches an unlabelled pod.
  return Object.entries(hook.labelsHandler ?? {}).some(([k, v]) => (pod.metadata.labels?.[k] ?? '') === v);
}

/** A hook is fully satisfied when all its finalizers and labels are on the pod; an empty hook always is. */
export function isPodAllHooked(hook: LifecycleHook | null | undefined, pod: Pod | null | undefined): boolean {
  if (!hook || !pod) return false;
  const finalizers = pod.metadata.finalizers ?? [];
  if (!(hook.finalizersHandler ?? []).every((f) => finalizers.includes(f))) return false;
  return Object.entries(hook.labelsHandler ?? {}).every(([k, v]) => (pod.metadata.labels?.[k] ?? '') === v);
}

/** SetPodLifecycle: the state label plus the lifecycle timestamp annotation (RFC 3339 of `now`). */
export function setPodLifecycle(pod: Pod, state: LifecycleState, now: number): Pod {
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      labels: { ...pod.metadata.labels, [LABEL_LIFECYCLE_STATE]: state },
      annotations: { ...pod.metadata.annotations, [ANNOTATION_LIFECYCLE_TIMESTAMP]: toRFC3339(now) },
    },
  };
}

// ---- markPodNotReady: keys in the KruisePodReady condition (pkg/util/podreadiness) ----

interface NotReadyMessage {
  userAgent: string;
  key: string;
}

const PRE_DELETE_KEY: NotReadyMessage = { userAgent: 'Lifecycle', key: 'preDeleteHook' };
const PRE_UPDATE_KEY: NotReadyMessage = { userAgent: 'Lifecycle', key: 'preUpdateHook' };

function readMessages(message: string | undefined): NotReadyMessage[] {
  if (!message) return [];
  try {
    const parsed: unknown = JSON.parse(message);
    return Array.isArray(parsed) ? (parsed as NotReadyMessage[]) : [];
  } catch {
    return [];
  }
}

function dumpMessages(list: NotReadyMessage[]): string {
  const sorted = [...list].sort((a, b) => (a.userAgent === b.userAgent ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.userAgent < b.userAgent ? -1 : 1));
  return JSON.stringify(sorted.map((m) => ({ userAgent: m.userAgent, key: m.key })));
}

const sameMessage = (a: NotReadyMessage, b: NotReadyMessage) => a.userAgent === b.userAgent && a.key === b.key;

function replaceCondition(pod: Pod, condition: PodCondition): Pod {
  const list = pod.status.conditions ?? [];
  const conditions = list.some((c) => c.type === condition.type) ? list.map((c) => (c.type === condition.type ? condition : c)) : [...list, condition];
  return { ...pod, status: { ...pod.status, conditions } };
}

/** AddNotReadyKey: KruisePodReady=False with this key, then Ready recomputed. */
function addNotReadyKey(pod: Pod, msg: NotReadyMessage, now: number): Pod {
  if (!containsReadinessGate(pod, CONDITION_KRUISE_POD_READY)) return pod;
  const existing = getPodCondition(pod, CONDITION_KRUISE_POD_READY);
  const messages = readMessages(existing?.message);
  if (messages.some((m) => sameMessage(m, msg))) return pod;
  // kruise leaves the status of a new condition empty; "False" is what it means.
  const condition: PodCondition = { type: CONDITION_KRUISE_POD_READY, status: 'False', message: dumpMessages([...messages, msg]), lastTransitionTime: now };
  return setPodReadyCondition(replaceCondition(pod, existing ? { ...existing, ...condition } : condition), now);
}

/** RemoveNotReadyKey: drop the key; KruisePodReady turns True when no key is left. */
function removeNotReadyKey(pod: Pod, msg: NotReadyMessage, now: number): Pod {
  if (!containsReadinessGate(pod, CONDITION_KRUISE_POD_READY)) return pod;
  const existing = getPodCondition(pod, CONDITION_KRUISE_POD_READY);
  if (!existing) return pod;
  const messages = readMessages(existing.message);
  const left = messages.filter((m) => !sameMessage(m, msg));
  if (left.length === messages.length) return pod;
  const status = left.length === 0 ? 'True' : existing.status;
  return replaceCondition(pod, { ...existing, status, message: dumpMessages(left), lastTransitionTime: now });
}

/** executePodNotReadyPolicy: what markPodNotReady does on entering a state. */
function applyNotReadyPolicy(pod: Pod, state: LifecycleState, now: number): Pod {
  switch (state) {
    case 'PreparingDelete':
      return addNotReadyKey(pod, PRE_DELETE_KEY, now);
    case 'PreparingUpdate':
      return addNotReadyKey(pod, PRE_UPDATE_KEY, now);
    case 'Updated':
      return removeNotReadyKey(pod, PRE_UPDATE_KEY, now);
    default:
      return pod;
  }
}

/** Result of a lifecycle write: `updated` = the state label changed (the pod may change anyway through markPodNotReady). */
export interface LifecycleUpdate {
  updated: boolean;
  pod: Pod;
}

/** UpdatePodLifecycle: move the pod to `state` (no-op when already there). */
export function updatePodLifecycle(pod: Pod, state: LifecycleState, markPodNotReady: boolean, now: number): LifecycleUpdate {
  const marked = markPodNotReady ? applyNotReadyPolicy(pod, state, now) : pod;
  if (getLifecycleState(marked) === state) return { updated: false, pod: marked };
  return { updated: true, pod: setPodLifecycle(marked, state, now) };
}

/** UpdatePodLifecycleWithHandler: as above, and re-apply the hook's labels and finalizers (merge). */
export function updatePodLifecycleWithHandler(pod: Pod, state: LifecycleState, hook: LifecycleHook | null | undefined, now: number): LifecycleUpdate {
  if (!hook) return { updated: false, pod };
  const marked = hook.markPodNotReady ? applyNotReadyPolicy(pod, state, now) : pod;
  if (getLifecycleState(marked) === state) return { updated: false, pod: marked };
  const finalizers = [...(marked.metadata.finalizers ?? [])];
  for (const f of hook.finalizersHandler ?? []) if (!finalizers.includes(f)) finalizers.push(f);
  const withHook: Pod = {
    ...marked,
    metadata: {
      ...marked.metadata,
      labels: { ...marked.metadata.labels, ...hook.labelsHandler },
      ...(finalizers.length > 0 ? { finalizers } : {}),
    },
  };
  return { updated: true, pod: setPodLifecycle(withHook, state, now) };
}

/**
 * The state the refresh of SPEC §10.2 moves a pod to, or undefined to leave it:
 * - PreparingNormal → Normal: without a preNormal hook once scheduled (nodeName set), with one once
 *   all its labels/finalizers are on the pod;
 * - PreparingUpdate at the update revision (a rollback) → Updated/Normal without updating;
 * - Updating → Updated/Normal once `updateCompleted`;
 * - Updated → Normal once the inPlaceUpdate hook is fully satisfied or there is none.
 * "Updated" when spec.lifecycle is set and its inPlaceUpdate hook is not fully satisfied — which, as
 * in kruise, includes a lifecycle with no inPlaceUpdate hook at all (one reconcile in Updated).
 */
/** Where an updated pod goes: Updated while inPlaceUpdate hooks still hold it, else Normal. */
function stateAfterUpdate(lifecycle: CloneSet['spec']['lifecycle'], pod: Pod): LifecycleState {
  return lifecycle && !isPodAllHooked(lifecycle.inPlaceUpdate, pod) ? 'Updated' : 'Normal';
}

export function lifecycleStateAfterRefresh(cs: CloneSet, pod: Pod, updateRevision: string, updateCompleted: () => boolean): LifecycleState | undefined {
  const lifecycle = cs.spec.lifecycle;
  switch (getLifecycleState(pod)) {
    case 'PreparingNormal': {
      const ready = lifecycle?.preNormal ? isPodAllHooked(lifecycle.preNormal, pod) : (pod.spec.nodeName ?? '') !== '';
      return ready ? 'Normal' : undefined;
    }
    case 'PreparingUpdate':
      return equalToRevisionHash(pod, updateRevision) ? stateAfterUpdate(lifecycle, pod) : undefined;
    case 'Updating':
      return updateCompleted() ? stateAfterUpdate(lifecycle, pod) : undefined;
    case 'Updated':
      return !lifecycle?.inPlaceUpdate || isPodAllHooked(lifecycle.inPlaceUpdate, pod) ? 'Normal' : undefined;
    default:
      return undefined;
  }
}

/** spec.lifecycle.inPlaceUpdate.markPodNotReady. */
export function inPlaceUpdateMarksNotReady(cs: CloneSet): boolean {
  return cs.spec.lifecycle?.inPlaceUpdate?.markPodNotReady === true;
}
