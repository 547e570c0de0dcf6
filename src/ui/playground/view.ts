// What the cluster view shows, read from the cluster's objects: no controller logic here, only
// the objects as kubectl would print them (status column, restarts, revision labels).
import type { Cluster } from '../../sim/cluster';
import type { CloneSet, ControllerRevision, KubeEvent, Node, Pod } from '../../sim/api/types';
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_LIFECYCLE_STATE } from '../../sim/api/constants';
import { isPodReady } from '../../sim/controller/podState';
import { humanDuration } from '../../kubectl/humanDuration';

/** How a pod relates to its CloneSet's revisions. */
export type RevisionKind = 'update' | 'current' | 'other' | 'none';

export interface PodView {
  uid: string;
  name: string;
  cloneSet: string | null;
  node: string | null;
  ip: string | null;
  phase: string;
  /** kubectl's STATUS column (Running, ContainerCreating, ErrImagePull, Terminating …). */
  status: string;
  ready: boolean;
  readyText: string;
  restarts: number;
  revisionHash: string | null;
  /** The ControllerRevision's number (1, 2 …), when it still exists. */
  revisionNumber: number | null;
  revisionKind: RevisionKind;
  images: string[];
  pvcs: string[];
  lifecycleState: string | null;
  deleting: boolean;
  createdAt: number;
}

export interface CloneSetView {
  name: string;
  replicas: number;
  partition: string | null;
  paused: boolean;
  updateType: string;
  status: Required<Pick<NonNullable<CloneSet['status']>, 'replicas' | 'readyReplicas' | 'availableReplicas' | 'updatedReplicas' | 'updatedReadyReplicas' | 'expectedUpdatedReplicas' | 'observedGeneration'>> & {
    updateRevision: string;
    currentRevision: string;
    collisionCount: number;
  };
  generation: number;
  age: string;
  image: string;
}

export interface ClusterView {
  time: number;
  nodes: string[];
  pods: PodView[];
  cloneSets: CloneSetView[];
}

const ownerName = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.kind === 'CloneSet')?.name ?? null;

/** kubectl get pods' STATUS column, from the pod's own status. */
export function podStatusText(pod: Pod): string {
  if (pod.metadata.deletionTimestamp !== undefined) return 'Terminating';
  for (const c of pod.status.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason;
    if (reason) return reason;
    const terminated = c.state?.terminated?.reason;
    if (terminated) return terminated;
  }
  if (pod.status.phase === 'Pending' && pod.spec.nodeName) return 'ContainerCreating';
  return pod.status.phase ?? 'Pending';
}

function podView(pod: Pod, revisions: Map<string, number>, cloneSets: Map<string, CloneSet>): PodView {
  const labels = pod.metadata.labels ?? {};
  const hash = labels[LABEL_CONTROLLER_REVISION_HASH] ?? null;
  const csName = ownerName(pod);
  const cs = csName ? cloneSets.get(csName) : undefined;
  const statuses = pod.status.containerStatuses ?? [];
  const readyCount = statuses.filter((c) => c.ready).length;
  let revisionKind: RevisionKind = 'none';
  if (hash && cs?.status?.updateRevision === hash) revisionKind = 'update';
  else if (hash && cs?.status?.currentRevision === hash) revisionKind = 'current';
  else if (hash) revisionKind = 'other';
  return {
    uid: pod.metadata.uid ?? pod.metadata.name,
    name: pod.metadata.name,
    cloneSet: csName,
    node: pod.spec.nodeName || null,
    ip: pod.status.podIP ?? null,
    phase: pod.status.phase ?? 'Pending',
    status: podStatusText(pod),
    ready: isPodReady(pod),
    readyText: `${readyCount}/${pod.spec.containers.length}`,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    revisionHash: hash,
    revisionNumber: hash ? (revisions.get(hash) ?? null) : null,
    revisionKind,
    images: pod.spec.containers.map((c) => c.image ?? ''),
    pvcs: (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : [])),
    lifecycleState: labels[LABEL_LIFECYCLE_STATE] ?? null,
    deleting: pod.metadata.deletionTimestamp !== undefined,
    createdAt: pod.metadata.creationTimestamp ?? 0,
  };
}

