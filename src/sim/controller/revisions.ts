// SPEC §4: ControllerRevisions of a CloneSet (kruise cloneset_controller.go getActiveRevisions /
// truncateHistory, revision/cloneset_revision.go, Kubernetes controller/history).
// - Revision data is `{"spec":{"template":{"$patch":"replace", …template…}}}`; only the pod
//   template is recorded, so replicas, strategy or volumeClaimTemplates edits make no revision.
// - The hash is 32-bit FNV-1 over that data, as Go's encoding writes it (keys sorted), followed
//   by the collision count in decimal; its decimal digits are mapped to "safe" characters
//   (0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f). We approximate Go's encoding of the template
//   (goJson.ts), so hashes look like kruise's and a reverted template gets its old name back.
import { DEFAULT_REVISION_HISTORY_LIMIT } from '../api/constants';
import {
  ANNOTATION_VCT_HASH,
  INSTANCE_ID_ALPHABET,
  LABEL_CONTROLLER_REVISION_HASH_KEY,
} from '../api/constants';
import { goMarshalSorted, podTemplateToGoJson } from '../api/goJson';
import type { CloneSet, ControllerRevision, Pod, PodTemplateSpec, VolumeClaimTemplate } from '../api/types';
import { controllerRefOf } from './podCreation';
import { getShortHash, podReadings } from './podState';
import { deepFreeze } from '../store';

/** Kubernetes cuts the parent's name so that `<name>-<hash>` stays a valid object name. */
export const MAX_REVISION_NAME_PREFIX = 223;

type RevisionData = ControllerRevision['data'];

const textEncoder = new TextEncoder();

/** 32-bit FNV-1 (multiply, then xor) — hash/fnv New32. */
export function fnv1Hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const b of textEncoder.encode(text)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** 32-bit FNV-1a (xor, then multiply) — hash/fnv New32a. */
export function fnv1aHash32(text: string): number {
  let h = 0x811c9dc5;
  for (const b of textEncoder.encode(text)) {
    h = (h ^ b) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * apimachinery rand.SafeEncodeString: each character becomes `alphabet[code % 27]`, which turns
 * decimal digits into 4 5 6 7 8 9 b c d f (no vowels, so no accidental words).
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += INSTANCE_ID_ALPHABET[s.charCodeAt(i) % INSTANCE_ID_ALPHABET.length];
  return out;
}

/** The revision data of a CloneSet: its pod template, marked to replace the whole template. */
export function revisionDataOf(cs: CloneSet): RevisionData {
  const template = cs.spec.template;
  if (!Object.isFrozen(template)) return freshRevisionData(template);
  // Every reconcile asks again; a stored (frozen) template gives the same frozen data each time.
  let data = dataOfTemplate.get(template);
  if (!data) dataOfTemplate.set(template, (data = deepFreeze(freshRevisionData(template))));
  return data;
}

const dataOfTemplate = new WeakMap<CloneSet['spec']['template'], RevisionData>();

function freshRevisionData(template: CloneSet['spec']['template']): RevisionData {
  return { spec: { template: { $patch: 'replace', ...structuredClone(template) } } };
}

/** The bytes kruise stores and hashes for revision data. */
export function revisionDataBytes(data: RevisionData): string {
  if (!Object.isFrozen(data)) return marshalRevisionData(data);
  // Stored revisions (frozen) are compared with the candidate at every reconcile: marshal each once.
  let bytes = bytesOfData.get(data);
  if (bytes === undefined) bytesOfData.set(data, (bytes = marshalRevisionData(data)));
  return bytes;
}

const bytesOfData = new WeakMap<RevisionData, string>();

function marshalRevisionData(data: RevisionData): string {
  const { $patch, ...template } = data.spec.template;
  return goMarshalSorted({ spec: { template: { ...podTemplateToGoJson(template as PodTemplateSpec), $patch: $patch ?? 'replace' } } });
}

/** history.HashControllerRevision: FNV-1 of the data plus the collision count, safe-encoded. */
export function hashControllerRevision(data: RevisionData, collisionCount: number): string {
  const known = Object.isFrozen(data) ? hashesOfData.get(data) : undefined;
  const hit = known?.get(collisionCount);
  if (hit !== undefined) return hit;
  const hash = safeEncodeString(String(fnv1Hash32(revisionDataBytes(data) + String(collisionCount))));
  if (Object.isFrozen(data)) {
    if (known) known.set(collisionCount, hash);
    else hashesOfData.set(data, new Map([[collisionCount, hash]]));
  }
  return hash;
}

const hashesOfData = new WeakMap<RevisionData, Map<number, string>>();

/** history.ControllerRevisionName. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, MAX_REVISION_NAME_PREFIX)}-${hash}`;
}

/**
 * The value of annotation kruise.io/cloneset-volumeclaimtemplate-hash: "" without claim
 * templates, else an FNV-1a hash of the templates' names and specs, sorted by name. (kruise hashes
 * a debug dump of the JSON; this is the same idea in a reproducible form.)
 */
export function volumeClaimTemplatesHash(templates: readonly VolumeClaimTemplate[] | undefined): string {
  if (!templates || templates.length === 0) return '';
  const pvcs = templates
    .map((t) => ({ metadata: { name: t.metadata.name }, spec: t.spec }))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return String(fnv1aHash32(goMarshalSorted(pvcs)));
}

/** revisionControl.NewRevision: the ControllerRevision this CloneSet's current template would get. */
export function newRevision(cs: CloneSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionDataOf(cs);
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(cs.metadata.name, hash),
      namespace: cs.metadata.namespace,
      labels: { ...(cs.spec.template.metadata?.labels ?? {}), [LABEL_CONTROLLER_REVISION_HASH_KEY]: hash },
      annotations: { ...(cs.metadata.annotations ?? {}), [ANNOTATION_VCT_HASH]: volumeClaimTemplatesHash(cs.spec.volumeClaimTemplates) },
      ownerReferences: [controllerRefOf(cs)],
    },
    data,
    revision,
  };
}

