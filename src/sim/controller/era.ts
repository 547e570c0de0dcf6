// SPEC §18 "Blog era": which kruise release the controller behaves like. '1.9' is the v1.9.0 this
// simulator mirrors; '0.7' is the late-2020 release the blog posts were written against. The era is
// passed into each decision that differs (like featureGates), never read from a global. This file
// holds the small translations between the two; the decisions themselves take an `era` argument.
import {
  ANNOTATION_INPLACE_UPDATE_GRACE,
  ANNOTATION_INPLACE_UPDATE_GRACE_OLD,
  ANNOTATION_INPLACE_UPDATE_STATE,
  ANNOTATION_INPLACE_UPDATE_STATE_OLD,
  LABEL_LIFECYCLE_STATE,
  LABEL_POD_TEMPLATE_HASH,
  type LifecycleState,
} from '../api/constants';
import type { ControllerRevision, Pod } from '../api/types';
import { equalToRevisionHash } from './podState';

export type KruiseEra = '1.9' | '0.7';

export const KRUISE_ERAS: readonly KruiseEra[] = ['1.9', '0.7'];
export const DEFAULT_KRUISE_ERA: KruiseEra = '1.9';

/** A cluster option or scenario value → an era. YAML may hand us the number 0.7. */
export function parseKruiseEra(v: unknown): KruiseEra {
  if (v === undefined || v === null) return DEFAULT_KRUISE_ERA;
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text === 'string' && (KRUISE_ERAS as readonly string[]).includes(text)) return text as KruiseEra;
  throw new Error(`unsupported kruiseVersion ${JSON.stringify(v)} (supported: ${KRUISE_ERAS.map((e) => `"${e}"`).join(', ')})`);
}

/** The in-place annotation keys the era writes (v0.8 added the apps.kruise.io/ prefix). */
export function inPlaceAnnotationKeys(era: KruiseEra): { state: string; grace: string } {
  return era === '0.7'
    ? { state: ANNOTATION_INPLACE_UPDATE_STATE_OLD, grace: ANNOTATION_INPLACE_UPDATE_GRACE_OLD }
    : { state: ANNOTATION_INPLACE_UPDATE_STATE, grace: ANNOTATION_INPLACE_UPDATE_GRACE };
}

/** The lifecycle state a new pod is created in: PreparingNormal arrived in v1.4. */
export function createdLifecycleState(era: KruiseEra): LifecycleState {
  return era === '0.7' ? 'Normal' : 'PreparingNormal';
}

/**
 * A pod the v1.9 decisions wrote, as the era would have written it. For 0.7: the in-place
 * annotations under their unprefixed keys, no pod-template-hash label (v1.1), and Normal instead
 * of PreparingNormal (v1.4). The same object when nothing differs.
 */
export function toEraPod(pod: Pod, era: KruiseEra): Pod {
  if (era === '1.9') return pod;
  const labels = pod.metadata.labels ?? {};
  const annotations = pod.metadata.annotations ?? {};
  const renames: [string, string][] = [
    [ANNOTATION_INPLACE_UPDATE_STATE, ANNOTATION_INPLACE_UPDATE_STATE_OLD],
    [ANNOTATION_INPLACE_UPDATE_GRACE, ANNOTATION_INPLACE_UPDATE_GRACE_OLD],
  ];
  const relabel = LABEL_POD_TEMPLATE_HASH in labels || labels[LABEL_LIFECYCLE_STATE] === 'PreparingNormal';
  const reannotate = renames.some(([from]) => from in annotations);
  if (!relabel && !reannotate) return pod;

  const nextLabels = { ...labels };
  delete nextLabels[LABEL_POD_TEMPLATE_HASH];
  if (nextLabels[LABEL_LIFECYCLE_STATE] === 'PreparingNormal') nextLabels[LABEL_LIFECYCLE_STATE] = createdLifecycleState(era);
  const nextAnnotations = { ...annotations };
  for (const [from, to] of renames) {
    if (!(from in nextAnnotations)) continue;
    nextAnnotations[to] = nextAnnotations[from];
    delete nextAnnotations[from];
  }
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      ...(pod.metadata.labels ? { labels: nextLabels } : {}),
      ...(pod.metadata.annotations ? { annotations: nextAnnotations } : {}),
    },
  };
}

/**
 * Before v0.8 there was no status.currentRevision: the current revision was the oldest revision
 * (lowest number) that some active pod still carries, else the update revision. `revisions` are
 * the ones listed at the start of the reconcile (a rollback's renumbering is not seen yet).
 */
export function currentRevisionFromPods(
  revisions: readonly ControllerRevision[],
  pods: readonly Pod[],
  updateRevision: ControllerRevision,
): ControllerRevision {
  const oldestFirst = [...revisions].sort((a, b) => a.revision - b.revision || a.metadata.name.localeCompare(b.metadata.name));
  return oldestFirst.find((r) => pods.some((p) => equalToRevisionHash(p, r.metadata.name))) ?? updateRevision;
}
