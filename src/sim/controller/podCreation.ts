// SPEC §3.1, §9.3, §14: the pods (and their PVCs) one scale-up creates — instance ids, names,
// labels, owner, readiness gate, volumes. Mirrors kruise sync/cloneset_scale.go
// (getOrGenAvailableIDs, createPods), core/cloneset_core.go (newVersionedPods) and
// utils/cloneset_utils.go (UpdateStorage, GetPersistentVolumeClaims).
import {
  ANNOTATION_LIFECYCLE_TIMESTAMP,
  CLONESET_API_VERSION,
  CLONESET_KIND,
  CONDITION_INPLACE_UPDATE_READY,
  INSTANCE_ID_ALPHABET,
  INSTANCE_ID_LENGTH,
  LABEL_CONTROLLER_REVISION_HASH,
  LABEL_INSTANCE_ID,
  LABEL_LIFECYCLE_STATE,
  LABEL_POD_TEMPLATE_HASH,
} from '../api/constants';
import type { CloneSet, OwnerReference, PersistentVolumeClaim, Pod, Volume } from '../api/types';
import { toRFC3339 } from '../api/virtualTime';
import type { Rng } from '../rng';
import type { FeatureGates } from './featureGates';
import { equalToRevisionHash, getShortHash } from './podState';

/** The apps.kruise.io/cloneset-instance-id label ("" when absent). */
export function getInstanceID(obj: { metadata: { labels?: Record<string, string> } }): string {
  return obj.metadata.labels?.[LABEL_INSTANCE_ID] ?? '';
}

/** One id: the next free PVC id (taken out of `availableIDs`), else a fresh random one no pod or PVC uses. */
export function getOrGenInstanceID(existingIDs: ReadonlySet<string>, availableIDs: string[], rng: Rng): string {
  const reused = availableIDs.shift();
  if (reused !== undefined) return reused;
  for (;;) {
    const id = rng.string(INSTANCE_ID_LENGTH, INSTANCE_ID_ALPHABET);
    if (!existingIDs.has(id)) return id;
  }
}

/**
 * Instance ids for `num` new pods, sorted (the order they are handed out in). Ids of PVCs that no
 * active pod uses come first, so a pod deleted by someone else comes back with its PVCs and name;
 * then random ids. Advances `rng` (its only effect).
 * Kruise pops free ids in map order; we take them in sorted order. Like kruise, random ids are
 * not checked against each other, so a (one in ~14 million) clash yields one id fewer.
 */
export function getOrGenAvailableIDs(
  num: number,
  pods: readonly Pod[],
  pvcs: readonly PersistentVolumeClaim[],
  rng: Rng,
): string[] {
  const existing = new Set<string>();
  const free = new Set<string>();
  for (const pvc of pvcs) {
    const id = getInstanceID(pvc);
    if (!id) continue;
    existing.add(id);
    free.add(id);
  }
  for (const pod of pods) {
    const id = getInstanceID(pod);
    if (!id) continue;
    existing.add(id);
    free.delete(id);
  }
  const available = [...free].sort();
  const ids = new Set<string>();
  for (let i = 0; i < num; i++) ids.add(getOrGenInstanceID(existing, available, rng));
  return [...ids].sort();
}

/** metav1.NewControllerRef for a CloneSet. */
export function controllerRefOf(cs: CloneSet): OwnerReference {
  return {
    apiVersion: CLONESET_API_VERSION,
    kind: CLONESET_KIND,
    name: cs.metadata.name,
    uid: cs.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `<template>-<cloneset>-<id>`, e.g. data-nginx-2-7xk9b. */
export function persistentVolumeClaimName(cs: CloneSet, templateName: string, id: string): string {
  return `${templateName}-${cs.metadata.name}-${id}`;
}

/**
 * The PVCs a pod mounts, keyed by claim template name, in template order (kruise builds a Go map,
 * so its order is random): template labels + selector matchLabels + instance id, owned by the pod's
 * controller (the CloneSet).
 */
export function getPersistentVolumeClaims(cs: CloneSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const id = getInstanceID(pod);
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const tpl of cs.spec.volumeClaimTemplates ?? []) {
    const { metadata, spec } = structuredClone(tpl);
    claims.set(tpl.metadata.name, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...metadata,
        name: persistentVolumeClaimName(cs, tpl.metadata.name, id),
        namespace: cs.metadata.namespace,
        labels: { ...metadata.labels, ...cs.spec.selector?.matchLabels, [LABEL_INSTANCE_ID]: id },
        ownerReferences: [...(metadata.ownerReferences ?? []), ...(owner ? [{ ...owner }] : [])],
      },
      spec,
      status: {},
    });
  }
  return claims;
}

/** Pod volumes: one PVC volume per claim template first, then template volumes of other names. */
export function updateStorage(cs: CloneSet, pod: Pod): Volume[] {
  const claims = getPersistentVolumeClaims(cs, pod);
  const claimVolumes: Volume[] = [...claims].map(([name, claim]) => ({
    name,
    persistentVolumeClaim: { claimName: claim.metadata.name, readOnly: false },
  }));
  return [...claimVolumes, ...(pod.spec.volumes ?? []).filter((v) => !claims.has(v.name))];
}

/** k8s GetPodFromTemplate's generateName: "<name>-" unless that would make names too long. */
function podsPrefix(controllerName: string): string {
  return controllerName.length + 2 <= 253 ? `${controllerName}-` : controllerName;
}