/** history.SortControllerRevisions: by revision number, then creation time, then name (stable). */
export function sortControllerRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata.creationTimestamp ?? 0;
    const tb = b.metadata.creationTimestamp ?? 0;
    if (ta !== tb) return ta - tb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

/** clonesetutils.NextRevision: one more than the newest revision's number (1 for none). */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;
}

// The hash label only counts when it reads as a 32-bit decimal number (safe-encoded hashes
// rarely do); otherwise the data alone decides.
function hashLabelNumber(r: ControllerRevision): number | undefined {
  const v = r.metadata.labels?.[LABEL_CONTROLLER_REVISION_HASH_KEY];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n >>> 0 : undefined;
}

/** history.EqualRevision: same hash label (when both are numeric) and identical data. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  const ha = hashLabelNumber(a);
  const hb = hashLabelNumber(b);
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return revisionDataBytes(a.data) === revisionDataBytes(b.data);
}

/** history.FindEqualRevisions. */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** The revision's claim-template hash annotation, if it has one. */
export function getVCTemplatesHash(r: ControllerRevision): string | undefined {
  return r.metadata.annotations?.[ANNOTATION_VCT_HASH];
}

/** What getActiveRevisions needs written to realise its choice. */
export type RevisionChange =
  /** The update revision already exists as is. */
  | { kind: 'none' }
  /** Create this new ControllerRevision. */
  | { kind: 'create'; revision: ControllerRevision }
  /** An older revision is reused: write it back with its new number (and claim-template hash). */
  | { kind: 'update'; revision: ControllerRevision; previous: ControllerRevision };

export interface ActiveRevisions {
  /** The revision named by status.currentRevision, or the update revision when there is none. */
  currentRevision: ControllerRevision;
  /** The revision of the CloneSet's present template, as it will be stored. */
  updateRevision: ControllerRevision;
  /** status.collisionCount after any hash collision. */
  collisionCount: number;
  change: RevisionChange;
}

/**
 * getActiveRevisions (SPEC §4 "choosing the update revision"): reuse the newest revision when it
 * holds this template; reuse an older one holding it (a rollback) under the next number, writing
 * the current claim-template hash onto it; otherwise create a revision with the next number. A
 * name taken by different data bumps the collision count and re-hashes.
 */
