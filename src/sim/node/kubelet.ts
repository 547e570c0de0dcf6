// One node's kubelet (SPEC §11.5, §12, §21): it admits the pods bound to its node, runs each as a
// pod machine (containers inside), reports their status and lets the API server remove them once
// stopped. It never writes from inside a store notification: reactions are marked dirty and the
// node layer flushes them on a zero-delay timer (`sync`), so writes never nest.
import { createActor } from 'xstate';
import type { Container, ContainerStatus, Pod, PodCondition } from '../api/types';
import { jsonEqual, shareEqual } from '../api/jsonEqual';
import { keyOfObject } from '../store';
import type { EventInput, NodeHost } from './host';
import type { ContainerInput, ContainerPort, ContainerSnapshot, ContainerTimings } from './containerMachine';
import { containerStatusOf, instanceRuns, stateText } from './containerStatus';
import { containerIdOf } from './ids';
import { ImageStore, type PullPlan } from './imageStore';
import type { NodeClock } from './nodeClock';
import { podMachine, type PodActor } from './podMachine';
import { buildPodStatus, isKubeletCondition } from './podStatus';
import { PodAddressPool, type OverflowBlocks } from './podNetwork';

/**
 * The kubelet's own constants (not in NodeTimings): image pull back-off 10 s doubling to 300 s
 * (kubelet backOffPeriod / MaxContainerBackOff), 1 s from ErrImagePull to the next pod sync
 * reporting ImagePullBackOff, and 1 s for the registry to answer "not found".
 */
export const KUBELET_CONSTANTS = Object.freeze({
  imageBackOffInitialSeconds: 10,
  imageBackOffMaxSeconds: 300,
  podResyncSeconds: 1,
  failedPullSeconds: 1,
  defaultTerminationGracePeriodSeconds: 30,
});

interface PodWorker {
  namespace: string;
  name: string;
  uid: string | undefined;
  actor: PodActor;
  /** Each container's port (their delays are cancelled when the pod is forgotten mid-way). */
  ports: KubeletContainerPort[];
  podIP: string;
  hostIP: string;
  startTime: number;
  /** The kubelet-owned conditions it reported last (status manager cache). */
  lastConditions?: PodCondition[];
  /** Per container: the status it reported last and what that status was made of. */
  reported: Map<string, { inputs: StatusInputs; status: ContainerStatus }>;
}

export interface KubeletView {
  name: string;
  images: string[];
  pulling: string[];
  pods: {
    name: string;
    namespace: string;
    uid: string | undefined;
    ip: string;
    state: string;
    containers: { name: string; state: string; image: string; ready: boolean; restartCount: number; backOffSeconds?: number }[];
  }[];
}


/** Whether two pods differ in a condition the kubelet does not own (a readiness gate's, say). */
function othersConditionsDiffer(a: Pod, b: Pod): boolean {
  const x = a.status.conditions ?? [];
  const y = b.status.conditions ?? [];
  if (x === y) return false;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && isKubeletCondition(x[i].type)) i++;
    while (j < y.length && isKubeletCondition(y[j].type)) j++;
    if (i === x.length || j === y.length) return i !== x.length || j !== y.length;
    if (!jsonEqual(x[i], y[j])) return true;
    i++;
    j++;
  }
}

/**
 * What a container machine may do, for one container of one pod on this node. A class rather than
 * an object of closures: one of these lives in every container machine's context.
 */
class KubeletContainerPort implements ContainerPort {
  readonly pulledWithoutWaiting: boolean;
  /** The container's running delay (one at a time). */
  private delay: number | undefined;

  constructor(
    private readonly host: NodeHost,
    private readonly images: ImageStore,
    private readonly clock: NodeClock,
    private readonly involvedObject: EventInput['involvedObject'],
    private readonly source: EventInput['source'],
    /** The pod's UID (its namespace/name when it has none): container ids are derived from it. */
    private readonly podKey: string,
    private readonly containerName: string,
  ) {
    this.pulledWithoutWaiting = host.era === '0.7';
  }