/** controller-revision-hash (full name, or the hash alone with CloneSetShortHash) and pod-template-hash. */
export function revisionHashLabels(revision: string, featureGates: FeatureGates): Record<string, string> {
  const short = getShortHash(revision);
  return {
    [LABEL_CONTROLLER_REVISION_HASH]: featureGates.CloneSetShortHash ? short : revision,
    [LABEL_POD_TEMPLATE_HASH]: short,
  };
}

/** One pod of `cs`'s template at `revision` with instance id `id` (lifecycle not yet set). */
export function newVersionedPod(cs: CloneSet, revision: string, id: string, featureGates: FeatureGates): Pod {
  const template = structuredClone(cs.spec.template);
  const meta = template.metadata ?? {};
  const readinessGates = template.spec.readinessGates ?? [];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${cs.metadata.name}-${id}`,
      generateName: podsPrefix(cs.metadata.name),
      namespace: cs.metadata.namespace,
      labels: { ...meta.labels, ...revisionHashLabels(revision, featureGates), [LABEL_INSTANCE_ID]: id },
      annotations: { ...meta.annotations },
      ownerReferences: [controllerRefOf(cs)],
    },
    spec: {
      ...template.spec,
      readinessGates: readinessGates.some((g) => g.conditionType === CONDITION_INPLACE_UPDATE_READY)
        ? readinessGates
        : [...readinessGates, { conditionType: CONDITION_INPLACE_UPDATE_READY }],
    },
    status: {},
  };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  pod.spec.volumes = updateStorage(cs, pod);
  return pod;
}

export interface NewVersionedPodsInput {
  /** The CloneSet with the current revision's template, as restored from its ControllerRevision. */
  currentCloneSet: CloneSet;
  /** The CloneSet with the update revision's template. */
  updateCloneSet: CloneSet;
  currentRevision: string;
  updateRevision: string;
  /** Pods to create (the diff's scaleUpLimit). */
  expectedCreations: number;
  /** How many of them at the current revision (the diff's scaleUpNumOldRevision; may be larger). */
  expectedCurrentCreations: number;
  /** Ids to hand out in order (getOrGenAvailableIDs); creation stops early if they run out. */
  availableIDs: readonly string[];
  featureGates: FeatureGates;
}

/** The new pods, current-revision ones first (SPEC §9.3). */
export function newVersionedPods(input: NewVersionedPodsInput): Pod[] {
  const ids = [...input.availableIDs];
  const make = (cs: CloneSet, revision: string, count: number) =>
    ids.splice(0, Math.max(count, 0)).map((id) => newVersionedPod(cs, revision, id, input.featureGates));
  const current = Math.min(input.expectedCreations, input.expectedCurrentCreations);
  return [
    ...make(input.currentCloneSet, input.currentRevision, current),
    ...make(input.updateCloneSet, input.updateRevision, input.expectedCreations - current),
  ];
}

export interface PlanCreatePodsInput extends NewVersionedPodsInput {
  /** Names of the CloneSet's PVCs that exist (not terminating); they are reused, not created. */
  existingPVCNames: readonly string[];
  /** Virtual seconds, for the lifecycle timestamp. */
  now: number;
}

/** One pod to create, with the claims created just before it. */
export interface PodCreation {
  /** The pod, in lifecycle PreparingNormal. */
  pod: Pod;
  /** Its claims that do not exist yet, to create first. */
  pvcsToCreate: PersistentVolumeClaim[];
  /** Names of its claims that already exist (left behind by a pod with the same instance id). */
  pvcsReused: string[];
}

export interface CreatePodsPlan {
  /** In creation order: current-revision pods first. */
  creations: PodCreation[];
  /** Names the controller waits to see created: every pod, then every PVC it creates. */
  expectations: string[];
  /** Slow-start batch sizes (1, 2, 4, …); after a failed batch the rest is abandoned. */
  batches: number[];
}

/**
 * What one scale-up creates (kruise's createPods): the pods of newVersionedPods in lifecycle
 * PreparingNormal, each with the PVCs it needs that are missing. A pod's claims follow the
 * CloneSet of its own revision.
 */
export function planCreatePods(input: PlanCreatePodsInput): CreatePodsPlan {
  const existing = new Set(input.existingPVCNames);
  const creations = newVersionedPods(input).map((pod): PodCreation => {
    pod.metadata.labels = { ...pod.metadata.labels, [LABEL_LIFECYCLE_STATE]: 'PreparingNormal' };
    pod.metadata.annotations = { ...pod.metadata.annotations, [ANNOTATION_LIFECYCLE_TIMESTAMP]: toRFC3339(input.now) };
    const cs = equalToRevisionHash(pod, input.currentRevision) ? input.currentCloneSet : input.updateCloneSet;
    const claims = [...getPersistentVolumeClaims(cs, pod).values()];
    return {
      pod,
      pvcsToCreate: claims.filter((c) => !existing.has(c.metadata.name)),
      pvcsReused: claims.filter((c) => existing.has(c.metadata.name)).map((c) => c.metadata.name),
    };
  });
  return {
    creations,
    expectations: [
      ...creations.map((c) => c.pod.metadata.name),
      ...creations.flatMap((c) => c.pvcsToCreate.map((p) => p.metadata.name)),
    ],
    batches: slowStartBatches(creations.length),
  };
}

/** kruise DoItSlowly's batch sizes: 1, 2, 4, … until `count` calls are covered. */
export function slowStartBatches(count: number, initialBatchSize = 1): number[] {
  const batches: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    remaining -= size;
  }
  return batches;
}