export function getActiveRevisions(cs: CloneSet, revisions: readonly ControllerRevision[]): ActiveRevisions {
  const sorted = sortControllerRevisions(revisions);
  let collisionCount = cs.status?.collisionCount ?? 0;
  const candidate = newRevision(cs, nextRevision(sorted), collisionCount);
  const equal = findEqualRevisions(sorted, candidate);

  let updateRevision: ControllerRevision;
  let change: RevisionChange;
  if (equal.length > 0 && equalRevision(sorted[sorted.length - 1], equal[equal.length - 1])) {
    updateRevision = sorted[sorted.length - 1];
    change = { kind: 'none' };
  } else if (equal.length > 0) {
    const previous = equal[equal.length - 1];
    const wanted = getVCTemplatesHash(candidate) ?? '';
    const annotations = { ...(previous.metadata.annotations ?? {}) };
    if (getVCTemplatesHash(previous) !== wanted) annotations[ANNOTATION_VCT_HASH] = wanted;
    updateRevision = { ...previous, metadata: { ...previous.metadata, annotations }, revision: candidate.revision };
    change = { kind: 'update', revision: updateRevision, previous };
  } else {
    // history.CreateControllerRevision: on a name clash with different data, bump and re-hash;
    // a clash with identical data means the revision exists already.
    let created = candidate;
    let existing: ControllerRevision | undefined;
    for (;;) {
      const clash = sorted.find((r) => r.metadata.name === created.metadata.name);
      if (!clash) break;
      if (revisionDataBytes(clash.data) === revisionDataBytes(created.data)) {
        existing = clash;
        break;
      }
      collisionCount++;
      const hash = hashControllerRevision(candidate.data, collisionCount);
      created = { ...candidate, metadata: { ...candidate.metadata, name: controllerRevisionName(cs.metadata.name, hash) } };
    }
    updateRevision = existing ?? created;
    change = existing ? { kind: 'none' } : { kind: 'create', revision: created };
  }

  const currentRevision = sorted.find((r) => r.metadata.name === cs.status?.currentRevision) ?? updateRevision;
  return { currentRevision, updateRevision, collisionCount, change };
}

/**
 * truncateHistory: the revisions to delete. Revisions that are neither current nor update nor
 * named by an active pod's revision label are history; the oldest of them go until at most
 * revisionHistoryLimit (default 10) remain. `revisions` is the list as read at the start of the
 * reconcile, `pods` the CloneSet's active pods.
 */
export function truncateHistory(
  cs: CloneSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  currentRevision: string,
  updateRevision: string,
): ControllerRevision[] {
  const candidates = revisions.filter((r) => r.metadata.name !== currentRevision && r.metadata.name !== updateRevision);
  if (candidates.length === 0) return [];
  // The revisions the pods' labels name (equalToRevisionHash: the whole label, or its short hash),
  // read once rather than per revision.
  const labels = new Set<string>();
  const shortHashes = new Set<string>();
  for (const p of pods) {
    const r = podReadings(p);
    labels.add(r.revisionHash);
    shortHashes.add(r.shortHash);
  }
  const history = sortControllerRevisions(candidates).filter((r) => !labels.has(r.metadata.name) && !shortHashes.has(getShortHash(r.metadata.name)));
  const limit = cs.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  return history.length <= limit ? [] : history.slice(0, history.length - limit);
}

/** revisionControl.ApplyRevision: the CloneSet with the template recorded in a revision. */
export function applyRevision(cs: CloneSet, revision: ControllerRevision): CloneSet {
  return { ...cs, spec: { ...cs.spec, template: revisionTemplate(revision) } };
}

/**
 * The template a revision records, without its `$patch` marker: a frozen copy, made once per
 * stored (frozen) revision — every reconcile applies both revisions.
 */
function revisionTemplate(revision: ControllerRevision): PodTemplateSpec {
  const known = Object.isFrozen(revision) ? recordedTemplates.get(revision) : undefined;
  if (known) return known;
  const template: PodTemplateSpec & { $patch?: string } = structuredClone(revision.data.spec.template);
  delete template.$patch;
  deepFreeze(template);
  if (Object.isFrozen(revision)) recordedTemplates.set(revision, template);
  return template;
}

const recordedTemplates = new WeakMap<ControllerRevision, PodTemplateSpec>();

