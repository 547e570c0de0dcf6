// The default-scheduler, reduced to what a CloneSet lesson shows (SPEC §12 step 3, §21):
// - a pod without spec.nodeName is tried `scheduleSeconds` after it appears;
// - its PersistentVolumeClaims must exist and be Bound, else every node is rejected with
//   "pod has unbound immediate PersistentVolumeClaims" (the seed post's message);
// - a node fits when it is schedulable, matches spec.nodeSelector and runs fewer pods than its
//   allocatable `pods` (default 110); among fitting nodes the one with the fewest pods wins,
//   ties going to the first name in natural order (node-2 before node-10);
// - success: event Normal Scheduled "Successfully assigned <ns>/<pod> to <node>", then the
//   binding (the kubelet then reports PodScheduled=True);
// - failure: event Warning FailedScheduling "0/3 nodes are available: 3 Too many pods.",
//   condition PodScheduled=False reason Unschedulable, and a retry after a back-off of 5 s,
//   doubling up to 60 s. Those retries are BACKGROUND timers (they never keep the cluster from
//   resting); a change that can make the pod fit — its claim bound, a pod leaving a node —
//   retries it with a foreground timer after `scheduleSeconds`.
// Terminating pods that were never bound are removed at once (nothing runs them), unless
// finalizers hold them.
import type { Node, Pod, PodCondition } from '../api/types';
import { jsonEqual } from '../api/jsonEqual';
import { keyOfObject, objectKey } from '../store';
import type { NodeHost } from './host';
import { compareNodeNames } from './podNetwork';
import type { TimerId } from '../clock';
import type { NodeClock } from './nodeClock';

export const SCHEDULER_BACKOFF = Object.freeze({ initialSeconds: 5, maxSeconds: 60 });
export const DEFAULT_MAX_PODS = 110;
const DEFAULT_SCHEDULER = 'default-scheduler';

type WaitingFor = 'claims' | 'nodes';

interface QueuedPod {
  namespace: string;
  name: string;
  uid: string | undefined;
  /** Failed attempts so far. */
  failures: number;
  timer?: TimerId;
  /** When the pending attempt fires (virtual seconds). */
  at?: number;
  background: boolean;
  waitingFor?: WaitingFor;
  claims: string[];
  message?: string;
}


/** allocatable.pods, else capacity.pods, else 110. */
export function maxPodsOf(node: Node): number {
  const n = Number(node.status.allocatable?.pods ?? node.status.capacity?.pods ?? DEFAULT_MAX_PODS);
  return Number.isFinite(n) ? n : DEFAULT_MAX_PODS;
}

function claimNames(pod: Pod): string[] {
  return (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}

function matchesNodeSelector(pod: Pod, node: Node): boolean {
  const selector = pod.spec.nodeSelector as Record<string, string> | undefined;
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v);
}

/** The scheduler's FitError text: "<count> <reason>" strings, sorted as strings (Go sort.Strings). */
export function fitErrorMessage(nodeCount: number, reasons: Map<string, number>): string {
  const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `0/${nodeCount} nodes are available: ${parts.join(', ')}.`;
}

export class Scheduler {
  private readonly queue = new Map<string, QueuedPod>();
  /** Pod key → node, for every pod bound to a node and not yet removed. */
  private readonly assigned = new Map<string, string>();
  private readonly podsOnNode = new Map<string, number>();
  /** The last node list seen and its natural-order sort (reused while the stored nodes are the same objects). */
  private nodesSeen: readonly Node[] = [];
  private nodesSorted: Node[] = [];

  constructor(
    private readonly host: NodeHost,
    private readonly clock: NodeClock,
  ) {}

  podAdded(pod: Pod): void {
    if (pod.spec.nodeName) this.assign(keyOfObject(pod), pod.spec.nodeName);
    else this.consider(pod);
  }

