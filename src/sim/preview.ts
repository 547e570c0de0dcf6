// What an apply would change, before it is made: the editor's preview. Two parts:
// 1. A dry run of `kubectl apply` (apply.ts itself, run against a store that keeps its writes to
//    itself), so the preview refuses exactly what the apply would refuse, with the same words, and
//    sees the object exactly as the webhooks would store it.
// 2. For each CloneSet the apply would change, the controller's own decisions on the pods there
//    are now: the update revision (getActiveRevisions), how many old pods move (explainDiffs with
//    the partition), which ones (sortUpdateIndexes) and how (calculateInPlaceUpdateSpec, as
//    updatePod decides). Nothing is re-decided here.
// The preview is a picture of the moment: pods that become unavailable while the rollout runs can
// change the order later, and scaling is given as counts, not as chosen victims.
import type { CloneSet, ControllerRevision, IntOrString, Pod } from './api/types';
import { utf8Length } from './api/goYaml';
import { applyManifests, type ApplyOutcome, type ApplyProblem, type ApplyTarget } from './apply';
import type { Cluster } from './cluster';
import { ObjectStore, type KindMap, type StoredKind } from './store';
import { explainDiffs } from './controller/diffs';
import { calculateInPlaceUpdateSpec } from './controller/inplaceSpec';
import { createPatch, JsonPatchError } from './controller/jsonPatch';
import { equalToRevisionHash, isPodActive } from './controller/podState';
import { getActiveRevisions } from './controller/revisions';
import { sortUpdateIndexes } from './controller/updateOrder';
import { getUpdateOptions } from './controller/updatePod';

/**
 * Texts above this size get no preview (the apply itself still reads up to its own 5 MiB limit):
 * the preview runs on every pause in typing, on the page's main thread.
 */
export const PREVIEW_MAX_BYTES = 256 * 1024;

/** What happens to one existing pod once the rollout has done what the new spec asks. */
export interface PodPreview {
  name: string;
  /** The pod's revision now (its controller-revision-hash label). */
  revision: string;
  /**
   * - `in-place`: updated in place (containers in `restarts` are restarted with their new image);
   * - `recreate`: deleted and created again at the new revision;
   * - `blocked`: InPlaceOnly, but the change cannot be made in place (the controller reports an error);
   * - `unchanged`: stays as it is (see `reason`).
   */
  action: 'in-place' | 'recreate' | 'blocked' | 'unchanged';
  /** Why a pod stays: already at the update revision, kept by the partition, or the rollout is paused. */
  reason?: 'current' | 'partition' | 'paused';
  /** Template fields that differ between the pod's revision and the new one. */
  fields: string[];
  /** Containers an in-place update restarts (new image, or env read from changed metadata). */
  restarts: string[];
}

export interface CloneSetPreview {
  name: string;
  namespace: string;
  /** kubectl's word for what the apply does to it. */
  verb: 'created' | 'configured' | 'unchanged';
  replicas: { from?: number; to: number };
  paused: { from: boolean; to: boolean };
  partition: { from?: IntOrString; to?: IntOrString };
  /** Changed paths under spec.template, e.g. `spec.template.spec.containers[0].image`. */
  templateChanges: string[];
  /** Other changed spec paths (strategy, scaling, lifecycle…). */
  specChanges: string[];
  /** The update revision after the apply, and whether the template is new, a previous one, or the same. */
  updateRevision: string;
  revision: 'new' | 'previous' | 'same';
  /** Pods to create or delete to reach the new replica count (counts only). */
  scale: { create: number; delete: number };
  pods: PodPreview[];
}

