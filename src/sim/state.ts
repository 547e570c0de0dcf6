// The cluster as plain data: the STATE object of DESIGN.md ("The headless command line"), used by
// the scenario runner, tests, and anything that wants to compare two moments.
import type { CloneSetSpec, CloneSetStatus, Pod } from './api/types';
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_INSTANCE_ID, LABEL_LIFECYCLE_STATE } from './api/constants';
import { isPodReady } from './controller/podState';
import type { Cluster } from './cluster';

export interface PodState {
  name: string;
  uid: string;
  node: string | null;
  ip: string | null;
  phase: string;
  ready: boolean;
  deleting: boolean;
  revision: string | null;
  lifecycleState: string | null;
  labels: Record<string, string>;
  createdAt: number;
  containers: { name: string; image: string; ready: boolean; restartCount: number; state: string }[];
}

export interface ClusterState {
  time: number;
  cloneSets: { name: string; generation: number; spec: CloneSetSpec; status: CloneSetStatus }[];
  pods: PodState[];
  pvcs: { name: string; instanceId: string | null; phase: string; deleting: boolean }[];
  revisions: { name: string; revision: number }[];
  events: { time: number; type: string; reason: string; object: string; source: string; message: string; count: number }[];
}

/** Seconds rounded to the millisecond, so floating-point noise never shows in a state. */
const t = (s: number | undefined) => Math.round((s ?? 0) * 1000) / 1000;

function containerState(pod: Pod, name: string): string {
  const s = pod.status.containerStatuses?.find((c) => c.name === name)?.state;
  if (s?.running) return 'running';
  if (s?.terminated) return 'terminated';
  if (s?.waiting) return s.waiting.reason ? `waiting:${s.waiting.reason}` : 'waiting';
  return 'none';
}

function podState(pod: Pod): PodState {
  const labels = pod.metadata.labels ?? {};
  return {
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    node: pod.spec.nodeName || null,
    ip: pod.status.podIP ?? null,
    phase: pod.status.phase ?? 'Pending',
    ready: isPodReady(pod),
    deleting: pod.metadata.deletionTimestamp !== undefined,
    revision: labels[LABEL_CONTROLLER_REVISION_HASH] ?? null,
    lifecycleState: labels[LABEL_LIFECYCLE_STATE] ?? null,
    labels,
    createdAt: t(pod.metadata.creationTimestamp),
    containers: pod.spec.containers.map((c) => {
      const status = pod.status.containerStatuses?.find((s) => s.name === c.name);
      return { name: c.name, image: c.image ?? '', ready: status?.ready ?? false, restartCount: status?.restartCount ?? 0, state: containerState(pod, c.name) };
    }),
  };
}

/** Pods ordered by creation time, then name (the `@pods[N]` order). */
export function podsInOrder(pods: readonly Pod[]): Pod[] {
  return [...pods].sort(
    (a, b) => (a.metadata.creationTimestamp ?? 0) - (b.metadata.creationTimestamp ?? 0) || a.metadata.name.localeCompare(b.metadata.name),
  );
}

export function clusterState(cluster: Cluster): ClusterState {
  const store = cluster.store;
  return {
    time: t(cluster.now()),
    cloneSets: store.list('CloneSet').map((cs) => ({
      name: cs.metadata.name,
      generation: cs.metadata.generation ?? 1,
      spec: structuredClone(cs.spec),
      status: structuredClone(cs.status ?? {}),
    })),
    pods: podsInOrder(store.list('Pod')).map(podState),
    pvcs: store.list('PersistentVolumeClaim').map((p) => ({
      name: p.metadata.name,
      instanceId: p.metadata.labels?.[LABEL_INSTANCE_ID] ?? null,
      phase: p.status?.phase ?? 'Pending',
      deleting: p.metadata.deletionTimestamp !== undefined,
    })),
    revisions: store
      .list('ControllerRevision')
      .map((r) => ({ name: r.metadata.name, revision: r.revision }))
      .sort((a, b) => a.revision - b.revision),
    events: cluster.eventList().map((e) => ({
      time: t(e.lastTimestamp),
      type: e.type,
      reason: e.reason,
      object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
      source: e.source.component,
      message: e.message,
      count: e.count,
    })),
  };
}
