// SPEC §11.2/§11.3: the two annotations an in-place update keeps on the pod, read and written in
// the exact JSON kruise uses (apis/apps/pub/inplace_update.go): `apps.kruise.io/inplace-update-state`
// (InPlaceUpdateState) and, during a grace period, `apps.kruise.io/inplace-update-grace` (the
// parked UpdateSpec). Times are virtual seconds here and RFC 3339 in the annotation.
import {
  ANNOTATION_INPLACE_UPDATE_GRACE,
  ANNOTATION_INPLACE_UPDATE_GRACE_OLD,
  ANNOTATION_INPLACE_UPDATE_STATE,
  ANNOTATION_INPLACE_UPDATE_STATE_OLD,
  ANNOTATION_RUNTIME_CONTAINERS_META,
} from '../api/constants';
import { goBase64ToBytes, goBytesToBase64, goMarshalSorted } from '../api/goJson';
import { fromRFC3339 } from '../api/rfc3339';
import type { Pod, ResourceRequirements } from '../api/types';
import { toRFC3339 } from '../api/virtualTime';
import { deepFreeze } from '../store';
import type { ContainerRefMetadata, ContainerResourcePatch, UpdateSpec } from './inplaceSpec';
import type { MetadataPatch } from './metadataPatch';

/** One batch of containers restarted together (containers with a launch priority go in batches). */
export interface InPlaceUpdateContainerBatch {
  /** Virtual seconds; null = Go's zero time. */
  timestamp: number | null;
  containers: string[];
}

/** kruise's InPlaceUpdateState, the record of an in-place update on the pod. */
export interface InPlaceUpdateState {
  /** Revision the pod is updating to. */
  revision: string;
  /** When the update started (virtual seconds); null = zero time. */
  updateTimestamp: number | null;
  /** imageID each restarted container reported before the update; null until images are written. */
  lastContainerStatuses: Record<string, { imageID?: string }> | null;
  updateEnvFromMetadata?: boolean;
  updateResources?: boolean;
  updateImages?: boolean;
  /** Lower-priority containers still to update, with what to write. */
  nextContainerImages?: Record<string, string>;
  nextContainerRefMetadata?: Record<string, ContainerRefMetadata>;
  nextContainerResources?: Record<string, ResourceRequirements>;
  /** Containers that must be ready before the next batch starts. */
  preCheckBeforeNext?: { containersRequiredReady?: string[] } | null;
  containerBatchesRecord?: InPlaceUpdateContainerBatch[];
}

export class InPlaceStateError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (m: Record<string, unknown> | undefined | null): boolean => !!m && Object.keys(m).length > 0;

/** Sorted-key copy of a string-keyed map (Go writes maps sorted). */
function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  const keys = Object.keys(m);
  // (one container, the common case: already in order)
  if (keys.length < 2) return m;
  return Object.fromEntries(keys.sort().map((k) => [k, m[k]]));
}

function timeText(t: number | null | undefined): string | null {
  return t === null || t === undefined ? null : toRFC3339(t);
}

function timeValue(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = fromRFC3339(v);
  if (t === undefined) throw new InPlaceStateError(`parsing time ${JSON.stringify(v)} as RFC 3339 failed`);
  return t;
}

/** GetInPlaceUpdateState: the state annotation (new key first, then the pre-v0.8 key). */
export function getInPlaceUpdateStateText(pod: Pod): string | undefined {
  const a = pod.metadata.annotations ?? {};
  return a[ANNOTATION_INPLACE_UPDATE_STATE] ?? a[ANNOTATION_INPLACE_UPDATE_STATE_OLD];
}

/** GetInPlaceUpdateGrace: the grace annotation (new key first, then the pre-v0.8 key). */
export function getInPlaceUpdateGraceText(pod: Pod): string | undefined {
  const a = pod.metadata.annotations ?? {};
  return a[ANNOTATION_INPLACE_UPDATE_GRACE] ?? a[ANNOTATION_INPLACE_UPDATE_GRACE_OLD];
}

export function parseInPlaceUpdateState(text: string): InPlaceUpdateState {
  // Every reconcile reads the annotation of every pod; the same text parses to the same state, so
  // parsed states are kept (frozen: callers share them) in a bounded cache.
  const cached = parsedStates.get(text);
  if (cached) return cached;
  const state = deepFreeze(parseFresh(text));
  if (parsedStates.size >= PARSED_STATES_CACHE_SIZE) parsedStates.clear();
  parsedStates.set(text, state);
  return state;
}

const PARSED_STATES_CACHE_SIZE = 4096;
const parsedStates = new Map<string, InPlaceUpdateState>();

