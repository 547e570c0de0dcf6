// The shape of a CloneSet (apps.kruise.io/v1alpha1) as a JSON Schema, without descriptions. It
// follows kruise's CRD: types, int32/int64, int-or-string fields, the required fields, and the two
// schemaless areas (spec.template and spec.volumeClaimTemplates, marked
// x-kubernetes-preserve-unknown-fields). Inside those areas the CRD checks nothing; we still
// describe the pod-template fields learners use, for completion and hover, and leave unknown keys
// allowed there (kruise's webhook drops them; the apply reports that as a notice). Elsewhere an
// unknown field is refused by the API server's strict field validation, so it is refused here.
// updateStrategy.type has no enum in the CRD; the validating webhook allows exactly three values.
// Descriptions are added per language by `cloneSetSchema` (descriptions.ts).

export interface Shape {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, Shape>;
  additionalProperties?: boolean | Shape;
  items?: Shape;
  anyOf?: Shape[];
  $ref?: string;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

const INT32_MAX = 2 ** 31 - 1;
const int32 = (minimum?: number): Shape => ({ type: 'integer', format: 'int32', maximum: INT32_MAX, ...(minimum !== undefined ? { minimum } : {}) });
const int64 = (): Shape => ({ type: 'integer', format: 'int64' });
const str = (): Shape => ({ type: 'string' });
const bool = (): Shape => ({ type: 'boolean' });
const strEnum = (...values: string[]): Shape => ({ type: 'string', enum: values });
const strMap = (): Shape => ({ type: 'object', additionalProperties: { type: 'string' } });
const list = (items: Shape): Shape => ({ type: 'array', items });
const ref = (name: string): Shape => ({ $ref: `#/definitions/${name}` });
const time = (): Shape => ({ type: 'string', format: 'date-time' });
/** A closed object: unknown keys are refused. */
const obj = (properties: Record<string, Shape>, required?: string[]): Shape => ({ type: 'object', properties, additionalProperties: false, ...(required ? { required } : {}) });
/** An object inside the schemaless pod template: unknown keys pass (the webhook drops them). */
const open = (properties: Record<string, Shape>, required?: string[]): Shape => ({ type: 'object', properties, ...(required ? { required } : {}) });

/** A number of pods or a percentage ("20%", "12.5%"): kruise reads percents as floats. */
export const PERCENT_PATTERN = '^[0-9]+(\\.[0-9]+)?%$';
const intOrPercent = (): Shape => ({ anyOf: [{ type: 'integer' }, { type: 'string', pattern: PERCENT_PATTERN }], 'x-kubernetes-int-or-string': true });
/** A port: a number or a named container port. */
const intOrName = (): Shape => ({ anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
/** A resource quantity: 100m, 0.5, 128Mi, 2. */
const quantity = (): Shape => ({ anyOf: [{ type: 'number' }, { type: 'string', pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$' }] });

const lifecycleHook = (): Shape => obj({ finalizersHandler: list(str()), labelsHandler: strMap(), markPodNotReady: bool() });
const handler = (): Shape => open({ exec: ref('ExecAction'), httpGet: ref('HTTPGetAction'), tcpSocket: ref('TCPSocketAction'), sleep: open({ seconds: int64() }, ['seconds']) });

export const DEFINITIONS: Record<string, Shape> = {
  ObjectMeta: obj({
    name: str(),
    generateName: str(),
    namespace: str(),
    labels: strMap(),
    annotations: strMap(),
    uid: str(),
    resourceVersion: str(),
    generation: int64(),
    creationTimestamp: { type: ['string', 'null'], format: 'date-time' },
    deletionTimestamp: time(),
    deletionGracePeriodSeconds: int64(),
    ownerReferences: list({ type: 'object' }),
    finalizers: list(str()),
    managedFields: list({ type: 'object' }),
    selfLink: str(),
  }),
  LabelSelector: obj({
    matchLabels: strMap(),
    matchExpressions: list(obj({ key: str(), operator: strEnum('In', 'NotIn', 'Exists', 'DoesNotExist'), values: list(str()) }, ['key', 'operator'])),
  }),
  Container: open(
    {
      name: str(),
      image: str(),
      imagePullPolicy: strEnum('Always', 'IfNotPresent', 'Never'),
      command: list(str()),
      args: list(str()),
      workingDir: str(),
      ports: list(open({ name: str(), containerPort: int32(1), protocol: strEnum('TCP', 'UDP', 'SCTP'), hostPort: int32(), hostIP: str() }, ['containerPort'])),
      env: list(ref('EnvVar')),
      resources: open({ limits: { type: 'object', additionalProperties: quantity() }, requests: { type: 'object', additionalProperties: quantity() } }),
      volumeMounts: list(open({ name: str(), mountPath: str(), readOnly: bool(), subPath: str() }, ['name', 'mountPath'])),
      readinessProbe: ref('Probe'),
      livenessProbe: ref('Probe'),
      startupProbe: ref('Probe'),
      lifecycle: open({ postStart: handler(), preStop: handler() }),
    },
    ['name'],
  ),
  EnvVar: open(
    {
      name: str(),
      value: str(),
      valueFrom: open({
        fieldRef: open({ fieldPath: str(), apiVersion: str() }, ['fieldPath']),
        configMapKeyRef: open({ name: str(), key: str(), optional: bool() }, ['key']),
        secretKeyRef: open({ name: str(), key: str(), optional: bool() }, ['key']),
        resourceFieldRef: open({ resource: str(), containerName: str(), divisor: quantity() }, ['resource']),
      }),
    },
    ['name'],
  ),
  Probe: open({
    exec: ref('ExecAction'),
    httpGet: ref('HTTPGetAction'),
    tcpSocket: ref('TCPSocketAction'),
    initialDelaySeconds: int32(0),
    periodSeconds: int32(1),
    timeoutSeconds: int32(1),
    successThreshold: int32(1),
    failureThreshold: int32(1),
    terminationGracePeriodSeconds: int64(),
  }),
  ExecAction: open({ command: list(str()) }),
  HTTPGetAction: open({ path: str(), port: intOrName(), host: str(), scheme: strEnum('HTTP', 'HTTPS'), httpHeaders: list(open({ name: str(), value: str() }, ['name', 'value'])) }, ['port']),
  TCPSocketAction: open({ port: intOrName(), host: str() }, ['port']),
  Volume: open(
    {
      name: str(),
      emptyDir: open({ medium: str(), sizeLimit: quantity() }),
      configMap: open({ name: str(), items: list({ type: 'object' }), defaultMode: int32() }),
      secret: open({ secretName: str(), items: list({ type: 'object' }), defaultMode: int32() }),
      persistentVolumeClaim: open({ claimName: str(), readOnly: bool() }, ['claimName']),
      hostPath: open({ path: str(), type: str() }, ['path']),
    },
    ['name'],
  ),
  PodTemplateSpec: {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: {
      metadata: open({ labels: strMap(), annotations: strMap(), name: str() }),
      spec: open(
        {
          containers: list(ref('Container')),
          initContainers: list(ref('Container')),
          volumes: list(ref('Volume')),
          terminationGracePeriodSeconds: int64(),
          restartPolicy: strEnum('Always', 'OnFailure', 'Never'),
          nodeSelector: strMap(),
          readinessGates: list(open({ conditionType: str() }, ['conditionType'])),
          serviceAccountName: str(),
          affinity: { type: 'object' },
          tolerations: list({ type: 'object' }),
        },
        ['containers'],
      ),
    },
  },
  PersistentVolumeClaimTemplate: {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: {
      metadata: open({ name: str(), labels: strMap(), annotations: strMap() }),
      spec: open({
        accessModes: list(strEnum('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod')),
        storageClassName: str(),
        resources: open({ requests: { type: 'object', additionalProperties: quantity() }, limits: { type: 'object', additionalProperties: quantity() } }),
        volumeMode: strEnum('Filesystem', 'Block'),
      }),
    },
  },
};

export const CLONESET_SHAPE: Shape = obj(
  {
    apiVersion: { type: 'string', enum: ['apps.kruise.io/v1alpha1'] },
    kind: { type: 'string', enum: ['CloneSet'] },
    metadata: ref('ObjectMeta'),
    spec: obj(
      {
        replicas: int32(0),
        selector: ref('LabelSelector'),
        template: ref('PodTemplateSpec'),
        volumeClaimTemplates: { type: 'array', items: ref('PersistentVolumeClaimTemplate'), 'x-kubernetes-preserve-unknown-fields': true },
        scaleStrategy: obj({ podsToDelete: list(str()), maxUnavailable: intOrPercent(), disablePVCReuse: bool() }),
        updateStrategy: obj({
          type: strEnum('ReCreate', 'InPlaceIfPossible', 'InPlaceOnly'),
          partition: intOrPercent(),
          maxUnavailable: intOrPercent(),
          maxSurge: intOrPercent(),
          paused: bool(),
          priorityStrategy: obj({
            weightPriority: list(obj({ weight: int32(), matchSelector: ref('LabelSelector') }, ['weight', 'matchSelector'])),
            orderPriority: list(obj({ orderedKey: str() }, ['orderedKey'])),
          }),
          scatterStrategy: list(obj({ key: str(), value: str() }, ['key', 'value'])),
          inPlaceUpdateStrategy: obj({
            gracePeriodSeconds: int32(0),
            imagePreDownloadParallelism: intOrPercent(),
            imagePreDownloadTimeoutSeconds: int32(),
            imagePreDownloadMinUpdatedReadyPods: int32(),
          }),
        }),
        revisionHistoryLimit: int32(0),
        minReadySeconds: int32(0),
        progressDeadlineSeconds: int32(),
        lifecycle: obj({ preDelete: lifecycleHook(), inPlaceUpdate: lifecycleHook(), preNormal: lifecycleHook() }),
      },
      ['selector', 'template'],
    ),
    status: obj(
      {
        observedGeneration: int64(),
        replicas: int32(),
        readyReplicas: int32(),
        availableReplicas: int32(),
        updatedReplicas: int32(),
        updatedReadyReplicas: int32(),
        updatedAvailableReplicas: int32(),
        expectedUpdatedReplicas: int32(),
        updateRevision: str(),
        currentRevision: str(),
        collisionCount: int32(),
        labelSelector: str(),
        conditions: list(obj({ type: str(), status: strEnum('True', 'False', 'Unknown'), reason: str(), message: str(), lastTransitionTime: time(), lastUpdateTime: time() }, ['type', 'status'])),
      },
      ['replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'updatedReadyReplicas'],
    ),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);
