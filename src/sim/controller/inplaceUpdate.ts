// SPEC §11.2: starting an in-place update, and writing one batch of it into the pod. Mirrors kruise
// pkg/util/inplaceupdate/inplace_update.go (Update) and inplace_update_defaults.go
// (defaultPatchUpdateSpecToPod). The refresh is in inplaceRefresh.ts, the completion check in
// inplaceCompletion.ts. Every function takes the pod and `now` (virtual seconds), returns a new pod.
import {
  ANNOTATION_INPLACE_UPDATE_GRACE,
  ANNOTATION_INPLACE_UPDATE_GRACE_OLD,
  ANNOTATION_INPLACE_UPDATE_STATE,
  ANNOTATION_INPLACE_UPDATE_STATE_OLD,
  CONDITION_INPLACE_UPDATE_READY,
  LABEL_CONTROLLER_REVISION_HASH,
  LABEL_POD_TEMPLATE_HASH,
} from '../api/constants';
import type { Container, ControllerRevision, Pod, PodCondition } from '../api/types';
import { calculateInPlaceUpdateSpec, isVerticalUpdateOnly, type InPlaceUpdateOptions, type UpdateSpec } from './inplaceSpec';
import { serializeInPlaceUpdateState, serializeUpdateSpec, type InPlaceUpdateState } from './inplaceState';
import type { FeatureGates } from './featureGates';
import { applyMetadataPatch } from './metadataPatch';
import { containsReadinessGate, setPodCondition, setPodReadyCondition } from './podConditions';
import { getShortHash } from './podState';

/** Env var through which a container's launch priority reaches the pod (kruise's barrier env). */
const LAUNCH_BARRIER_ENV = 'KRUISE_CONTAINER_BARRIER';

export function withAnnotations(pod: Pod, set: Record<string, string>, remove: string[] = []): Pod {
  // Object.assign rather than spread: a spread copy of an object that is not frozen, given a key
  // its source lacks, takes V8's slow path (a new hidden class per copy, about 1 µs each).
  const annotations: Record<string, string> = Object.assign({}, pod.metadata.annotations, set);
  for (const key of remove) delete annotations[key];
  return { ...pod, metadata: Object.assign({}, pod.metadata, { annotations }) };
}

/** WriteRevisionHash: controller-revision-hash (short with gate CloneSetShortHash) and pod-template-hash. */
export function writeRevisionHash(pod: Pod, revision: string, featureGates: FeatureGates): Pod {
  const short = getShortHash(revision);
  const labels = { ...pod.metadata.labels, [LABEL_CONTROLLER_REVISION_HASH]: featureGates.CloneSetShortHash ? short : revision, [LABEL_POD_TEMPLATE_HASH]: short };
  return { ...pod, metadata: { ...pod.metadata, labels } };
}

/** GetContainerPriority: the N of a `p_N` barrier key, or undefined for a container without one. */
function getContainerPriority(c: Container): number | undefined {
  const env = (c.env ?? []).find((e) => e.name === LAUNCH_BARRIER_ENV);
  if (!env) return undefined;
  const ref = env.valueFrom?.configMapKeyRef as { key?: string } | undefined;
  const n = Number.parseInt((ref?.key ?? '').slice(2), 10);
  return Number.isNaN(n) ? 0 : n;
}

