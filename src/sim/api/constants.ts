// Well-known label, annotation and condition names used by kruise and Kubernetes.
// SPEC §3.1, §6, §11.2, §13.

export const LABEL_CONTROLLER_REVISION_HASH = 'controller-revision-hash';
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
export const LABEL_INSTANCE_ID = 'apps.kruise.io/cloneset-instance-id';
export const LABEL_SPECIFIED_DELETE = 'apps.kruise.io/specified-delete';
export const LABEL_LIFECYCLE_STATE = 'lifecycle.apps.kruise.io/state';
export const LABEL_SCALING_EXCLUDE_PREPARING_DELETE =
  'apps.kruise.io/cloneset-scaling-exclude-preparing-delete';
export const LABEL_CONTROLLER_REVISION_HASH_KEY = 'controller.kubernetes.io/hash';

export const ANNOTATION_LIFECYCLE_TIMESTAMP = 'lifecycle.apps.kruise.io/timestamp';
export const ANNOTATION_INPLACE_UPDATE_STATE = 'apps.kruise.io/inplace-update-state';
export const ANNOTATION_INPLACE_UPDATE_GRACE = 'apps.kruise.io/inplace-update-grace';
/** Blog-era (before v0.8) names of the two annotations above. */
export const ANNOTATION_INPLACE_UPDATE_STATE_OLD = 'inplace-update-state';
export const ANNOTATION_INPLACE_UPDATE_GRACE_OLD = 'inplace-update-grace';
export const ANNOTATION_RUNTIME_CONTAINERS_META = 'apps.kruise.io/runtime-containers-meta';
export const ANNOTATION_VCT_HASH = 'kruise.io/cloneset-volumeclaimtemplate-hash';
export const ANNOTATION_POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
/** Node label naming the host (v1.LabelHostname); a spread-constraint key with its own rule (SPEC §9.2). */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export const CONDITION_READY = 'Ready';
export const CONDITION_CONTAINERS_READY = 'ContainersReady';
export const CONDITION_POD_SCHEDULED = 'PodScheduled';
export const CONDITION_INPLACE_UPDATE_READY = 'InPlaceUpdateReady';
export const CONDITION_KRUISE_POD_READY = 'KruisePodReady';

export const LIFECYCLE_STATES = [
  'PreparingNormal',
  'Normal',
  'PreparingUpdate',
  'Updating',
  'Updated',
  'PreparingDelete',
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export const CLONESET_API_VERSION = 'apps.kruise.io/v1alpha1';
export const CLONESET_KIND = 'CloneSet';
/** Instance-id alphabet of k8s.io/apimachinery's rand.String: no vowels, no 0/1/3. */
export const INSTANCE_ID_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const INSTANCE_ID_LENGTH = 5;
/** kruise's maximum for progressDeadlineSeconds meaning "never". */
export const INT32_MAX = 2147483647;

/** kruise's defaults for spec.updateStrategy.maxUnavailable and spec.revisionHistoryLimit (SPEC §1). */
export const DEFAULT_MAX_UNAVAILABLE = '20%';
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
