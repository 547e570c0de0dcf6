// What the cluster view shows, read from the cluster's objects: no controller logic here, only
// the objects as kubectl would print them (status column, restarts, revision labels).
import type { Cluster } from '../../sim/cluster';
import type { CloneSet, KubeEvent, Pod } from '../../sim/api/types';
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
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function clusterView(cluster: Cluster): ClusterView {
  const store = cluster.store;
  const revisions = new Map(store.list('ControllerRevision').map((r) => [r.metadata.name, r.revision]));
  const cloneSets = new Map(store.list('CloneSet').map((cs) => [cs.metadata.name, cs]));
  const pods = store
    .list('Pod')
    .map((p) => podView(p, revisions, cloneSets))
    .sort((a, b) => natural(a.name, b.name));
  return {
    time: cluster.now(),
    nodes: store.list('Node').map((n) => n.metadata.name).sort(natural),
    pods,
    cloneSets: [...cloneSets.values()].map((cs) => cloneSetView(cs, cluster.now())),
  };
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
  return events.map((e) => ({
    key: e.metadata.name,
    time: e.lastTimestamp,
    type: e.type,
    reason: e.reason,
    object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
    kind: e.involvedObject.kind,
    name: e.involvedObject.name,
    message: e.message,
    count: e.count,
  }));
}

/** Virtual seconds as the page shows them: 12.3 s, 2 m 05.0 s. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} m ${(s - m * 60).toFixed(1).padStart(4, '0')} s`;
}
