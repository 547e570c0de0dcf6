// A stored object as the API server sends it to kubectl: virtual-second times become RFC 3339
// strings, the pod's IP also appears as status.podIPs, a CloneSet is in the shape kruise's Go types
// marshal to (omitempty fields that are zero are gone; struct fields that are never omitted —
// scaleStrategy, a template's creationTimestamp: null, a container's resources — are there), and an
// object of any kind carries its apiVersion and kind. This is the JSON that -o yaml/json, JSONPath,
// custom columns, describe's generic printer and edit read.
import { toRFC3339 } from '../sim/api/virtualTime';
import { podTemplateToGoJson } from '../sim/api/goJson';
import type { CloneSet, KubeEvent } from '../sim/api/types';
import type { StoredObject } from '../sim/store';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Fields that are metav1.Time in the Kubernetes types (numbers of virtual seconds here). */
const TIME_FIELDS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'lastTransitionTime',
  'lastProbeTime',
  'lastUpdateTime',
  'lastHeartbeatTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'firstTimestamp',
  'lastTimestamp',
]);

/** A deep copy as JSON: time fields (by key) as RFC 3339 strings, undefined fields left out. */
export function apiJsonOf(value: unknown, key = ''): Json {
  if (value === undefined || value === null || typeof value === 'function') return null;
  if (typeof value === 'number') return TIME_FIELDS.has(key) ? toRFC3339(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => apiJsonOf(v));
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined && typeof v !== 'function') out[k] = apiJsonOf(v, k);
  return out;
}

/** CloneSetStatus fields tagged omitempty (apps/v1alpha1 cloneset_types.go). */
const STATUS_OMITEMPTY = ['observedGeneration', 'updatedAvailableReplicas', 'expectedUpdatedReplicas', 'updateRevision', 'currentRevision', 'conditions', 'labelSelector'];

const isEmpty = (v: unknown) => v === undefined || v === null || v === 0 || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** The CloneSet as kruise's Go types marshal it. */
export function cloneSetWireForm(cs: CloneSet): JsonObject {
  const spec: Record<string, unknown> = { ...cs.spec, template: podTemplateToGoJson(cs.spec.template), scaleStrategy: cs.spec.scaleStrategy ?? {} };
  if (cs.spec.volumeClaimTemplates) {
    spec.volumeClaimTemplates = cs.spec.volumeClaimTemplates.map((t) => ({ ...t, metadata: { ...t.metadata, creationTimestamp: null } }));
  }
  for (const k of ['minReadySeconds', 'volumeClaimTemplates'] as const) if (isEmpty(spec[k])) delete spec[k];
  const status: Record<string, unknown> = { replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0, updatedReadyReplicas: 0, ...cs.status };
  for (const k of STATUS_OMITEMPTY) if (isEmpty(status[k])) delete status[k];
  return apiJsonOf({ ...cs, spec, status }) as JsonObject;
}

/** The object as kubectl receives it. */
export function apiObject(obj: StoredObject | KubeEvent): JsonObject {
  if (obj.kind === 'CloneSet') return cloneSetWireForm(obj);
  const out = apiJsonOf(obj) as JsonObject;
  if (obj.kind === 'Pod') {
    const status = (out.status ?? {}) as JsonObject;
    if (typeof status.podIP === 'string' && status.podIPs === undefined) status.podIPs = [{ ip: status.podIP }];
  }
  return out;
}

/** kubectl's wrapper for more than one object in -o yaml/json/jsonpath. */
export function listObject(items: JsonObject[]): JsonObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