  podUpdated(old: Pod, pod: Pod): void {
    // Bound before and still on that node (a status or label write): nothing for the scheduler.
    if (pod.spec.nodeName && old.spec.nodeName === pod.spec.nodeName) return;
    if (pod.spec.nodeName) {
      this.assign(keyOfObject(pod), pod.spec.nodeName);
      this.dequeue(keyOfObject(pod));
    } else this.consider(pod);
  }

  podRemoved(pod: Pod): void {
    const key = keyOfObject(pod);
    this.dequeue(key);
    const node = this.assigned.get(key);
    if (node === undefined) return;
    this.assigned.delete(key);
    this.podsOnNode.set(node, (this.podsOnNode.get(node) ?? 1) - 1);
    this.retryWaiting('nodes');
  }

  /** A claim became Bound: retry the pods waiting for it. */
  claimBound(namespace: string, claim: string): void {
    for (const q of [...this.queue.values()]) {
      if (q.waitingFor === 'claims' && q.namespace === namespace && q.claims.includes(claim)) this.retrySoon(q);
    }
  }

  podCount(node: string): number {
    return this.podsOnNode.get(node) ?? 0;
  }

  describe(): { pod: string; failures: number; nextAttemptAt: number | undefined; background: boolean; message?: string }[] {
    return [...this.queue.values()].map((q) => ({
      pod: `${q.namespace}/${q.name}`,
      failures: q.failures,
      nextAttemptAt: q.at,
      background: q.background,
      ...(q.message ? { message: q.message } : {}),
    }));
  }

  // ---- queue ----------------------------------------------------------------------------------

  private consider(pod: Pod): void {
    const key = keyOfObject(pod);
    if (pod.metadata.deletionTimestamp !== undefined) {
      this.dequeue(key);
      this.removeUnbound(pod);
      return;
    }
    if ((pod.spec.schedulerName ?? DEFAULT_SCHEDULER) !== DEFAULT_SCHEDULER || this.queue.has(key)) return;
    const q: QueuedPod = { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid, failures: 0, background: false, claims: [] };
    this.queue.set(key, q);
    this.arm(q, this.host.timings.scheduleSeconds, false);
  }

  private arm(q: QueuedPod, seconds: number, background: boolean): void {
    if (q.timer !== undefined) this.clock.clearTimeout(q.timer);
    const key = objectKey(q.namespace, q.name);
    q.background = background;
    q.at = this.host.now() + seconds;
    q.timer = this.clock.setTimeout(() => this.attempt(key), seconds * 1000, { background });
  }

  private retrySoon(q: QueuedPod): void {
    if (q.background) this.arm(q, this.host.timings.scheduleSeconds, false);
  }

  private retryWaiting(reason: WaitingFor): void {
    // retrySoon only re-arms timers, it never adds to or removes from the queue: no copy needed.
    for (const q of this.queue.values()) if (q.waitingFor === reason) this.retrySoon(q);
  }

  private dequeue(key: string): void {
    const q = this.queue.get(key);
    if (!q) return;
    if (q.timer !== undefined) this.clock.clearTimeout(q.timer);
    this.queue.delete(key);
  }

  private assign(key: string, node: string): void {
    if (this.assigned.get(key) === node) return;
    this.assigned.set(key, node);
    this.podsOnNode.set(node, (this.podsOnNode.get(node) ?? 0) + 1);
  }

  private removeUnbound(pod: Pod): void {
    const { namespace = '', name, uid } = pod.metadata;
    this.clock.setTimeout(() => {
      const current = this.host.getPod(namespace, name);
      if (current && current.metadata.uid === uid && !current.spec.nodeName && !current.metadata.finalizers?.length) this.host.removePod(namespace, name);
    }, 0);
  }

  // ---- one scheduling attempt -----------------------------------------------------------------

