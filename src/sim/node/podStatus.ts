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

/** kubelet getPhase for a pod without init containers. */
export function getPhase(spec: PodSpec, statuses: ContainerStatus[]): PodPhase {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let unknown = 0;
  for (const c of spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
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
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: [${unknown.join(' ')}]`);
  if (unready.length) messages.push(`containers with unready status: [${unready.join(' ')}]`);
  if (messages.length === 0) return { type: 'ContainersReady', status: 'True' };
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
}

/** status.GeneratePodReadyCondition: containers ready, then every readiness gate True. */
export function podReadyCondition(spec: PodSpec, conditions: PodCondition[], statuses: ContainerStatus[]): PodCondition {
  const containersReady = containersReadyCondition(spec, statuses);
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const unready: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) unready.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') unready.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (unready.length === 0) return { type: 'Ready', status: 'True' };
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

/** The status manager's rule: keep lastTransitionTime while the status is unchanged. */
function withTransitionTime(c: PodCondition, previous: PodCondition[], now: number): PodCondition {
  const old = previous.find((x) => x.type === c.type);
  const at = old && old.status === c.status ? (old.lastTransitionTime ?? now) : now;
  return { type: c.type, status: c.status, lastTransitionTime: at, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) };
}

/** The whole status the kubelet writes for a pod it runs. */
export function buildPodStatus(input: PodStatusInput): PodStatus {
  const { pod, containerStatuses, now } = input;
  const stored = pod.status.conditions ?? [];
  const previous = input.previous ?? stored;
  const kept = stored.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const phase = getPhase(pod.spec, containerStatuses);
  const scheduledBefore = stored.find((c) => c.type === 'PodScheduled');
  const owned: PodCondition[] = [
    { type: 'Initialized', status: 'True' },
    podReadyCondition(pod.spec, kept, containerStatuses),
    containersReadyCondition(pod.spec, containerStatuses),
    { type: 'PodScheduled', status: 'True' },
  ];
  const conditions = [
    ...kept,
    ...owned.map((c) => withTransitionTime(c, c.type === 'PodScheduled' && scheduledBefore ? [scheduledBefore] : previous, now)),
  ];
  return {
    phase,
    conditions,
    hostIP: input.hostIP,
    podIP: input.podIP,
    startTime: input.startTime,
    containerStatuses,
  };
}
