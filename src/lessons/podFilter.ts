// Which pods a goal counts: by revision (the CloneSet's update or current revision, any other
// one, a ControllerRevision number or a revision name), phase, readiness, lifecycle state, image
// and a container waiting reason; plus the words that describe the selection in en and zh.
import type { ClusterState, PodState } from '../sim/state';
import { FieldError } from './compare';
import { isRecord, optionalBoolean, optionalString, type Params, type Path } from './params';

export type RevisionRef = 'update' | 'current' | 'old' | number | string;

export interface PodFilter {
  revision?: RevisionRef;
  phase?: string;
  ready?: boolean;
  /** false (default): pods without a deletion timestamp; true: only terminating ones; 'any': both. */
  deleting: boolean | 'any';
  lifecycleState?: string;
  image?: string;
  /** A container waiting with this reason (ErrImagePull, ImagePullBackOff, …). */
  waiting?: string;
  /** Labels the pod carries (all of them, with these values). */
  labels?: Record<string, string>;
}

export const POD_FILTER_KEYS = ['revision', 'phase', 'ready', 'deleting', 'lifecycleState', 'image', 'waiting', 'labels'] as const;

export function parsePodFilter(p: Params, path: Path): PodFilter {
  const revision = p.revision;
  if (revision !== undefined && typeof revision !== 'number' && (typeof revision !== 'string' || revision === '')) {
    throw new FieldError([...path, 'revision'], 'revision: expected update, current, old, a revision number or a revision name');
  }
  const labels = p.labels;
  if (labels !== undefined && (!isRecord(labels) || Object.values(labels).some((v) => typeof v !== 'string'))) {
    throw new FieldError([...path, 'labels'], 'labels: expected a mapping of label → text value (quote "true")');
  }
  const deleting = p.deleting === 'any' ? 'any' : (optionalBoolean(p, 'deleting', path) ?? false);
  return {
    revision: revision as RevisionRef | undefined,
    phase: optionalString(p, 'phase', path),
    ready: optionalBoolean(p, 'ready', path),
    deleting,
    lifecycleState: optionalString(p, 'lifecycleState', path),
    image: optionalString(p, 'image', path),
    waiting: optionalString(p, 'waiting', path),
    labels: labels as Record<string, string> | undefined,
  };
}

type CloneSetState = ClusterState['cloneSets'][number];

/** The revision name a reference means in this state; `old` matches anything but the update revision. */
function revisionMatcher(ref: RevisionRef, state: ClusterState, cs: CloneSetState | undefined): (rev: string | null) => boolean {
  if (ref === 'update') return (rev) => rev !== null && rev === cs?.status.updateRevision;
  if (ref === 'current') return (rev) => rev !== null && rev === cs?.status.currentRevision;
  if (ref === 'old') return (rev) => rev !== cs?.status.updateRevision;
  if (typeof ref === 'number') {
    const name = state.revisions.find((r) => r.revision === ref)?.name;
    return (rev) => name !== undefined && rev === name;
  }
  return (rev) => rev === ref;
}

export function selectPods(filter: PodFilter, state: ClusterState, cs: CloneSetState | undefined): PodState[] {
  const revisionOk = filter.revision === undefined ? () => true : revisionMatcher(filter.revision, state, cs);
  return state.pods.filter(
    (p) =>
      (filter.deleting === 'any' || p.deleting === filter.deleting) &&
      revisionOk(p.revision) &&
      (filter.phase === undefined || p.phase === filter.phase) &&
      (filter.ready === undefined || p.ready === filter.ready) &&
      (filter.lifecycleState === undefined || p.lifecycleState === filter.lifecycleState) &&
      (filter.image === undefined || p.containers.some((c) => c.image === filter.image)) &&
      (filter.waiting === undefined || p.containers.some((c) => c.state === `waiting:${filter.waiting}`)) &&
      (filter.labels === undefined || Object.entries(filter.labels).every(([k, v]) => p.labels[k] === v)),
  );
}

/** "ready Running pods at the update revision" / "已更新到新版本、已就绪、处于 Running 的 Pod". */
export function describePods(filter: PodFilter): { en: string; zh: string } {
  const before: string[] = [];
  const after: string[] = [];
  const zh: string[] = [];
  const r = filter.revision;
  if (r !== undefined) {
    after.push(r === 'update' ? 'at the update revision' : r === 'current' ? 'at the current revision' : r === 'old' ? 'not yet at the update revision' : `at revision ${r}`);
    zh.push(r === 'update' ? '已更新到新版本' : r === 'current' ? '处于 currentRevision' : r === 'old' ? '仍是旧版本' : `处于版本 ${r}`);
  }
  if (filter.deleting === true) {
    before.push('terminating');
    zh.push('正在删除');
  }
  if (filter.ready !== undefined) {
    before.push(filter.ready ? 'ready' : 'not-ready');
    zh.push(filter.ready ? '已就绪' : '未就绪');
  }
  if (filter.phase) {
    before.push(filter.phase);
    zh.push(`处于 ${filter.phase}`);
  }
  if (filter.lifecycleState) {
    after.push(`in lifecycle state ${filter.lifecycleState}`);
    zh.push(`生命周期状态为 ${filter.lifecycleState}`);
  }
  if (filter.image) {
    after.push(`running ${filter.image}`);
    zh.push(`镜像为 ${filter.image}`);
  }
  if (filter.labels) {
    const l = Object.entries(filter.labels).map(([k, v]) => `${k}=${v}`).join(',');
    after.push(`labelled ${l}`);
    zh.push(`带标签 ${l}`);
  }
  if (filter.waiting) {
    after.push(`waiting in ${filter.waiting}`);
    zh.push(`容器处于 ${filter.waiting}`);
  }
  const zhQualifiers = zh.join('、');
  // A space between a Latin word and the Chinese that follows it, as the OpenKruise docs write it.
  return { en: [...before, 'pods', ...after].join(' '), zh: zh.length ? `${zhQualifiers}${/[!-~]$/.test(zhQualifiers) ? ' ' : ''}的 Pod` : 'Pod' };
}
