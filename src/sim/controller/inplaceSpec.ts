// SPEC §11.1: can a pod move from one revision's template to another in place, and if so what
// has to be patched. Mirrors kruise pkg/util/inplaceupdate/inplace_update_defaults.go
// defaultCalculateInPlaceUpdateSpec (plus inplace_update_vertical.go for resources). The JSON
// patch is taken over the revisions' stored data, as kruise does, so a difference outside the
// template's spec/metadata (or data that does not parse) means "recreate".
import { ANNOTATION_VCT_HASH } from '../api/constants';
import { isQuantity } from '../api/quantity';
import type { Container, ControllerRevision, PodTemplateSpec } from '../api/types';
import type { FeatureGates } from './featureGates';
import { createPatch, JsonPatchError, type JsonPatchOperation } from './jsonPatch';
import { createMetadataPatch, type MetadataPatch } from './metadataPatch';
import { getPodQOS } from './podQos';

/** Labels/annotations a container reads through env fieldRefs, to be written on the pod. */
export interface ContainerRefMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Resource values to resize in place, per container (only cpu and memory). */
export interface ContainerResourcePatch {
  limits: Record<string, string>;
  requests: Record<string, string>;
}

/** kruise's UpdateSpec: what an in-place update writes into the pod. */
export interface UpdateSpec {
  /** Name of the target revision (written to the pod's revision labels). */
  revision: string;
  /** New image per container name. */
  containerImages: Record<string, string>;
  /** Env-referenced label/annotation values per container (gate InPlaceUpdateEnvFromMetadata). */
  containerRefMetadata: Record<string, ContainerRefMetadata>;
  /** Resources to resize per container (gate InPlaceWorkloadVerticalScaling). */
  containerResources: Record<string, ContainerResourcePatch>;
  /** Strategic merge patch of the pod metadata; undefined when the template metadata is unchanged. */
  metaDataPatch?: MetadataPatch;
  /** Some container's env reads changed metadata: kruise-daemon must restart it. */
  updateEnvFromMetadata: boolean;
  /** inPlaceUpdateStrategy.gracePeriodSeconds: how long the new images wait in an annotation. */
  graceSeconds: number;
}

export interface InPlaceUpdateOptions {
  /** spec.updateStrategy.inPlaceUpdateStrategy.gracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** Set for InPlaceOnly: a changed volumeClaimTemplates hash does not force a recreate. */
  ignoreVolumeClaimTemplatesHashDiff?: boolean;
}

const IMAGE_PATH = /^\/spec\/containers\/([0-9]+)\/image$/;
const RESOURCES_PATH = /^\/spec\/containers\/([0-9]+)\/resources\/.*$/;
const RESIZABLE = new Set(['cpu', 'memory']);
/** Env names kruise never treats as metadata references (SidecarSet bookkeeping). */
const EXCLUDED_ENVS = new Set(['SIDECARSET_VERSION', 'SIDECARSET_VERSION_ALT']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const UNREADABLE = Symbol('unreadable revision data');

/** The revision's stored data as a JSON value; a string is raw stored bytes that may not parse. */
function revisionData(rev: ControllerRevision): unknown {
  const raw: unknown = rev.data;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return UNREADABLE;
  }
}

/** GetTemplateFromRevision: data.spec.template, or undefined when it is not template-shaped. */
export function getTemplateFromRevision(rev: ControllerRevision): PodTemplateSpec | undefined {
  const template = readTemplate(rev);
  return template && structuredClone(template);
}

/** The template inside the revision's data, not copied: only for reading. */
function readTemplate(rev: ControllerRevision): PodTemplateSpec | undefined {
  const data = revisionData(rev);
  if (!isObject(data)) return undefined;
  const spec = data.spec ?? {};
  if (!isObject(spec)) return undefined;
  const template = spec.template ?? {};
  if (!isObject(template)) return undefined;
  const podSpec = template.spec ?? {};
  if (!isObject(podSpec)) return undefined;
  const containers = podSpec.containers ?? [];
  if (!Array.isArray(containers) || !containers.every(isObject)) return undefined;
  if (template.metadata !== undefined && template.metadata !== null && !isObject(template.metadata)) return undefined;
  return { metadata: (template.metadata ?? {}) as PodTemplateSpec['metadata'], spec: { ...podSpec, containers } as PodTemplateSpec['spec'] };
}

// Every pod of a rollout asks about the same two revisions. Stored revisions are frozen values,
// so what is derived from a pair of them (the patch between their data, and their templates) is
// computed once and reused; revisions that are not frozen are always computed afresh.
interface PairDerived {
  patches: JsonPatchOperation[] | null;
  oldTemplate: PodTemplateSpec | undefined;
  newTemplate: PodTemplateSpec | undefined;
}
const derivedPairs = new WeakMap<ControllerRevision, WeakMap<ControllerRevision, PairDerived>>();