  now(): number {
    return this.host.now();
  }

  record(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.recordEvent({ involvedObject: this.involvedObject, type, reason, message, source: this.source });
  }

  hasImage(image: string): boolean {
    return this.images.has(image);
  }

  beginPull(image: string): PullPlan {
    return this.images.beginPull(image);
  }

  completePull(image: string): void {
    this.images.completePull(image);
  }

  containerId(restartCount: number): string {
    return containerIdOf(this.podKey, this.containerName, restartCount);
  }

  backgroundTimer(fn: () => void, ms: number): () => void {
    const id = this.clock.setTimeout(fn, ms, { background: true });
    return () => this.clock.clearTimeout(id);
  }

  startDelay(fn: () => void, ms: number): void {
    this.cancelDelay();
    this.delay = this.clock.setTimeout(() => {
      this.delay = undefined;
      fn();
    }, ms);
  }

  cancelDelay(): void {
    if (this.delay === undefined) return;
    this.clock.clearTimeout(this.delay);
    this.delay = undefined;
  }
}

/** What containerStatusOf reads from a container snapshot (context parts are replaced, never changed). */
interface StatusInputs {
  runs: boolean;
  status: ContainerSnapshot['status'];
  spec: Container;
  current: ContainerSnapshot['context']['current'];
  previous: ContainerSnapshot['context']['previous'];
  waiting: ContainerSnapshot['context']['waiting'];
  ready: boolean;
  restartCount: number;
}

function statusInputsOf(s: ContainerSnapshot): StatusInputs {
  const c = s.context;
  return { runs: instanceRuns(s.value), status: s.status, spec: c.spec, current: c.current, previous: c.previous, waiting: c.waiting, ready: c.ready, restartCount: c.restartCount };
}

/** Whether a snapshot is made of the same inputs (compared in place: this runs on every container step). */
function sameStatusInputs(a: StatusInputs, s: ContainerSnapshot): boolean {
  const c = s.context;
  return (
    a.current === c.current &&
    a.ready === c.ready &&
    a.restartCount === c.restartCount &&
    a.waiting === c.waiting &&
    a.previous === c.previous &&
    a.spec === c.spec &&
    a.status === s.status &&
    a.runs === instanceRuns(s.value)
  );
}

export class Kubelet {
  readonly images: ImageStore;
  private readonly addresses: PodAddressPool;
  private readonly workers = new Map<string, PodWorker>();
  private readonly timingsByStop = new Map<number, ContainerTimings>();
  private readonly eventSource: Readonly<{ component: string; host: string }>;
  /** The pod whose status this kubelet is writing right now (its own write comes back through update). */
  private reporting: string | undefined;

  constructor(
    private readonly host: NodeHost,
    private readonly clock: NodeClock,
    readonly nodeName: string,
    private readonly nodeNumber: number,
    overflow: OverflowBlocks,
    /** Asks the node layer to call `sync(key)` soon (same virtual instant). */
    private readonly markDirty: (kubelet: Kubelet, key: string) => void,
  ) {
    this.images = new ImageStore(
      {
        pullSeconds: (image) => host.timings.pullSeconds[image] ?? host.timings.imagePullSeconds,
        failedPullSeconds: KUBELET_CONSTANTS.failedPullSeconds,
      },
      () => clock.now(),
    );
    this.addresses = new PodAddressPool(nodeNumber, overflow);
    this.eventSource = Object.freeze({ component: 'kubelet', host: nodeName });
  }

