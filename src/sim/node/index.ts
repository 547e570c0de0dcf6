// The node layer (SPEC §11.5, §12, §14, §21): the scheduler, the PVC provisioner and one kubelet
// per node, behind the NodeLayer contract of host.ts.
//
// Two rules keep it deterministic and re-entrancy free:
// - store notifications (podAdded/podUpdated/podRemoved/pvcAdded) only start machines, send them
//   events and arm timers; every write (status, removal) happens from a timer. Kubelet status
//   reports are batched per pod on one zero-delay "flush" timer, in the order pods became dirty.
// - back-off retries (image pulls, unschedulable pods) are background timers of the virtual
//   clock (`setTimeout(fn, ms, { background: true })`): `clock.pendingForeground()` ignores them,
//   so the cluster's `settle` stops when only such retries are left. `isQuiescent()` answers the
//   same question for the node layer's own timers (machine delays included, via NodeClock).
import type { Node, PersistentVolumeClaim, Pod } from '../api/types';
import type { TimerId } from '../clock';
import type { NodeHost, NodeLayer } from './host';
import { Kubelet, type KubeletView } from './kubelet';
import { NodeClock } from './nodeClock';
import { compareNodeNames, OverflowBlocks } from './podNetwork';
import { PvcProvisioner } from './pvc';
import { Scheduler } from './scheduler';

export interface NodeLayerView {
  scheduler: { queue: ReturnType<Scheduler['describe']> };
  pvcProvisioner: { pending: ReturnType<PvcProvisioner['describe']> };
  nodes: KubeletView[];
}

export interface SimNodeLayer extends NodeLayer {
  describe(): NodeLayerView;
  /** True when nothing but background retries (image pull back-off, unschedulable pods) is under way. */
  isQuiescent(): boolean;
}

class NodeLayerImpl implements SimNodeLayer {
  private readonly scheduler: Scheduler;
  private readonly provisioner: PvcProvisioner;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly nodeNumbers = new Map<string, number>();
  private readonly overflow = new OverflowBlocks();
  /** Pod key → its kubelet, for pods whose status must be reported, in the order they became dirty. */
  private dirty = new Map<string, Kubelet>();
  private flushTimer: TimerId | undefined;

  private readonly clock: NodeClock;

  constructor(private readonly host: NodeHost) {
    this.clock = new NodeClock(host.clock);
    this.scheduler = new Scheduler(host, this.clock);
    this.provisioner = new PvcProvisioner(host, this.clock, (ns, name) => this.scheduler.claimBound(ns, name));
  }

  podAdded(pod: Pod): void {
    this.scheduler.podAdded(pod);
    if (pod.spec.nodeName) this.kubelet(pod.spec.nodeName).admit(pod);
  }

  podUpdated(oldPod: Pod, pod: Pod): void {
    this.scheduler.podUpdated(oldPod, pod);
    const node = pod.spec.nodeName;
    if (!node) return;
    if (oldPod.spec.nodeName !== node) this.kubelet(node).admit(pod);
    else this.kubelet(node).update(oldPod, pod);
  }

  podRemoved(pod: Pod): void {
    this.scheduler.podRemoved(pod);
    if (pod.spec.nodeName) this.kubelets.get(pod.spec.nodeName)?.forget(pod);
  }

  pvcAdded(pvc: PersistentVolumeClaim): void {
    this.provisioner.pvcAdded(pvc);
  }

  isQuiescent(): boolean {
    return this.clock.pendingForeground() === 0;
  }

  describe(): NodeLayerView {
    const names = [...this.kubelets.keys()].sort(compareNodeNames);
    return {
      scheduler: { queue: this.scheduler.describe() },
      pvcProvisioner: { pending: this.provisioner.describe() },
      nodes: names.map((n) => this.kubelets.get(n)!.describe()),
    };
  }

  private kubelet(nodeName: string): Kubelet {
    let k = this.kubelets.get(nodeName);
    if (!k) {
      k = new Kubelet(this.host, this.clock, nodeName, this.nodeNumber(nodeName), this.overflow, (kubelet, key) => this.markDirty(kubelet, key));
      this.kubelets.set(nodeName, k);
    }
    return k;
  }

  /** 1-based position of the node in natural name order, fixed the first time it is asked. */
  private nodeNumber(nodeName: string): number {
    let n = this.nodeNumbers.get(nodeName);
    if (n === undefined) {
      const names = this.host.nodes().map((x: Node) => x.metadata.name);
      if (!names.includes(nodeName)) names.push(nodeName);
      names.sort(compareNodeNames);
      const taken = new Set(this.nodeNumbers.values());
      n = names.indexOf(nodeName) + 1;
      if (taken.has(n)) n = Math.max(0, ...taken) + 1;
      this.nodeNumbers.set(nodeName, n);
    }
    return n;
  }

  private markDirty(kubelet: Kubelet, key: string): void {
    this.dirty.set(key, kubelet);
    if (this.flushTimer === undefined) this.flushTimer = this.clock.setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.flushTimer = undefined;
    // Writes made here notify the layer again; pods they dirty land in a fresh batch.
    const batch = this.dirty;
    this.dirty = new Map();
    for (const [key, kubelet] of batch) kubelet.sync(key);
  }
}

export function createNodeLayer(host: NodeHost): SimNodeLayer {
  return new NodeLayerImpl(host);
}

export { DEFAULT_NODE_TIMINGS } from './host';
export type { NodeHost, NodeLayer, NodeTimings } from './host';