function derivePair(oldRevision: ControllerRevision, newRevision: ControllerRevision): PairDerived | undefined {
  const cacheable = Object.isFrozen(oldRevision) && Object.isFrozen(newRevision);
  const cached = cacheable ? derivedPairs.get(oldRevision)?.get(newRevision) : undefined;
  if (cached) return cached;
  const oldData = revisionData(oldRevision);
  const newData = revisionData(newRevision);
  if (oldData === UNREADABLE || newData === UNREADABLE) return undefined;
  let patches: JsonPatchOperation[] | null;
  try {
    patches = createPatch(oldData, newData);
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw e;
    patches = null;
  }
  const derived: PairDerived = { patches, oldTemplate: readTemplate(oldRevision), newTemplate: readTemplate(newRevision) };
  if (cacheable) {
    let inner = derivedPairs.get(oldRevision);
    if (!inner) derivedPairs.set(oldRevision, (inner = new WeakMap()));
    inner.set(newRevision, derived);
  }
  return derived;
}

/** volumeclaimtemplate.CanVCTemplateInplaceUpdate: only two present, different hashes block. */
function canVolumeClaimTemplatesUpdateInPlace(oldRev: ControllerRevision, newRev: ControllerRevision): boolean {
  const oldHash = oldRev.metadata.annotations?.[ANNOTATION_VCT_HASH];
  const newHash = newRev.metadata.annotations?.[ANNOTATION_VCT_HASH];
  if (oldHash === undefined || newHash === undefined) return true;
  return oldHash === newHash;
}

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['k']` → ["metadata.labels", "k"]. */
function splitSubscriptedPath(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** containermeta.IsContainerReferenceToMeta: an env var reads `<path>['<key>']` through a fieldRef. */
export function isContainerReferenceToMeta(c: Container, path: string, key: string): boolean {
  return (c.env ?? []).some((e) => {
    if ((e.value ?? '') !== '' || !e.valueFrom?.fieldRef || EXCLUDED_ENVS.has(e.name)) return false;
    const split = splitSubscriptedPath(e.valueFrom.fieldRef.fieldPath);
    return split !== undefined && split[0] === path && split[1] === key;
  });
}

/** UpdateInplaceUpdateMetadata: a resource value replace, e.g. /spec/containers/0/resources/limits/cpu. */
function addResourceChange(op: JsonPatchOperation, oldTemp: PodTemplateSpec, spec: UpdateSpec): boolean {
  const words = op.path.split('/');
  if (words.length !== 7) return false;
  const idx = Number(words[3]);
  if (oldTemp.spec.containers.length <= idx) return false;
  if (op.op !== 'replace' || typeof op.value !== 'string' || !isQuantity(op.value)) return false;
  if (!RESIZABLE.has(words[6])) return false;
  const name = oldTemp.spec.containers[idx].name ?? '';
  const patch = (spec.containerResources[name] ??= { limits: {}, requests: {} });
  // kruise keeps a parsed Quantity; we keep the text as written in the template.
  if (words[5] === 'limits') patch.limits[words[6]] = op.value;
  else if (words[5] === 'requests') patch.requests[words[6]] = op.value;
  return true;
}

/** Env-from-metadata: moves changed labels/annotations read by env fieldRefs out of the metadata patch. */
function extractContainerRefMetadata(ops: JsonPatchOperation[], oldTemp: PodTemplateSpec, newTemp: PodTemplateSpec, spec: UpdateSpec): void {
  for (const op of ops) {
    if (op.op !== 'replace' && op.op !== 'add') continue;
    const words = splitN(op.path, '/', 4);
    if (words.length !== 4 || (words[2] !== 'labels' && words[2] !== 'annotations')) continue;
    const field = words[2];
    const key = words[3].replace(/~1/g, '/').replace(/~0/g, '~');
    for (const c of newTemp.spec.containers) {
      if (!isContainerReferenceToMeta(c, `metadata.${field}`, key)) continue;
      const ref = (spec.containerRefMetadata[c.name] ??= {});
      (ref[field] ??= {})[key] = String(op.value);
      delete oldTemp.metadata?.[field]?.[key];
      delete newTemp.metadata?.[field]?.[key];
      spec.updateEnvFromMetadata = true;
    }
  }
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/**
 * The in-place plan from `oldRevision` to `newRevision`, or null when the pod must be recreated:
 * unknown old revision, unreadable data, any change other than template metadata and container
 * image replaces (plus cpu/memory value replaces with gate InPlaceWorkloadVerticalScaling, when the
 * QoS class stays), or — gate RecreatePodWhenChangeVCTInCloneSetGate — a changed claim-template hash.
 */
export function calculateInPlaceUpdateSpec(
  oldRevision: ControllerRevision | null | undefined,
  newRevision: ControllerRevision | null | undefined,
  opts: InPlaceUpdateOptions,
  featureGates: FeatureGates,
): UpdateSpec | null {
  const plan = planInPlaceUpdate(oldRevision, newRevision, opts, featureGates);
  return 'spec' in plan ? plan.spec : null;
}

/** A changed field as a template path: "/spec/containers/0/env" → "spec.template.spec.containers[0].env". */
function templateFieldOf(path: string): string {
  return `spec.template${path.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')}`;
}

