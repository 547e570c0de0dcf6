// A stored object as the API server sends it to kubectl: virtual-second times become RFC 3339
// strings, the pod's IP also appears as status.podIPs, and an object of any kind carries its
// apiVersion and kind. This is the JSON that -o yaml/json, JSONPath and custom columns read.
import { toRFC3339 } from '../sim/api/virtualTime';
import type { KubeEvent } from '../sim/api/types';
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

function toJson(value: unknown, key: string): Json | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return TIME_FIELDS.has(key) ? toRFC3339(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => toJson(v, '') ?? null);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const j = toJson(v, k);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

/** The object as kubectl receives it. */
export function apiObject(obj: StoredObject | KubeEvent): JsonObject {
  const out = toJson(obj, '') as JsonObject;
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