  /** A pod was bound to this node: start running it. */
  admit(pod: Pod): void {
    const key = keyOfObject(pod);
    if (this.workers.has(key)) return;
    const node = this.host.nodes().find((n) => n.metadata.name === this.nodeName);
    const hostIP = node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? `192.168.0.${10 + this.nodeNumber}`;
    const containers = pod.spec.containers.map((c) => this.containerInput(pod, c));
    const actor = createActor(podMachine, { input: { containers }, clock: this.clock });
    // Any snapshot of the pod may change the reported status; a container's only when what its
    // status is made of changed (a finished pull, say, changes nothing the API shows).
    const changed = { next: () => this.markDirty(this, key) };
    actor.subscribe(changed);
    for (const ref of Object.values(actor.getSnapshot().context.containers)) {
      let reported = statusInputsOf(ref.getSnapshot());
      ref.subscribe((snapshot) => {
        if (sameStatusInputs(reported, snapshot)) return;
        reported = statusInputsOf(snapshot);
        this.markDirty(this, key);
      });
    }
    const worker: PodWorker = {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      podIP: this.addresses.allocate(),
      hostIP,
      startTime: this.host.now(),
      actor,
      ports: containers.map((c) => c.port),
      reported: new Map(),
    };
    this.workers.set(key, worker);
    worker.actor.start();
    if (pod.metadata.deletionTimestamp !== undefined) worker.actor.send({ type: 'DELETE' });
    this.markDirty(this, key);
  }

  /** The stored pod changed. */
  update(old: Pod, pod: Pod): void {
    const key = keyOfObject(pod);
    // Its own status report, coming back: it changes nothing the checks below look for.
    if (key === this.reporting) return;
    const w = this.workers.get(key);
    if (!w || w.uid !== pod.metadata.uid) return;
    if (old.spec.containers !== pod.spec.containers) {
      // Straight to the container concerned: its machine decides whether that means a restart.
      const refs = w.actor.getSnapshot().context.containers;
      for (const c of pod.spec.containers) {
        const before = old.spec.containers.find((x) => x.name === c.name);
        if (before && refs[c.name] && !jsonEqual(before, c)) refs[c.name].send({ type: 'SPEC_CHANGED', spec: c });
      }
    }
    if (pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined) w.actor.send({ type: 'DELETE' });
    // The last finalizer of a stopped pod went away: it can be removed now.
    if ((old.metadata.finalizers?.length ?? 0) > 0 && !pod.metadata.finalizers?.length) this.markDirty(this, key);
    // Someone else's condition (a readiness gate) or the gates themselves: Ready may change.
    // (Same arrays — the common case of a status or label write — cannot differ: skip the copies.)
    const conditionsMoved = othersConditionsDiffer(old, pod);
    if (conditionsMoved || (old.spec.readinessGates !== pod.spec.readinessGates && !jsonEqual(old.spec.readinessGates, pod.spec.readinessGates))) {
      this.markDirty(this, key);
    }
  }

  /** The pod is gone from the store. */
  forget(pod: Pod): void {
    const key = keyOfObject(pod);
    const w = this.workers.get(key);
    if (!w || w.uid !== pod.metadata.uid) return;
    this.workers.delete(key);
    // A stopped machine runs no exit actions: a delay still running (a pod removed mid-pull, say)
    // is cancelled here.
    w.actor.stop();
    for (const port of w.ports) port.cancelDelay();
    this.addresses.release(w.podIP);
  }

