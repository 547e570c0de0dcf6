// `kubectl explain clonesets`: the fields of apps.kruise.io/v1alpha1 CloneSet, described in our own
// words (English and Chinese). Types are what kubectl prints for kruise's CRD schema: int-or-string
// fields have no `type` there, so kubectl shows them as <Object>; the pod template keeps unknown
// fields and lists no sub-fields.
import { field, type FieldDoc, type ResourceDoc } from './schema';
import { labelSelectorFields, objectMetaFields } from './meta';

const intOrString = (en: string, zh: string): FieldDoc => field('Object', en, zh);

const hookFields: Record<string, FieldDoc> = {
  labelsHandler: field('map[string]string', 'While any of these labels is on the pod, the hook holds the pod in this lifecycle state.', '只要 Pod 上还有这些标签中的任何一个，钩子就让 Pod 停留在此生命周期状态。'),
  finalizersHandler: field('[]string', 'While any of these finalizers is on the pod, the hook holds the pod in this lifecycle state.', '只要 Pod 上还有这些 finalizer 中的任何一个，钩子就让 Pod 停留在此生命周期状态。'),
  markPodNotReady: field('boolean', 'Set the KruisePodReady condition to False while the pod is held, so traffic is drained first.', '在 Pod 被挂起期间把 KruisePodReady 条件置为 False，先摘掉流量。'),
};

const hook = (en: string, zh: string) => field('Object', en, zh, { fields: hookFields });

