// The API server's rules for updating a stored pod (ValidatePodUpdate, the pod strategy's
// PrepareForUpdate), narrowed to what a pod here can carry: the status is a subresource (an update
// keeps the stored one), metadata keeps its identity, and the spec may change only in image,
// activeDeadlineSeconds (set, or lowered) and tolerations (additions). Anything else is the
// API server's `spec: Forbidden: pod updates may not change fields other than …`.
import type { Pod, PodSpec } from './types';
import { forbidden, invalid, type FieldError } from './fieldErrors';
import { jsonEqual } from './jsonEqual';
import { validateObjectMetaUpdate } from './objectMetaValidation';

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The spec with the mutable fields taken from `old`, so that what is left to compare must be equal. */
function withMutableFieldsOf(spec: PodSpec, old: PodSpec): PodSpec {
  const sameImages = (list: PodSpec['containers'] | undefined, before: PodSpec['containers'] | undefined) =>
    list?.map((c, i) => (before?.[i] && before[i].name === c.name ? { ...c, image: before[i].image } : c));
  const out: PodSpec = { ...spec, containers: sameImages(spec.containers, old.containers) ?? [], activeDeadlineSeconds: old.activeDeadlineSeconds, tolerations: old.tolerations };
  if (spec.initContainers !== undefined) out.initContainers = sameImages(spec.initContainers, old.initContainers);
  for (const k of ['activeDeadlineSeconds', 'tolerations', 'initContainers'] as const) if (out[k] === undefined) delete out[k];
  return out;
}

type Toleration = Record<string, unknown>;

/** The field errors of replacing `old` by `next`; none means the update is allowed. */
export function validatePodUpdate(next: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata);
  const ads = next.spec.activeDeadlineSeconds;
  const oldAds = old.spec.activeDeadlineSeconds;
  if (ads !== undefined && (!Number.isInteger(ads) || ads <= 0)) errs.push(invalid('spec.activeDeadlineSeconds', ads, 'must be between 1 and 2147483647, inclusive'));
  else if (oldAds !== undefined && (ads === undefined || ads > oldAds)) errs.push(invalid('spec.activeDeadlineSeconds', ads ?? null, 'must be less than or equal to previous value'));
  const oldTolerations = (old.spec.tolerations ?? []) as Toleration[];
  const tolerations = (next.spec.tolerations ?? []) as Toleration[];
  const kept = oldTolerations.every((t) => tolerations.some((u) => jsonEqual(t, u)));
  if (!jsonEqual(withMutableFieldsOf(next.spec, old.spec), old.spec) || !kept) errs.push(forbidden('spec', POD_UPDATE_FORBIDDEN));
  return errs;
}

/** What an update stores: the proposed metadata and spec, the stored status and identity. */
export function podForUpdate(next: Pod, old: Pod): Pod {
  const metadata = { ...next.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, resourceVersion: old.metadata.resourceVersion };
  delete metadata.deletionTimestamp;
  if (old.metadata.deletionTimestamp !== undefined) metadata.deletionTimestamp = old.metadata.deletionTimestamp;
  return { ...next, apiVersion: 'v1', kind: 'Pod', metadata, status: old.status };
}