  /** Reports the pod's status, or has it removed once its containers have stopped. */
  sync(key: string): void {
    const w = this.workers.get(key);
    if (!w) return;
    const pod = this.host.getPod(w.namespace, w.name);
    if (!pod || pod.metadata.uid !== w.uid) return;
    const snapshot = w.actor.getSnapshot();
    const stopped = snapshot.status === 'done';
    // Containers gone: the API server removes the pod, unless finalizers still hold it.
    if (stopped && !pod.metadata.finalizers?.length) {
      this.host.removePod(w.namespace, w.name);
      return;
    }
    const refs = snapshot.context.containers;
    const containerStatuses: ContainerStatus[] = [];
    for (const c of pod.spec.containers) if (refs[c.name]) containerStatuses.push(this.containerStatus(w, c.name, refs[c.name].getSnapshot()));
    const status = buildPodStatus({
      pod,
      containerStatuses,
      hostIP: w.hostIP,
      podIP: w.podIP,
      startTime: w.startTime,
      now: this.host.now(),
      previous: w.lastConditions,
    });
    // A deleted pod whose containers all stopped is terminal (exit code 0 everywhere: Succeeded).
    if (stopped) status.phase = containerStatuses.every((c) => (c.state?.terminated?.exitCode ?? 0) === 0) ? 'Succeeded' : 'Failed';
    // Unchanged parts keep the stored objects: an equal status is the stored one, nothing to write.
    const shared = shareEqual(status, pod.status);
    // (an unchanged status holds the conditions remembered last time)
    if (shared !== pod.status || w.lastConditions === undefined) w.lastConditions = shared.conditions?.filter((c) => isKubeletCondition(c.type));
    // Remember the statuses as stored: an unchanged container is then that very object next time.
    for (const s of shared.containerStatuses ?? []) {
      const entry = w.reported.get(s.name);
      if (entry) entry.status = s;
    }
    if (shared !== pod.status) {
      this.reporting = key;
      try {
        this.host.writePodStatus(w.namespace, w.name, shared);
      } finally {
        this.reporting = undefined;
      }
    }
  }

  /** containerStatusOf, or the status reported last when nothing it is made of changed. */
  private containerStatus(w: PodWorker, name: string, snapshot: ContainerSnapshot): ContainerStatus {
    const entry = w.reported.get(name);
    if (entry && sameStatusInputs(entry.inputs, snapshot)) return entry.status;
    const status = containerStatusOf(snapshot);
    w.reported.set(name, { inputs: statusInputsOf(snapshot), status });
    return status;
  }

  describe(): KubeletView {
    const { images, pulling } = this.images.describe();
    return {
      name: this.nodeName,
      images,
      pulling,
      pods: [...this.workers.values()].map((w) => {
        const snapshot = w.actor.getSnapshot();
        return {
          name: w.name,
          namespace: w.namespace,
          uid: w.uid,
          ip: w.podIP,
          state: stateText(snapshot.value),
          containers: Object.values(snapshot.context.containers).map((ref) => {
            const s = ref.getSnapshot();
            const inBackOff = s.matches('imagePullBackOff') || s.matches('errImagePull');
            return {
              name: s.context.spec.name,
              state: stateText(s.value),
              image: s.context.spec.image ?? '',
              ready: s.context.ready,
              restartCount: s.context.restartCount,
              ...(inBackOff ? { backOffSeconds: s.context.backOffMs / 1000 } : {}),
            };
          }),
        };
      }),
    };
  }

  private containerInput(pod: Pod, spec: Container): ContainerInput & { port: KubeletContainerPort } {
    const host = this.host;
    const { namespace = '', name, uid } = pod.metadata;
    const port = new KubeletContainerPort(
      host,
      this.images,
      this.clock,
      // One frozen object and source for all of this container's events (the recorder keys by them).
      Object.freeze({ kind: 'Pod', name, namespace, uid }),
      this.eventSource,
      uid ?? `${namespace}/${name}`,
      spec.name,
    );
    const grace = pod.spec.terminationGracePeriodSeconds ?? KUBELET_CONSTANTS.defaultTerminationGracePeriodSeconds;
    const stopMs = Math.max(0, Math.min(host.timings.stopSeconds, grace)) * 1000;
    // The same (frozen) timings for every container with the same stop time.
    let timings = this.timingsByStop.get(stopMs);
    if (!timings) {
      timings = Object.freeze({
        startMs: host.timings.containerStartSeconds * 1000,
        stopMs,
        podResyncMs: KUBELET_CONSTANTS.podResyncSeconds * 1000,
        backOffInitialMs: KUBELET_CONSTANTS.imageBackOffInitialSeconds * 1000,
        backOffMaxMs: KUBELET_CONSTANTS.imageBackOffMaxSeconds * 1000,
      });
      this.timingsByStop.set(stopMs, timings);
    }
    return { spec, port, timings };
  }
}