/** Containers sharing a changed label/annotation with ones being updated join this batch (transitively). */
function addMetadataSharedContainers(toUpdate: Set<string>, refMetadata: UpdateSpec['containerRefMetadata']): void {
  // (no container takes labels or annotations into its env: the common case, nothing to share)
  if (!hasKeys(refMetadata)) return;
  const labels = new Set<string>();
  const annotations = new Set<string>();
  let added = new Set(toUpdate);
  while (added.size > 0) {
    for (const name of added) {
      for (const k of Object.keys(refMetadata[name]?.labels ?? {})) labels.add(k);
      for (const k of Object.keys(refMetadata[name]?.annotations ?? {})) annotations.add(k);
    }
    added = new Set();
    for (const [name, meta] of Object.entries(refMetadata)) {
      if (toUpdate.has(name)) continue;
      const shares = Object.keys(meta.labels ?? {}).some((k) => labels.has(k)) || Object.keys(meta.annotations ?? {}).some((k) => annotations.has(k));
      if (shares) {
        toUpdate.add(name);
        added.add(name);
      }
    }
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** The containers this batch updates: those without a priority plus the highest-priority group. */
function containersToUpdateNow(pod: Pod, spec: UpdateSpec): Set<string> {
  const toUpdate = new Set<string>();
  let highest: number | undefined;
  let highestGroup: string[] = [];
  for (const c of pod.spec.containers) {
    if (!(c.name in spec.containerImages) && !(c.name in spec.containerRefMetadata) && !(c.name in spec.containerResources)) continue;
    const priority = getContainerPriority(c);
    if (priority === undefined) toUpdate.add(c.name);
    else if (highest === undefined || highest < priority) {
      highest = priority;
      highestGroup = [c.name];
    } else if (highest === priority) highestGroup.push(c.name);
  }
  for (const name of highestGroup) toUpdate.add(name);
  addMetadataSharedContainers(toUpdate, spec.containerRefMetadata);
  return toUpdate;
}

/**
 * defaultPatchUpdateSpecToPod: write one batch of the spec into the pod — metadata patch, images,
 * resources, env-referenced metadata — and record it in the state annotation (imageIDs before the
 * restart, the batch, what is left for the next batch).
 */
export function patchUpdateSpecToPod(pod: Pod, spec: UpdateSpec, state: InPlaceUpdateState, now: number, featureGates: FeatureGates): Pod {
  // What this batch leaves for later batches.
  const nextContainerImages: Record<string, string> = {};
  const nextContainerRefMetadata: UpdateSpec['containerRefMetadata'] = {};
  const nextContainerResources: UpdateSpec['containerResources'] = {};
  let out: Pod = spec.metaDataPatch ? { ...pod, metadata: applyMetadataPatch(pod.metadata, spec.metaDataPatch) } : pod;
  const toUpdate = containersToUpdateNow(out, spec);
  let imageChanged: string[] | undefined;
  const containers = out.spec.containers.map((c) => {
    let container = c;
    const image = spec.containerImages[c.name];
    if (image !== undefined) {
      if (toUpdate.has(c.name)) {
        container = { ...container, image };
        (imageChanged ??= []).push(c.name);
      } else nextContainerImages[c.name] = image;
    }
    const resources = spec.containerResources[c.name];
    if (featureGates.InPlaceWorkloadVerticalScaling && resources) {
      if (toUpdate.has(c.name)) {
        container = {
          ...container,
          resources: {
            ...container.resources,
            limits: { ...container.resources?.limits, ...resources.limits },
            requests: { ...container.resources?.requests, ...resources.requests },
          },
        };
      } else nextContainerResources[c.name] = resources;
    }
    return container;
  });
  out = { ...out, spec: { ...out.spec, containers } };

  let lastContainerStatuses = state.lastContainerStatuses;
  if (imageChanged) {
    for (const status of out.status.containerStatuses ?? []) {
      if (!imageChanged.includes(status.name)) continue;
      // As in kruise, an entry already recorded by an earlier batch is kept.
      const recorded = lastContainerStatuses?.[status.name];
      if (recorded === undefined || recorded === null) lastContainerStatuses = { ...lastContainerStatuses, [status.name]: { imageID: status.imageID } };
    }
  }

  // Labels are copied only when a container's env takes some (the annotations always change: the state).
  let labels = out.metadata.labels ?? {};
  const annotations = { ...out.metadata.annotations };
  for (const name in spec.containerRefMetadata) {
    const meta = spec.containerRefMetadata[name];
    if (toUpdate.has(name)) {
      if (labels === out.metadata.labels) labels = { ...labels };
      Object.assign(labels, meta.labels);
      Object.assign(annotations, meta.annotations);
    } else nextContainerRefMetadata[name] = meta;
  }
  const batch = [...toUpdate].sort();
  const hasNext = hasKeys(nextContainerImages) || hasKeys(nextContainerRefMetadata) || hasKeys(nextContainerResources);
  // (Object.assign: see withAnnotations)
  const next: InPlaceUpdateState = Object.assign({}, state, {
    nextContainerImages,
    nextContainerRefMetadata,
    nextContainerResources,
    lastContainerStatuses,
    preCheckBeforeNext: hasNext ? { containersRequiredReady: batch } : null,
    containerBatchesRecord: [...(state.containerBatchesRecord ?? []), { timestamp: now, containers: batch }],
  });
  annotations[ANNOTATION_INPLACE_UPDATE_STATE] = serializeInPlaceUpdateState(next);
  return { ...out, metadata: { ...out.metadata, labels, annotations } };
}

/** defaultCheckPodNeedsBeUnready: a resize-only update that restarts nothing keeps the pod Ready. */
function checkPodNeedsBeUnready(pod: Pod, spec: UpdateSpec, featureGates: FeatureGates): boolean {
  if (!featureGates.InPlaceWorkloadVerticalScaling || !isVerticalUpdateOnly(spec)) return containsReadinessGate(pod, CONDITION_INPLACE_UPDATE_READY);
  const restarts = pod.spec.containers.some((c) => {
    const changed = spec.containerResources[c.name];
    if (!changed) return false;
    const policies = (c.resizePolicy as { resourceName: string; restartPolicy: string }[] | undefined) ?? [];
    return policies.some(
      (p) => p.restartPolicy === 'RestartContainer' && (p.resourceName === 'cpu' || p.resourceName === 'memory') && (p.resourceName in changed.limits || p.resourceName in changed.requests),
    );
  });
  return restarts && containsReadinessGate(pod, CONDITION_INPLACE_UPDATE_READY);
}

/** updateCondition: set the condition; a False one also recomputes Ready (the kubelet sets it True later). */
export function updateCondition(pod: Pod, condition: PodCondition, now: number): Pod {
  const out = setPodCondition(pod, condition);
  return condition.status === 'False' ? setPodReadyCondition(out, now) : out;
}

export interface InPlaceUpdateResult {
  /** False: the revisions cannot be updated in place (nothing was written). */
  inPlaceUpdate: boolean;
  /** The updated pod. */
  pod?: Pod;
  /** Seconds until the controller should look again (the grace period). */
  requeueAfter?: number;
}

/**
 * Update: start an in-place update of `pod` from `oldRevision` to `newRevision`. Sets
 * InPlaceUpdateReady=False (reason StartInPlaceUpdate), moves the revision labels, runs `additional`
 * (the caller's lifecycle write), records the state annotation, and then either writes the new
 * images now or — with a grace period — parks them in the grace annotation.
 */
export function inPlaceUpdatePod(
  pod: Pod,
  oldRevision: ControllerRevision | null | undefined,
  newRevision: ControllerRevision,
  opts: InPlaceUpdateOptions,
  now: number,
  featureGates: FeatureGates,
  additional: (pod: Pod) => Pod = (p) => p,
): InPlaceUpdateResult {
  const spec = calculateInPlaceUpdateSpec(oldRevision, newRevision, opts, featureGates);
  if (!spec) return { inPlaceUpdate: false };
  let out = pod;
  if (checkPodNeedsBeUnready(pod, spec, featureGates)) {
    out = updateCondition(out, { type: CONDITION_INPLACE_UPDATE_READY, status: 'False', reason: 'StartInPlaceUpdate', lastTransitionTime: now }, now);
  }
  out = additional(writeRevisionHash(out, spec.revision, featureGates));
  const state: InPlaceUpdateState = {
    revision: spec.revision,
    updateTimestamp: now,
    lastContainerStatuses: null,
    updateEnvFromMetadata: spec.updateEnvFromMetadata,
    updateImages: Object.keys(spec.containerImages).length > 0,
    updateResources: Object.keys(spec.containerResources).length > 0,
  };
  out = withAnnotations(out, { [ANNOTATION_INPLACE_UPDATE_STATE]: serializeInPlaceUpdateState(state) }, [ANNOTATION_INPLACE_UPDATE_STATE_OLD]);
  if (spec.graceSeconds <= 0) {
    out = patchUpdateSpecToPod(out, spec, state, now, featureGates);
    out = withAnnotations(out, {}, [ANNOTATION_INPLACE_UPDATE_GRACE, ANNOTATION_INPLACE_UPDATE_GRACE_OLD]);
  } else {
    out = withAnnotations(out, { [ANNOTATION_INPLACE_UPDATE_GRACE]: serializeUpdateSpec(spec) });
  }
  const grace = opts.gracePeriodSeconds ?? 0;
  return grace > 0 ? { inPlaceUpdate: true, pod: out, requeueAfter: grace } : { inPlaceUpdate: true, pod: out };
}