export interface ApplyPreview {
  /** The apply would succeed as a whole. */
  ok: boolean;
  /** What kubectl would print. */
  output: string;
  problems: ApplyProblem[];
  notices: ApplyProblem[];
  cloneSets: CloneSetPreview[];
  /** The text is above PREVIEW_MAX_BYTES: nothing was computed. */
  tooLarge?: boolean;
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? 'default'}/${name}`;

/**
 * A store that reads through to the cluster's and keeps its own writes: `kubectl apply
 * --dry-run=server`. It remembers which CloneSets were asked for, in order.
 */
class DryRunStore extends ObjectStore {
  readonly written = new Map<string, CloneSet>();
  readonly cloneSetsAsked: { namespace: string; name: string }[] = [];
  private readonly own = new Map<string, KindMap[StoredKind]>();

  constructor(private readonly real: ObjectStore) {
    super(() => 0);
  }

  override get<K extends StoredKind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    const key = `${kind}:${keyOf(namespace, name)}`;
    if (kind === 'CloneSet' && !this.cloneSetsAsked.some((c) => keyOf(c.namespace, c.name) === keyOf(namespace, name))) {
      this.cloneSetsAsked.push({ namespace: namespace ?? 'default', name });
    }
    return (this.own.get(key) as KindMap[K] | undefined) ?? this.real.get(kind, namespace, name);
  }

  override create<K extends StoredKind>(kind: K, obj: KindMap[K]): KindMap[K] {
    return this.keep(kind, obj);
  }

  override update<K extends StoredKind>(kind: K, obj: KindMap[K]): KindMap[K] {
    return this.keep(kind, obj);
  }

  private keep<K extends StoredKind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    this.own.set(`${kind}:${key}`, obj);
    if (kind === 'CloneSet') this.written.set(key, obj as CloneSet);
    return obj;
  }
}

/** kubectl apply's outcome for `text`, computed without changing `cluster`. */
function dryRunApply(cluster: Cluster, text: string): { outcome: ApplyOutcome; store: DryRunStore } {
  const store = new DryRunStore(cluster.store);
  // applyManifests reads and writes through `store` and reads `featureGates`, nothing else.
  const target: ApplyTarget = { store, featureGates: cluster.featureGates };
  return { outcome: applyManifests(target, text), store };
}

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`. */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const word = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^[0-9]+$/.test(word)) out += `[${word}]`;
    else out += out === '' ? word : `.${word}`;
  }
  return out;
}