  private attempt(key: string): void {
    const q = this.queue.get(key);
    if (!q) return;
    q.timer = undefined;
    q.at = undefined;
    const pod = this.host.getPod(q.namespace, q.name);
    if (!pod || pod.metadata.uid !== q.uid || pod.spec.nodeName || pod.metadata.deletionTimestamp !== undefined) {
      this.queue.delete(key);
      return;
    }
    const nodes = this.sortedNodes();
    const claimProblem = this.claimProblem(pod, nodes.length);
    if (claimProblem) return this.fail(q, pod, 'claims', claimProblem);
    const reasons = new Map<string, number>();
    const reject = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    let best: Node | undefined;
    for (const node of nodes) {
      if (node.spec.unschedulable) reject('node(s) were unschedulable');
      else if (!matchesNodeSelector(pod, node)) reject("node(s) didn't match Pod's node affinity/selector");
      else if (this.podCount(node.metadata.name) >= maxPodsOf(node)) reject('Too many pods');
      else if (!best || this.podCount(node.metadata.name) < this.podCount(best.metadata.name)) best = node;
    }
    if (!best) return this.fail(q, pod, 'nodes', nodes.length === 0 ? 'no nodes available to schedule pods' : fitErrorMessage(nodes.length, reasons));
    this.queue.delete(key);
    this.host.recordEvent({
      involvedObject: { kind: 'Pod', name: q.name, namespace: q.namespace, uid: q.uid },
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${q.namespace}/${q.name} to ${best.metadata.name}`,
      source: { component: DEFAULT_SCHEDULER },
    });
    this.assign(key, best.metadata.name);
    this.host.bindPod(q.namespace, q.name, best.metadata.name);
  }

  /** The nodes in natural name order; sorted again only when the stored node objects changed. */
  private sortedNodes(): Node[] {
    const listed = this.host.nodes();
    const seen = this.nodesSeen;
    if (listed.length !== seen.length || listed.some((n, i) => n !== seen[i])) {
      this.nodesSeen = listed;
      this.nodesSorted = [...listed].sort((a, b) => compareNodeNames(a.metadata.name, b.metadata.name));
    }
    return this.nodesSorted;
  }

  /** Missing or unbound claims reject every node (VolumeBinding). */
  private claimProblem(pod: Pod, nodeCount: number): string | undefined {
    const ns = pod.metadata.namespace ?? '';
    const claims = claimNames(pod);
    const missing = claims.find((c) => !this.host.getPvc(ns, c));
    if (missing !== undefined) return `0/${nodeCount} nodes are available: persistentvolumeclaim "${missing}" not found.`;
    if (claims.some((c) => this.host.getPvc(ns, c)?.status.phase !== 'Bound')) {
      return fitErrorMessage(nodeCount, new Map([['pod has unbound immediate PersistentVolumeClaims', nodeCount]]));
    }
    return undefined;
  }

  private fail(q: QueuedPod, pod: Pod, waitingFor: WaitingFor, message: string): void {
    q.failures++;
    q.waitingFor = waitingFor;
    q.claims = claimNames(pod);
    q.message = message;
    this.host.recordEvent({
      involvedObject: { kind: 'Pod', name: q.name, namespace: q.namespace, uid: q.uid },
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      source: { component: DEFAULT_SCHEDULER },
    });
    this.markUnschedulable(pod, message);
    const backoff = Math.min(SCHEDULER_BACKOFF.initialSeconds * 2 ** (q.failures - 1), SCHEDULER_BACKOFF.maxSeconds);
    this.arm(q, backoff, true);
  }

  private markUnschedulable(pod: Pod, message: string): void {
    const conditions = pod.status.conditions ?? [];
    const old = conditions.find((c) => c.type === 'PodScheduled');
    const next: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastTransitionTime: old?.status === 'False' ? (old.lastTransitionTime ?? this.host.now()) : this.host.now(),
      reason: 'Unschedulable',
      message,
    };
    if (old && jsonEqual(old, next)) return;
    const rest = conditions.filter((c) => c.type !== 'PodScheduled');
    this.host.writePodStatus(pod.metadata.namespace ?? '', pod.metadata.name, { ...pod.status, phase: pod.status.phase ?? 'Pending', conditions: [...rest, next] });
  }
}