function parseFresh(text: string): InPlaceUpdateState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InPlaceStateError(`invalid in-place update state: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new InPlaceStateError('invalid in-place update state: not an object');
  const state: InPlaceUpdateState = {
    revision: typeof raw.revision === 'string' ? raw.revision : '',
    updateTimestamp: timeValue(raw.updateTimestamp),
    lastContainerStatuses: isObject(raw.lastContainerStatuses) ? (raw.lastContainerStatuses as InPlaceUpdateState['lastContainerStatuses']) : null,
  };
  if (raw.updateEnvFromMetadata === true) state.updateEnvFromMetadata = true;
  if (raw.updateResources === true) state.updateResources = true;
  if (raw.updateImages === true) state.updateImages = true;
  if (isObject(raw.nextContainerImages)) state.nextContainerImages = raw.nextContainerImages as Record<string, string>;
  if (isObject(raw.nextContainerRefMetadata)) state.nextContainerRefMetadata = raw.nextContainerRefMetadata as Record<string, ContainerRefMetadata>;
  if (isObject(raw.nextContainerResources)) state.nextContainerResources = raw.nextContainerResources as Record<string, ResourceRequirements>;
  if (isObject(raw.preCheckBeforeNext)) state.preCheckBeforeNext = raw.preCheckBeforeNext as InPlaceUpdateState['preCheckBeforeNext'];
  if (Array.isArray(raw.containerBatchesRecord)) {
    state.containerBatchesRecord = raw.containerBatchesRecord.filter(isObject).map((b) => ({
      timestamp: timeValue(b.timestamp),
      containers: Array.isArray(b.containers) ? b.containers.map(String) : [],
    }));
  }
  return state;
}

/** json.Marshal(InPlaceUpdateState): struct field order, omitempty fields left out when empty. */
export function serializeInPlaceUpdateState(state: InPlaceUpdateState): string {
  const out: Record<string, unknown> = {
    revision: state.revision,
    updateTimestamp: timeText(state.updateTimestamp),
    lastContainerStatuses: state.lastContainerStatuses ? sortedMap(state.lastContainerStatuses) : null,
  };
  if (state.updateEnvFromMetadata) out.updateEnvFromMetadata = true;
  if (state.updateResources) out.updateResources = true;
  if (state.updateImages) out.updateImages = true;
  if (nonEmpty(state.nextContainerImages)) out.nextContainerImages = sortedMap(state.nextContainerImages!);
  if (nonEmpty(state.nextContainerRefMetadata)) out.nextContainerRefMetadata = sortedMap(state.nextContainerRefMetadata!);
  if (nonEmpty(state.nextContainerResources)) out.nextContainerResources = sortedMap(state.nextContainerResources!);
  if (state.preCheckBeforeNext) out.preCheckBeforeNext = state.preCheckBeforeNext;
  if (state.containerBatchesRecord?.length) {
    out.containerBatchesRecord = state.containerBatchesRecord.map((b) => ({ timestamp: timeText(b.timestamp), containers: b.containers }));
  }
  return JSON.stringify(out);
}

/** json.Marshal(UpdateSpec) as parked in the grace annotation (the metadata patch as base64 bytes). */
export function serializeUpdateSpec(spec: UpdateSpec): string {
  const out: Record<string, unknown> = { revision: spec.revision };
  if (nonEmpty(spec.containerImages)) out.containerImages = sortedMap(spec.containerImages);
  if (nonEmpty(spec.containerRefMetadata)) out.containerRefMetadata = sortedMap(spec.containerRefMetadata);
  if (nonEmpty(spec.containerResources)) out.containerResources = sortedMap(spec.containerResources);
  if (spec.metaDataPatch) out.metaDataPatch = goBytesToBase64(goMarshalSorted(spec.metaDataPatch));
  if (spec.updateEnvFromMetadata) out.updateEnvFromMetadata = true;
  if (spec.graceSeconds) out.graceSeconds = spec.graceSeconds;
  return JSON.stringify(out);
}

export function parseUpdateSpec(text: string): UpdateSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InPlaceStateError(`invalid in-place update grace: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new InPlaceStateError('invalid in-place update grace: not an object');
  const spec: UpdateSpec = {
    revision: typeof raw.revision === 'string' ? raw.revision : '',
    containerImages: isObject(raw.containerImages) ? (raw.containerImages as Record<string, string>) : {},
    containerRefMetadata: isObject(raw.containerRefMetadata) ? (raw.containerRefMetadata as Record<string, ContainerRefMetadata>) : {},
    containerResources: isObject(raw.containerResources) ? (raw.containerResources as Record<string, ContainerResourcePatch>) : {},
    updateEnvFromMetadata: raw.updateEnvFromMetadata === true,
    graceSeconds: typeof raw.graceSeconds === 'number' ? raw.graceSeconds : 0,
  };
  if (typeof raw.metaDataPatch === 'string') {
    const text = goBase64ToBytes(raw.metaDataPatch);
    if (text === undefined) throw new InPlaceStateError('invalid in-place update grace: bad metaDataPatch');
    spec.metaDataPatch = JSON.parse(text) as MetadataPatch;
  }
  return spec;
}

/** What kruise-daemon reports per container in apps.kruise.io/runtime-containers-meta. */
export interface RuntimeContainerMeta {
  name: string;
  containerID: string;
  restartCount: number;
  hashes: { plainHash: number; extractedEnvFromMetadataHash?: number };
}

/** GetRuntimeContainerMetaSet: undefined when the annotation is absent; throws when unreadable. */
export function getRuntimeContainerMetaSet(pod: Pod): RuntimeContainerMeta[] | undefined {
  const text = pod.metadata.annotations?.[ANNOTATION_RUNTIME_CONTAINERS_META];
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InPlaceStateError(`invalid runtime-containers-meta: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new InPlaceStateError('invalid runtime-containers-meta: not an object');
  return Array.isArray(raw.containers) ? (raw.containers.filter(isObject) as unknown as RuntimeContainerMeta[]) : [];
}
