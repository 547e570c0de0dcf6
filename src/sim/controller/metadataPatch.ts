// SPEC §11.1/§11.2: template metadata changes reach the pod as a strategic merge patch of its
// metadata. Mirrors what apimachinery's strategicpatch does for v1.Pod metadata, the only part of
// the pod kruise patches this way: CreateTwoWayMergePatch to build it (labels/annotations per key,
// null = delete; finalizers as a merge list with $deleteFromPrimitiveList/$setElementOrder) and
// StrategicMergePatch to apply it.
import type { ObjectMeta } from '../api/types';
import { jsonDeepEqual } from './jsonPatch';

/** A strategic merge patch of a pod: `{}` or `{ metadata: { … } }`. */
export type MetadataPatch = { metadata?: Record<string, unknown> };

const DELETE_FROM_FINALIZERS = '$deleteFromPrimitiveList/finalizers';
const SET_FINALIZER_ORDER = '$setElementOrder/finalizers';
/** ObjectMeta fields that are string maps: diffed key by key. */
const STRING_MAPS = new Set(['labels', 'annotations']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Drops what encoding/json would omit from ObjectMeta (empty maps, lists and strings). */
function present(meta: Partial<ObjectMeta> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isObject(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function diffStringMap(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (!(k in a) || a[k] !== v) patch[k] = v;
  for (const k of Object.keys(a)) if (!(k in b)) patch[k] = null;
  return patch;
}

/** diffListsOfScalars for a merge-strategy list: added items, removed items, new order. */
function diffFinalizers(a: string[], b: string[], patch: Record<string, unknown>): void {
  const added = [...new Set(b.filter((f) => !a.includes(f)))];
  const deleted = [...new Set(a.filter((f) => !b.includes(f)))].sort();
  if (added.length > 0) patch.finalizers = b.filter((f) => added.includes(f));
  if (deleted.length > 0) patch[DELETE_FROM_FINALIZERS] = deleted;
  if (deleted.length > 0 || !jsonDeepEqual(a, b)) patch[SET_FINALIZER_ORDER] = [...b];
}

/** strategicpatch.CreateTwoWayMergePatch of two pods that differ only in metadata. */
export function createMetadataPatch(oldMeta: Partial<ObjectMeta> | undefined, newMeta: Partial<ObjectMeta> | undefined): MetadataPatch {
  const a = present(oldMeta);
  const b = present(newMeta);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(b)) {
    if (!(key in a)) patch[key] = value;
    else if (STRING_MAPS.has(key) && isObject(a[key]) && isObject(value)) {
      const sub = diffStringMap(a[key] as Record<string, unknown>, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (key === 'finalizers' && Array.isArray(a[key]) && Array.isArray(value)) {
      diffFinalizers(a[key] as string[], value as string[], patch);
    } else if (!jsonDeepEqual(a[key], value)) patch[key] = value;
  }
  for (const key of Object.keys(a)) if (!(key in b)) patch[key] = null;
  return Object.keys(patch).length === 0 ? {} : { metadata: patch };
}

/** mergeSortedSlice: server-only items slotted between patch items by their old positions. */
function mergeByServerOrder(serverOnly: string[], patchItems: string[], serverOrder: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patchItems[j++]);
    else {
      const li = serverOrder.indexOf(serverOnly[i]);
      const ri = serverOrder.indexOf(patchItems[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

function mergeFinalizers(current: string[], patch: Record<string, unknown>): string[] | undefined {
  const deleted = (patch[DELETE_FROM_FINALIZERS] as string[] | undefined) ?? [];
  let merged = current.filter((f) => !deleted.includes(f));
  if (patch.finalizers === null) merged = [];
  for (const f of (patch.finalizers as string[] | null | undefined) ?? []) if (!merged.includes(f)) merged.push(f);
  const order = patch[SET_FINALIZER_ORDER] as string[] | undefined;
  if (order) {
    const inOrder = order.filter((f) => merged.includes(f));
    merged = mergeByServerOrder(merged.filter((f) => !order.includes(f)), inOrder, current);
  }
  return merged.length > 0 ? merged : undefined;
}

/** strategicpatch.StrategicMergePatch of a pod's metadata; returns new metadata. */
export function applyMetadataPatch(meta: ObjectMeta, patch: MetadataPatch): ObjectMeta {
  const changes = patch.metadata;
  if (!changes) return meta;
  const out: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(changes)) {
    if (key === DELETE_FROM_FINALIZERS || key === SET_FINALIZER_ORDER || key === 'finalizers') continue;
    if (value === null) delete out[key];
    else if (STRING_MAPS.has(key) && isObject(value)) {
      const merged: Record<string, string> = { ...((out[key] as Record<string, string> | undefined) ?? {}) };
      for (const [k, v] of Object.entries(value)) {
        if (v === null) delete merged[k];
        else merged[k] = String(v);
      }
      out[key] = merged;
    } else out[key] = value;
  }
  if ('finalizers' in changes || DELETE_FROM_FINALIZERS in changes || SET_FINALIZER_ORDER in changes) {
    const finalizers = mergeFinalizers(meta.finalizers ?? [], changes);
    if (finalizers) out.finalizers = finalizers;
    else delete out.finalizers;
  }
  return out as unknown as ObjectMeta;
}