function changedPaths(a: unknown, b: unknown, prefix: string): string[] {
  try {
    return [...new Set(createPatch(a ?? {}, b ?? {}).map((op) => pointerToPath(prefix + op.path)))];
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw e;
    return [prefix.slice(1).replace(/\//g, '.')];
  }
}

const templateOfRevision = (r: ControllerRevision | undefined): unknown => {
  if (!r) return undefined;
  const { $patch: _patch, ...template } = r.data.spec.template;
  return template;
};

const ownedBy = (cs: CloneSet) => (o: Pod | ControllerRevision) =>
  o.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'CloneSet' && r.uid === cs.metadata.uid) ?? false;

/** The controller's verdict on each active pod once the rollout of `next` has run its course. */
function previewPods(cluster: Cluster, live: CloneSet, next: CloneSet): Pick<CloneSetPreview, 'updateRevision' | 'revision' | 'scale' | 'pods'> {
  const ns = live.metadata.namespace ?? 'default';
  const owned = ownedBy(live);
  const pods = cluster.store.list('Pod', ns).filter(owned).filter(isPodActive);
  const revisions = cluster.store.list('ControllerRevision', ns).filter(owned);
  const active = getActiveRevisions(next, revisions);
  const update = active.updateRevision;
  const revision = active.change.kind === 'create' ? 'new' : active.change.kind === 'update' ? 'previous' : 'same';
  const featureGates = cluster.featureGates;
  const explained = explainDiffs({
    cloneSet: next,
    pods,
    currentRevision: active.currentRevision.metadata.name,
    updateRevision: update.metadata.name,
    now: cluster.now(),
    featureGates,
    isPodUpdate: 'revisionLabelOnly',
  });
  const replicas = explained.numbers.replicas;
  const scale = { create: Math.max(0, replicas - pods.length), delete: Math.max(0, pods.length - replicas) };

  const oldIndexes = pods.flatMap((p, i) => (equalToRevisionHash(p, update.metadata.name) ? [] : [i]));
  const old = new Set(oldIndexes);
  const paused = next.spec.updateStrategy?.paused === true;
  const moving = paused ? 0 : Math.max(0, explained.updateOldDiff);
  const order = sortUpdateIndexes(next.spec.updateStrategy, pods, oldIndexes);
  const chosen = new Set(order.slice(0, moving));
  const type = next.spec.updateStrategy?.type;
  const options = getUpdateOptions(next);
  const newTemplate = templateOfRevision(update);

  const result = pods.map((pod, i): PodPreview => {
    const own = revisions.find((r) => equalToRevisionHash(pod, r.metadata.name));
    const base = { name: pod.metadata.name, revision: pod.metadata.labels?.['controller-revision-hash'] ?? '' };
    if (!old.has(i)) return { ...base, action: 'unchanged', reason: 'current', fields: [], restarts: [] };
    const fields = changedPaths(templateOfRevision(own), newTemplate, '/spec/template');
    if (!chosen.has(i)) return { ...base, action: 'unchanged', reason: paused ? 'paused' : 'partition', fields, restarts: [] };
    if (type === 'InPlaceIfPossible' || type === 'InPlaceOnly') {
      const spec = calculateInPlaceUpdateSpec(own, update, options, featureGates);
      if (spec) {
        const restarts = new Set([...Object.keys(spec.containerImages), ...Object.keys(spec.containerRefMetadata)]);
        return { ...base, action: 'in-place', fields, restarts: [...restarts].sort() };
      }
      if (type === 'InPlaceOnly') return { ...base, action: 'blocked', fields, restarts: [] };
    }
    return { ...base, action: 'recreate', fields, restarts: [] };
  });
  return { updateRevision: update.metadata.name, revision, scale, pods: result };
}

function previewCloneSet(cluster: Cluster, verb: CloneSetPreview['verb'], live: CloneSet | undefined, next: CloneSet): CloneSetPreview {
  const { template: oldTemplate, ...oldSpec } = live?.spec ?? ({} as Partial<CloneSet['spec']>);
  const { template: newTemplate, ...newSpec } = next.spec;
  const common = {
    name: next.metadata.name,
    namespace: next.metadata.namespace ?? 'default',
    verb,
    replicas: { from: live?.spec.replicas, to: next.spec.replicas ?? 1 },
    paused: { from: live?.spec.updateStrategy?.paused === true, to: next.spec.updateStrategy?.paused === true },
    partition: { from: live?.spec.updateStrategy?.partition, to: next.spec.updateStrategy?.partition },
    templateChanges: live ? changedPaths(oldTemplate, newTemplate, '/spec/template') : [],
    specChanges: live ? changedPaths(oldSpec, newSpec, '/spec') : [],
  };
  if (!live) {
    const created = getActiveRevisions(next, []);
    const scale = { create: next.spec.replicas ?? 1, delete: 0 };
    return { ...common, updateRevision: created.updateRevision.metadata.name, revision: 'new', scale, pods: [] };
  }
  return { ...common, ...previewPods(cluster, live, next) };
}

/**
 * What applying `text` to `cluster` would do, without doing it: kubectl's output and errors, and
 * for each CloneSet the replica, pause and partition changes, the changed fields and each pod's fate.
 */
export function previewApply(cluster: Cluster, text: string): ApplyPreview {
  if (utf8Length(text, PREVIEW_MAX_BYTES) > PREVIEW_MAX_BYTES) {
    return { ok: false, output: '', problems: [], notices: [], cloneSets: [], tooLarge: true };
  }
  const { outcome, store } = dryRunApply(cluster, text);
  const verbs = new Map<string, string>();
  for (const line of outcome.output.split('\n')) {
    const m = /^cloneset\.apps\.kruise\.io\/(\S+) (created|configured|unchanged)$/.exec(line);
    if (m) verbs.set(m[1], m[2]);
  }
  const cloneSets: CloneSetPreview[] = [];
  for (const { namespace, name } of store.cloneSetsAsked) {
    const verb = verbs.get(name) as CloneSetPreview['verb'] | undefined;
    if (!verb) continue;
    const live = cluster.store.get('CloneSet', namespace, name);
    const next = store.written.get(keyOf(namespace, name)) ?? live;
    if (next) cloneSets.push(previewCloneSet(cluster, verb, live, next));
  }
  return { ok: outcome.ok, output: outcome.output, problems: outcome.problems, notices: outcome.notices, cloneSets };
}