/**
 * The same decision with its reason: the in-place plan, or what forces a recreate (for the "Why"
 * records: the template path that changed, or the missing piece).
 */
export function planInPlaceUpdate(
  oldRevision: ControllerRevision | null | undefined,
  newRevision: ControllerRevision | null | undefined,
  opts: InPlaceUpdateOptions,
  featureGates: FeatureGates,
): { spec: UpdateSpec } | { blocker: string } {
  if (!oldRevision) return { blocker: "the pod's own revision is not kept any more" };
  if (!newRevision) return { blocker: 'no target revision' };
  const pair = derivePair(oldRevision, newRevision);
  if (!pair || pair.patches === null) return { blocker: 'the revisions cannot be compared' };
  const { patches, oldTemplate: oldTemp, newTemplate: newTemp } = pair;
  if (featureGates.RecreatePodWhenChangeVCTInCloneSetGate && !opts.ignoreVolumeClaimTemplatesHashDiff) {
    if (!canVolumeClaimTemplatesUpdateInPlace(oldRevision, newRevision)) return { blocker: 'spec.volumeClaimTemplates' };
  }
  if (!oldTemp || !newTemp) return { blocker: 'the revisions cannot be compared' };

  const spec: UpdateSpec = {
    revision: newRevision.metadata.name,
    containerImages: {},
    containerRefMetadata: {},
    containerResources: {},
    updateEnvFromMetadata: false,
    graceSeconds: opts.gracePeriodSeconds ?? 0,
  };
  const metadataOps: JsonPatchOperation[] = [];
  for (const patch of patches) {
    const op = { ...patch, path: patch.path.replace('/spec/template', '') };
    if (!op.path.startsWith('/spec/')) {
      if (!op.path.startsWith('/metadata/')) return { blocker: templateFieldOf(op.path) };
      metadataOps.push(op);
      continue;
    }
    if (op.op !== 'replace') return { blocker: templateFieldOf(op.path) };
    const image = IMAGE_PATH.exec(op.path);
    if (image) {
      const idx = Number(image[1]);
      if (oldTemp.spec.containers.length <= idx || typeof op.value !== 'string') return { blocker: templateFieldOf(op.path) };
      spec.containerImages[oldTemp.spec.containers[idx].name ?? ''] = op.value;
      continue;
    }
    if (featureGates.InPlaceWorkloadVerticalScaling && RESOURCES_PATH.test(op.path)) {
      if (!addResourceChange(op, oldTemp, spec)) return { blocker: templateFieldOf(op.path) };
      continue;
    }
    return { blocker: templateFieldOf(op.path) };
  }
  if (featureGates.InPlaceWorkloadVerticalScaling && Object.keys(spec.containerResources).length > 0) {
    let sameQos = false;
    try {
      sameQos = getPodQOS(oldTemp.spec) === getPodQOS(newTemp.spec);
    } catch {
      sameQos = false;
    }
    if (!sameQos) return { blocker: 'the QoS class of the resources' };
  }
  if (metadataOps.length > 0) {
    if (featureGates.InPlaceUpdateEnvFromMetadata) extractContainerRefMetadata(metadataOps, oldTemp, newTemp, spec);
    spec.metaDataPatch = createMetadataPatch(oldTemp.metadata, newTemp.metadata);
  }
  return { spec };
}

/** CanUpdateInPlace. */
export function canUpdateInPlace(
  oldRevision: ControllerRevision | null | undefined,
  newRevision: ControllerRevision | null | undefined,
  opts: InPlaceUpdateOptions,
  featureGates: FeatureGates,
): boolean {
  return calculateInPlaceUpdateSpec(oldRevision, newRevision, opts, featureGates) !== null;
}

/** UpdateSpec.VerticalUpdateOnly: only resources change (no image, no env-from-metadata). */
export function isVerticalUpdateOnly(spec: UpdateSpec): boolean {
  return Object.keys(spec.containerResources).length > 0 && Object.keys(spec.containerImages).length === 0 && !spec.updateEnvFromMetadata;
}