const specFields: Record<string, FieldDoc> = {
  replicas: field('integer', 'How many pods the CloneSet should run. Defaults to 1.', 'CloneSet 期望运行的 Pod 数量，默认 1。'),
  selector: field('Object', 'Which pods belong to this CloneSet. It must match the template labels and cannot be changed later.', '哪些 Pod 属于此 CloneSet。必须与模板标签匹配，创建后不可修改。', {
    required: true,
    fields: labelSelectorFields,
  }),
  template: field(
    'Object',
    'The pod template new pods are created from. Changing it creates a new revision and starts an update, in place when only images (or labels and annotations) changed and the strategy allows it.',
    '创建新 Pod 使用的模板。修改它会产生新版本并开始升级；若只改了镜像（或标签、注解）且策略允许，则原地升级。',
    { required: true },
  ),
  volumeClaimTemplates: field(
    '[]Object',
    'Claims to create for each pod, named <template>-<pod name>. An in-place update keeps them; a recreated pod gets new ones unless a claim with its instance id can be reused.',
    '为每个 Pod 创建的存储卷声明，命名为 <模板名>-<Pod 名>。原地升级会保留它们；重建的 Pod 会得到新的声明，除非能复用同一实例 ID 的旧声明。',
  ),
  scaleStrategy: field('Object', 'How the CloneSet scales: which pods to delete first and how fast to add pods.', '扩缩容策略：优先删除哪些 Pod，以及扩容的速度。', {
    fields: {
      podsToDelete: field(
        '[]string',
        'Names of pods to delete first. With replicas lowered at the same time, exactly these go; otherwise each is replaced by a new pod. The controller removes names of pods that are gone.',
        '优先删除的 Pod 名称。若同时调低 replicas，就删除这些 Pod；否则每个被删的 Pod 都会由新 Pod 替代。控制器会清除已不存在的 Pod 名称。',
      ),
      maxUnavailable: intOrString(
        'Limits scale-up: no new pods are created while this many (or this percentage of replicas) are not yet available. Unset means no limit.',
        '限制扩容速度：当未就绪的 Pod 达到这个数量（或副本数的百分比）时暂停创建新 Pod。不设置表示不限制。',
      ),
      disablePVCReuse: field(
        'boolean',
        'Do not reuse the claims of a deleted pod for its replacement; delete them and create new ones.',
        '不为替代 Pod 复用被删 Pod 的存储卷声明，而是删除旧声明并新建。',
      ),
    },
  }),
  updateStrategy: field('Object', 'How pods are moved to a new revision of the template: in place or by recreating, how many at a time, and how many stay behind.', '如何把 Pod 升级到模板的新版本：原地还是重建、每次多少个、保留多少个旧版本。', {
    fields: {
      type: field(
        'string',
        'ReCreate (default) deletes and recreates pods; InPlaceIfPossible updates in place when only images or metadata changed, else recreates; InPlaceOnly never recreates.',
        'ReCreate（默认）删除并重建 Pod；InPlaceIfPossible 在只改镜像或元数据时原地升级，否则重建；InPlaceOnly 从不重建。',
      ),
      partition: intOrString(
        'How many pods (or what percentage of replicas) to keep at old revisions. 0 (default) updates all of them; lowering it step by step gives a canary release.',
        '保留在旧版本的 Pod 数量（或副本数的百分比）。默认 0 表示全部升级；逐步调小即可实现灰度发布。',
      ),
      maxUnavailable: intOrString(
        'How many pods (or what percentage, default 20%) may be unavailable because of the update at the same time.',
        '升级期间同时不可用的 Pod 最多有多少个（或百分比，默认 20%）。',
      ),
      maxSurge: intOrString(
        'How many extra pods (or what percentage) above replicas may be created during an update. Default 0.',
        '升级期间允许超出 replicas 多创建的 Pod 数量（或百分比），默认 0。',
      ),
      paused: field(
        'boolean',
        'Stop starting new pod updates. Scaling still happens, and new pods may still get the update revision.',
        '暂停发起新的 Pod 升级。扩缩容照常进行，新建的 Pod 仍可能使用新版本。',
      ),
      priorityStrategy: field('Object', 'The order in which pods are updated: by weighted selectors or by a number in a label.', 'Pod 的升级顺序：按带权重的选择器，或按标签中的数值。', {
        fields: {
          weightPriority: field('[]Object', 'Pods matching a heavier selector are updated first.', '匹配权重更大选择器的 Pod 先升级。', {
            fields: {
              weight: field('integer', 'The weight of this term, 0 to 100.', '该项的权重，0 到 100。', { required: true }),
              matchSelector: field('Object', 'The pods this weight applies to.', '此权重适用的 Pod。', { required: true, fields: labelSelectorFields }),
            },
          }),
          orderPriority: field('[]Object', 'Pods with a larger number in the given label are updated first.', '给定标签中数值更大的 Pod 先升级。', {
            fields: { orderedKey: field('string', 'The label whose value orders the pods.', '其值决定顺序的标签。', { required: true }) },
          }),
        },
      }),
      scatterStrategy: field('[]Object', 'Spread pods with these labels evenly through the update order instead of updating them together.', '把带有这些标签的 Pod 在升级顺序中均匀打散，而不是集中升级。', {
        fields: {
          key: field('string', 'The label key.', '标签键。', { required: true }),
          value: field('string', 'The label value.', '标签值。', { required: true }),
        },
      }),
      inPlaceUpdateStrategy: field('Object', 'Settings of in-place updates.', '原地升级的设置。', {
        fields: {
          gracePeriodSeconds: field(
            'integer',
            'Seconds between marking a pod not ready and actually changing its images, so traffic can drain first.',
            '从把 Pod 标记为未就绪到真正替换镜像之间等待的秒数，让流量先摘除。',
          ),
        },
      }),
    },
  }),
  revisionHistoryLimit: field('integer', 'How many old ControllerRevisions to keep. Defaults to 10.', '保留的旧 ControllerRevision 数量，默认 10。'),
  minReadySeconds: field('integer', 'How long a new pod must be ready before it counts as available. Defaults to 0.', '新 Pod 就绪后需持续多久才算可用，默认 0。'),
  lifecycle: field('Object', 'Hooks that hold pods in a lifecycle state until other tools have done their part.', '生命周期钩子：让 Pod 停留在某个状态，直到其他工具完成它们的工作。', {
    fields: {
      preDelete: hook('Holds a pod in PreparingDelete before it is deleted.', '删除前让 Pod 停留在 PreparingDelete 状态。'),
      inPlaceUpdate: hook('Holds a pod in PreparingUpdate before an in-place update, and in Updated after it.', '原地升级前让 Pod 停留在 PreparingUpdate，升级后停留在 Updated。'),
      preNormal: hook('Holds a new pod in PreparingNormal until the hook is satisfied.', '让新 Pod 停留在 PreparingNormal，直到钩子条件满足。'),
    },
  }),
  progressDeadlineSeconds: field(
    'integer',
    'How long a rollout may make no progress before the Progressing condition reports it. Unset means no Progressing condition.',
    '发布在多久没有进展后由 Progressing 条件报告出来。不设置则没有 Progressing 条件。',
  ),
};

