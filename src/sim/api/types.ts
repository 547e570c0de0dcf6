// Object types of the simulated cluster, shaped like their Kubernetes / kruise counterparts
// (apps.kruise.io/v1alpha1 CloneSet, core/v1 Pod, PVC, Node, Event, apps/v1 ControllerRevision).
// Times are virtual seconds since the cluster started (never wall-clock time); printers turn them
// into RFC 3339 strings or kubectl ages.

/** A Kubernetes int-or-string: `3` or `"40%"`. */
export type IntOrString = number | string;

export type Labels = Record<string, string>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  /** Virtual seconds. */
  creationTimestamp?: number;
  /** Virtual seconds; set = terminating. */
  deletionTimestamp?: number;
  labels?: Labels;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    [k: string]: unknown;
  };
}

export interface ResourceRequirements {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  [k: string]: unknown;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never' | string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number; protocol?: string; [k: string]: unknown }[];
  resources?: ResourceRequirements;
  volumeMounts?: { name: string; mountPath: string; [k: string]: unknown }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  [k: string]: unknown;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [k: string]: unknown;
}

export interface TopologySpreadConstraint {
  maxSkew?: number;
  topologyKey: string;
  whenUnsatisfiable?: string;
  labelSelector?: LabelSelector;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  nodeName?: string;
  restartPolicy?: string;
  dnsPolicy?: string;
  schedulerName?: string;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  securityContext?: Record<string, unknown>;
  readinessGates?: { conditionType: string }[];
  topologySpreadConstraints?: TopologySpreadConstraint[];
  [k: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: Partial<ObjectMeta>;
  spec: PodSpec;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface PodCondition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  /** Virtual seconds. */
  lastTransitionTime?: number;
  lastProbeTime?: number;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: number };
  terminated?: { reason?: string; exitCode: number; startedAt?: number; finishedAt?: number };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase?: PodPhase;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  podIP?: string;
  hostIP?: string;
  startTime?: number;
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  resources?: ResourceRequirements;
  storageClassName?: string;
  volumeMode?: string;
  [k: string]: unknown;
}

export interface PersistentVolumeClaim {
  apiVersion: 'v1';
  kind: 'PersistentVolumeClaim';
  metadata: ObjectMeta;
  spec: PersistentVolumeClaimSpec;
  status: { phase?: 'Pending' | 'Bound' | 'Lost'; capacity?: Record<string, string> };
}

export interface Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: { unschedulable?: boolean };
  status: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: PodCondition[];
    addresses?: { type: string; address: string }[];
  };
}

export interface ControllerRevision {
  apiVersion: 'apps/v1';
  kind: 'ControllerRevision';
  metadata: ObjectMeta;
  /** `{"spec":{"template":{"$patch":"replace", …template…}}}` */
  data: { spec: { template: PodTemplateSpec & { $patch?: 'replace' } } };
  revision: number;
}

/** A lifecycle hook (apis/apps/pub/lifecycle.go). */
export interface LifecycleHook {
  labelsHandler?: Labels;
  finalizersHandler?: string[];
  markPodNotReady?: boolean;
}

export interface Lifecycle {
  preDelete?: LifecycleHook;
  inPlaceUpdate?: LifecycleHook;
  preNormal?: LifecycleHook;
}

export interface UpdatePriorityWeightTerm {
  weight: number;
  matchSelector: LabelSelector;
}

export interface UpdatePriorityOrderTerm {
  orderedKey: string;
}

export interface UpdatePriorityStrategy {
  weightPriority?: UpdatePriorityWeightTerm[];
  orderPriority?: UpdatePriorityOrderTerm[];
}

export interface UpdateScatterTerm {
  key: string;
  value: string;
}

export type CloneSetUpdateStrategyType = 'ReCreate' | 'InPlaceIfPossible' | 'InPlaceOnly' | 'OnDelete';

export interface CloneSetUpdateStrategy {
  type?: CloneSetUpdateStrategyType | string;
  partition?: IntOrString;
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
  paused?: boolean;
  priorityStrategy?: UpdatePriorityStrategy;
  scatterStrategy?: UpdateScatterTerm[];
  inPlaceUpdateStrategy?: { gracePeriodSeconds?: number };
}

export interface CloneSetScaleStrategy {
  podsToDelete?: string[];
  maxUnavailable?: IntOrString;
  disablePVCReuse?: boolean;
}

export interface VolumeClaimTemplate {
  metadata: Partial<ObjectMeta> & { name: string };
  spec: PersistentVolumeClaimSpec;
  /** The webhook's PVC defaulting writes `{phase: Pending}` here (SPEC §1). */
  status?: { phase?: string; [k: string]: unknown };
}

export interface CloneSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: VolumeClaimTemplate[];
  scaleStrategy?: CloneSetScaleStrategy;
  updateStrategy?: CloneSetUpdateStrategy;
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  lifecycle?: Lifecycle;
  progressDeadlineSeconds?: number;
}

export interface CloneSetCondition {
  type: 'FailedScale' | 'FailedUpdate' | 'Progressing' | string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: number;
  lastUpdateTime?: number;
}

export interface CloneSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  updatedReadyReplicas?: number;
  updatedAvailableReplicas?: number;
  expectedUpdatedReplicas?: number;
  updateRevision?: string;
  currentRevision?: string;
  collisionCount?: number;
  conditions?: CloneSetCondition[];
  labelSelector?: string;
}

export interface CloneSet {
  apiVersion: 'apps.kruise.io/v1alpha1';
  kind: 'CloneSet';
  metadata: ObjectMeta;
  spec: CloneSetSpec;
  status?: CloneSetStatus;
}

export interface KubeEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: { component: string; host?: string };
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
}