function cloneSetView(cs: CloneSet, now: number): CloneSetView {
  const s = cs.status ?? {};
  const strategy = cs.spec.updateStrategy ?? {};
  return {
    name: cs.metadata.name,
    replicas: cs.spec.replicas ?? 1,
    partition: strategy.partition === undefined ? null : String(strategy.partition),
    paused: strategy.paused === true,
    updateType: strategy.type ?? 'ReCreate',
    status: {
      replicas: s.replicas ?? 0,
      readyReplicas: s.readyReplicas ?? 0,
      availableReplicas: s.availableReplicas ?? 0,
      updatedReplicas: s.updatedReplicas ?? 0,
      updatedReadyReplicas: s.updatedReadyReplicas ?? 0,
      expectedUpdatedReplicas: s.expectedUpdatedReplicas ?? 0,
      observedGeneration: s.observedGeneration ?? 0,
      updateRevision: s.updateRevision ?? '',
      currentRevision: s.currentRevision ?? '',
      collisionCount: s.collisionCount ?? 0,
    },
    generation: cs.metadata.generation ?? 1,
    age: humanDuration(Math.max(0, now - (cs.metadata.creationTimestamp ?? 0))),
    image: cs.spec.template.spec?.containers?.map((c) => c.image).join(', ') ?? '',
  };
}

/** Natural order for names with numbers (node-2 before node-10). */
const natural = new Intl.Collator('en', { numeric: true }).compare;

/** The objects a view is read from: a cluster's store at one moment. */
export interface ViewObjects {
  pods: readonly Pod[];
  cloneSets: readonly CloneSet[];
  revisions: readonly ControllerRevision[];
  nodes: readonly Node[];
}

/**
 * Reads views from objects, remembering the view of each (frozen) object: an object that did not
 * change gives the same view object back, so the page's keyed lists leave its element alone.
 */
export class ViewReader {
  #pods = new WeakMap<Pod, { owner: string; hash: string; context: string; view: PodView }>();
  #cloneSets = new WeakMap<CloneSet, { now: number; view: CloneSetView }>();
  #events = new WeakMap<KubeEvent, EventView>();
  #nodes: { from: readonly Node[]; names: string[] } = { from: [], names: [] };
  /** The last pod views in store order, and the same sorted by name. */
  #order: { views: PodView[]; sorted: PodView[] } = { views: [], sorted: [] };
  /** The last names in store order, and the store positions in name order. */
  #byName: { names: string[]; positions: number[] } = { names: [], positions: [] };

