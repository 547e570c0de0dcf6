// The pod status a kubelet reports (SPEC §11.5 step 5, §21), as pure functions of the stored
// pod and its container statuses — after the kubelet's generateAPIPodStatus and status manager:
// - phase from the container states (a container waiting to be restarted counts as stopped, so
//   an in-place restart keeps the pod Running);
// - conditions not owned by the kubelet (InPlaceUpdateReady, KruisePodReady, …) are kept in
//   their order, then Initialized, Ready, ContainersReady, PodScheduled are appended;
// - Ready = all containers ready AND every readiness gate condition True;
// - lastTransitionTime changes only when a condition's status flips.
import type { ContainerStatus, Pod, PodCondition, PodPhase, PodSpec, PodStatus } from '../api/types';

/** Conditions the kubelet owns (kubelet types.PodConditionsByKubelet). */
export const KUBELET_CONDITIONS: readonly string[] = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady'];

const KUBELET_CONDITION_SET: ReadonlySet<string> = new Set(KUBELET_CONDITIONS);

/** Whether the kubelet owns a condition type (a set lookup: it runs for every condition of every status report). */
export function isKubeletCondition(type: string): boolean {
  return KUBELET_CONDITION_SET.has(type);
}

/** The status reported for a container (statuses are few: a loop, no closure). */
function statusOf(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (let i = 0; i < statuses.length; i++) if (statuses[i].name === name) return statuses[i];
  return undefined;
}

/** kubelet getPhase for a pod without init containers. */
export function getPhase(spec: PodSpec, statuses: ContainerStatus[]): PodPhase {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let unknown = 0;
  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s?.state) unknown++;
    else if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    const policy = spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

/** status.GenerateContainersReadyCondition. */
export function containersReadyCondition(spec: PodSpec, statuses: ContainerStatus[]): PodCondition {
  let unknown: string[] | undefined;
  let unready: string[] | undefined;
  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s) (unknown ??= []).push(c.name);
    else if (!s.ready) (unready ??= []).push(c.name);
  }
  if (!unknown && !unready) return { type: 'ContainersReady', status: 'True' };
  const messages: string[] = [];
  if (unknown?.length) messages.push(`containers with unknown status: [${unknown.join(' ')}]`);
  if (unready?.length) messages.push(`containers with unready status: [${unready.join(' ')}]`);
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
}

const INITIALIZED: PodCondition = Object.freeze({ type: 'Initialized', status: 'True' });
const SCHEDULED: PodCondition = Object.freeze({ type: 'PodScheduled', status: 'True' });

/** status.GeneratePodReadyCondition once the containers are ready: every readiness gate's condition must be True. */
function readinessGatesCondition(spec: PodSpec, conditions: PodCondition[]): PodCondition {
  let unready: string[] | undefined;
  for (const gate of spec.readinessGates ?? []) {
    const c = conditionOf(conditions, gate.conditionType);
    if (!c) (unready ??= []).push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') (unready ??= []).push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (!unready) return { type: 'Ready', status: 'True' };
  return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: unready.join(', ') };
}

export interface PodStatusInput {
  /** The pod as stored (its non-kubelet conditions are kept). */
  pod: Pod;
  /** Container statuses in spec order. */
  containerStatuses: ContainerStatus[];
  hostIP: string;
  podIP: string;
  startTime: number;
  /** Virtual seconds. */
  now: number;
  /** The conditions this kubelet reported last (else the stored ones): the base for lastTransitionTime. */
  previous?: PodCondition[];
}

/**
 * The status manager's rule: keep lastTransitionTime while the status is unchanged. A condition
 * equal to the one reported before is that same object (the common case: nothing to copy).
 */
function withTransitionTime(c: PodCondition, old: PodCondition | undefined, now: number): PodCondition {
  const at = old && old.status === c.status ? (old.lastTransitionTime ?? now) : now;
  if (old && old.lastTransitionTime === at && old.reason === c.reason && old.message === c.message && sameKeys(old, c)) return old;
  const out: PodCondition = { type: c.type, status: c.status, lastTransitionTime: at };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}

/** Whether `old` has nothing but what withTransitionTime would write for `c`. */
function sameKeys(old: PodCondition, c: PodCondition): boolean {
  let n = 0;
  for (const k in old) if ((old as unknown as Record<string, unknown>)[k] !== undefined) n++;
  return n === 3 + (c.reason ? 1 : 0) + (c.message ? 1 : 0);
}

function conditionOf(list: readonly PodCondition[], type: string): PodCondition | undefined {
  for (let i = 0; i < list.length; i++) if (list[i].type === type) return list[i];
  return undefined;
}

/** The whole status the kubelet writes for a pod it runs. */
export function buildPodStatus(input: PodStatusInput): PodStatus {
  const { pod, containerStatuses, now } = input;
  const stored = pod.status.conditions ?? [];
  const previous = input.previous ?? stored;
  // The conditions others own, in their order; the kubelet's four follow.
  const conditions: PodCondition[] = [];
  for (let i = 0; i < stored.length; i++) if (!isKubeletCondition(stored[i].type)) conditions.push(stored[i]);
  const phase = getPhase(pod.spec, containerStatuses);
  const containersReady = containersReadyCondition(pod.spec, containerStatuses);
  const ready = containersReady.status === 'True' ? readinessGatesCondition(pod.spec, conditions) : { ...containersReady, type: 'Ready' };
  const scheduled = conditionOf(stored, 'PodScheduled') ?? conditionOf(previous, 'PodScheduled');
  conditions.push(
    withTransitionTime(INITIALIZED, conditionOf(previous, 'Initialized'), now),
    withTransitionTime(ready, conditionOf(previous, 'Ready'), now),
    withTransitionTime(containersReady, conditionOf(previous, 'ContainersReady'), now),
    withTransitionTime(SCHEDULED, scheduled, now),
  );
  return {
    phase,
    conditions,
    hostIP: input.hostIP,
    podIP: input.podIP,
    startTime: input.startTime,
    containerStatuses,
  };
}
