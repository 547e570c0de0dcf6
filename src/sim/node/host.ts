// The contract between the cluster (store, clock, controller) and the node layer (scheduler,
// PVC provisioner, kubelets). The node layer never touches the store directly: it reads objects
// and writes through this host, so every write bumps a resourceVersion and wakes the controller.
import type { VirtualClock } from '../clock';
import type { KruiseEra } from '../controller/era';
import type { Rng } from '../rng';
import type { Node, PersistentVolumeClaim, Pod, PodSpec, PodStatus } from '../api/types';

/** Who emits an event: `kubelet` (with the node as host), `default-scheduler`, … */
export interface EventSource {
  component: string;
  host?: string;
}

export interface EventInput {
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
}

/** Timings of the simulated infrastructure, in virtual seconds (SPEC §21). */
export interface NodeTimings {
  /** Scheduling delay after a pod is created (PodScheduled, nodeName). Default 1. */
  scheduleSeconds: number;
  /** Pull time of an image not cached on the node. Default 5. */
  imagePullSeconds: number;
  /** Per-image pull time, by image reference (e.g. {"nginx": 29}). */
  pullSeconds: Record<string, number>;
  /** Container create + start. Default 1. */
  containerStartSeconds: number;
  /** Graceful stop of a container (capped by terminationGracePeriodSeconds). Default 2. */
  stopSeconds: number;
  /** PVC provisioning until Bound. Default 1. */
  pvcBindSeconds: number;
}

export const DEFAULT_NODE_TIMINGS: Readonly<NodeTimings> = Object.freeze({
  scheduleSeconds: 1,
  imagePullSeconds: 5,
  pullSeconds: {},
  containerStartSeconds: 1,
  stopSeconds: 2,
  pvcBindSeconds: 1,
});

export interface NodeHost {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly timings: NodeTimings;
  /**
   * The cluster's era (SPEC §18): the blog era's cluster also ran an older kubelet, whose Pulled
   * event reads `… in 29.136659264s` without today's `(… including waiting)`.
   */
  readonly era: KruiseEra;
  /** Virtual seconds. */
  now(): number;
  nodes(): Node[];
  /** All pods of the namespace (any owner), as stored. */
  pods(namespace?: string): Pod[];
  getPod(namespace: string, name: string): Pod | undefined;
  getPvc(namespace: string, name: string): PersistentVolumeClaim | undefined;
  pvcs(namespace?: string): PersistentVolumeClaim[];
  /** Writes spec.nodeName (binding) — the scheduler's one spec write. */
  bindPod(namespace: string, name: string, nodeName: string): void;
  /** Replaces the pod's status. Ignored when the pod is gone. */
  writePodStatus(namespace: string, name: string, status: PodStatus): void;
  /** Replaces the PVC's status (provisioning). */
  writePvcStatus(namespace: string, name: string, status: PersistentVolumeClaim['status']): void;
  /** Removes a terminating pod once its containers have stopped (the API server's final delete). */
  removePod(namespace: string, name: string): void;
  recordEvent(e: EventInput): void;
}

/** What the cluster tells the node layer; it calls these after every store write. */
export interface NodeLayer {
  podAdded(pod: Pod): void;
  /** Any change to a pod: binding, deletion timestamp, spec image change, conditions by the controller. */
  podUpdated(oldPod: Pod, pod: Pod): void;
  podRemoved(pod: Pod): void;
  pvcAdded(pvc: PersistentVolumeClaim): void;
  /** Serializable state of machines and caches, for snapshots (see Cluster.snapshot). */
  describe(): unknown;
}

/** The container spec fields whose change makes the kubelet restart a container. */
export type ContainerSpecHashInput = Pick<PodSpec['containers'][number], 'name' | 'image' | 'env' | 'command' | 'args' | 'ports' | 'resources'>;