  clusterView(objects: ViewObjects, now: number): ClusterView {
    const revisions = new Map(objects.revisions.map((r) => [r.metadata.name, r.revision]));
    const cloneSets = new Map(objects.cloneSets.map((cs) => [cs.metadata.name, cs]));
    const pods = this.#podViews(objects.pods, revisions, cloneSets);
    if (this.#nodes.from !== objects.nodes) this.#nodes = { from: objects.nodes, names: objects.nodes.map((n) => n.metadata.name).sort(natural) };
    // ages are shown in whole seconds: a CloneSet's view changes once a second
    const second = Math.floor(now);
    const csViews = objects.cloneSets.map((cs) => {
      const cached = this.#cloneSets.get(cs);
      if (cached && cached.now === second) return cached.view;
      const view = cloneSetView(cs, now);
      this.#cloneSets.set(cs, { now: second, view });
      return view;
    });
    return { time: now, nodes: this.#nodes.names, pods, cloneSets: csViews };
  }

  eventViews(events: readonly KubeEvent[]): EventView[] {
    return events.map((e) => {
      let view = this.#events.get(e);
      if (!view) {
        view = eventView(e);
        this.#events.set(e, view);
      }
      return view;
    });
  }

  #podViews(pods: readonly Pod[], revisions: Map<string, number>, cloneSets: Map<string, CloneSet>): PodView[] {
    let same = this.#order.views.length === pods.length;
    // what a pod's view reads besides the pod: its CloneSet's revisions and its revision's number
    const contexts = new Map<string, string>();
    const contextOf = (owner: string, hash: string) => {
      const key = `${owner}\u0000${hash}`;
      let context = contexts.get(key);
      if (context === undefined) {
        const status = cloneSets.get(owner)?.status;
        context = `${status?.updateRevision}\u0000${status?.currentRevision}\u0000${hash ? revisions.get(hash) : ''}`;
        contexts.set(key, context);
      }
      return context;
    };
    const views = pods.map((p, i) => {
      const cached = this.#pods.get(p);
      const owner = cached ? cached.owner : (ownerName(p) ?? '');
      const hash = cached ? cached.hash : (p.metadata.labels?.[LABEL_CONTROLLER_REVISION_HASH] ?? '');
      const context = contextOf(owner, hash);
      let view: PodView;
      if (cached && cached.context === context) view = cached.view;
      else {
        view = podView(p, revisions, cloneSets);
        this.#pods.set(p, { owner, hash, context, view });
      }
      if (same && this.#order.views[i] !== view) same = false;
      return view;
    });
    if (same) return this.#order.sorted;
    this.#order = { views, sorted: this.#sortedByName(views) };
    return this.#order.sorted;
  }

  /** Views in natural name order; the order is computed again only when the names changed. */
  #sortedByName(views: PodView[]): PodView[] {
    const last = this.#byName;
    const unchanged = last.names.length === views.length && views.every((v, i) => v.name === last.names[i]);
    if (!unchanged) {
      const names = views.map((v) => v.name);
      const positions = names.map((_, i) => i).sort((a, b) => natural(names[a], names[b]));
      this.#byName = { names, positions };
    }
    return this.#byName.positions.map((i) => views[i]);
  }
}

export function clusterView(cluster: Cluster): ClusterView {
  const store = cluster.store;
  const objects = { pods: store.list('Pod'), cloneSets: store.list('CloneSet'), revisions: store.list('ControllerRevision'), nodes: store.list('Node') };
  return new ViewReader().clusterView(objects, cluster.now());
}

export interface EventView {
  key: string;
  time: number;
  type: string;
  reason: string;
  object: string;
  kind: string;
  name: string;
  message: string;
  count: number;
}

export function eventViews(events: readonly KubeEvent[]): EventView[] {
  return events.map(eventView);
}

function eventView(e: KubeEvent): EventView {
  return {
    key: e.metadata.name,
    time: e.lastTimestamp,
    type: e.type,
    reason: e.reason,
    object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
    kind: e.involvedObject.kind,
    name: e.involvedObject.name,
    message: e.message,
    count: e.count,
  };
}

/**
 * The pods a page shows on its way from `shown` to `target`: at most `budget` pods that changed take
 * their new view, the others keep the view shown (new pods appear and gone pods leave at once), in
 * the target's order. Returns `target` itself once nothing is left behind.
 */
export function approachPods(shown: readonly PodView[], target: PodView[], budget: number): PodView[] {
  if (shown === target) return target;
  const before = new Map(shown.map((p) => [p.uid, p]));
  let left = budget;
  let behind = false;
  const next = target.map((p) => {
    const old = before.get(p.uid);
    if (old === undefined || old === p) return p;
    if (left > 0) {
      left--;
      return p;
    }
    behind = true;
    return old;
  });
  return behind ? next : target;
}

/** Virtual seconds as the page shows them: 12.3 s, 2 m 05.0 s. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} m ${(s - m * 60).toFixed(1).padStart(4, '0')} s`;
}