const count = (en: string, zh: string, required = false) => field('integer', en, zh, { required });

const statusFields: Record<string, FieldDoc> = {
  observedGeneration: count('The spec generation the controller last acted on.', '控制器最近一次处理的 spec 版本（generation）。'),
  replicas: count('Pods the CloneSet has (not terminating).', 'CloneSet 拥有的 Pod 数（不含终止中的）。', true),
  readyReplicas: count('Pods that are ready.', '已就绪的 Pod 数。', true),
  availableReplicas: count('Pods that have been ready for at least minReadySeconds.', '已就绪且持续至少 minReadySeconds 的 Pod 数。', true),
  updatedReplicas: count('Pods at the update revision.', '处于新版本（updateRevision）的 Pod 数。', true),
  updatedReadyReplicas: count('Pods at the update revision that are ready.', '处于新版本且已就绪的 Pod 数。', true),
  updatedAvailableReplicas: count('Pods at the update revision that are available.', '处于新版本且可用的 Pod 数。'),
  expectedUpdatedReplicas: count('How many pods should end up at the update revision: replicas minus the partition.', '最终应处于新版本的 Pod 数：replicas 减去 partition。'),
  updateRevision: field('string', 'The revision built from the current template.', '由当前模板生成的版本。'),
  currentRevision: field('string', 'The revision all pods were at when the last update completed.', '上一次升级完成时所有 Pod 所处的版本。'),
  collisionCount: count('Counts hash collisions of revision names; mixed into the next hash.', '版本名哈希冲突的次数，会参与下一次哈希计算。'),
  conditions: field('[]Object', 'Observations of the CloneSet: FailedScale, FailedUpdate, Progressing.', 'CloneSet 的状况：FailedScale、FailedUpdate、Progressing。', {
    fields: {
      type: field('string', 'The kind of condition.', '状况的类型。', { required: true }),
      status: field('string', 'True, False or Unknown.', 'True、False 或 Unknown。', { required: true }),
      lastUpdateTime: field('string', 'When the condition was last written.', '状况最后一次写入的时间。'),
      lastTransitionTime: field('string', 'When the status last changed.', 'status 最后一次变化的时间。'),
      reason: field('string', 'A one-word reason for the last change.', '最后一次变化的简短原因。'),
      message: field('string', 'Details for people.', '给人看的详细信息。'),
    },
  }),
  labelSelector: field('string', 'The selector as text, for the scale subresource (used by kubectl scale and autoscalers).', '文本形式的选择器，供 scale 子资源使用（kubectl scale 和自动扩缩容会用到）。'),
};

export const cloneSetDoc: ResourceDoc = {
  group: 'apps.kruise.io',
  kind: 'CloneSet',
  version: 'v1alpha1',
  en: 'CloneSet runs a set of identical pods and updates them to new templates in place or by recreating, in batches you control.',
  zh: 'CloneSet 管理一组相同的 Pod，并按你控制的批次把它们原地或重建升级到新模板。',
  fields: {
    apiVersion: field('string', 'The versioned schema of this object: apps.kruise.io/v1alpha1.', '此对象的版本化模式：apps.kruise.io/v1alpha1。'),
    kind: field('string', 'The type of this object: CloneSet.', '此对象的类型：CloneSet。'),
    metadata: field('ObjectMeta', "The object's name, labels, annotations and other metadata.", '对象的名称、标签、注解等元数据。', { fields: objectMetaFields }),
    spec: field('Object', 'The desired state of the CloneSet.', 'CloneSet 的期望状态。', { fields: specFields }),
    status: field('Object', 'The observed state of the CloneSet, written by the controller.', 'CloneSet 的观测状态，由控制器写入。', { fields: statusFields }),
  },
};
