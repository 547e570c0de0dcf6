// ObjectMeta and label selectors, shared by both kinds explain knows.
import { field, type FieldDoc } from './schema';

export const labelSelectorFields: Record<string, FieldDoc> = {
  matchLabels: field(
    'map[string]string',
    'Labels a pod must carry, each key with exactly this value. All pairs must match.',
    'Pod 必须带有的标签，每个键都必须等于给定的值；所有键值对都要满足。',
  ),
  matchExpressions: field('[]Object', 'Label requirements built from a key, an operator and values. All of them must hold.', '由键、运算符和取值组成的标签条件，全部成立才算匹配。', {
    fields: {
      key: field('string', 'The label key the requirement is about.', '条件针对的标签键。', { required: true }),
      operator: field('string', 'How the key relates to the values: In, NotIn, Exists or DoesNotExist.', '键与取值的关系：In、NotIn、Exists 或 DoesNotExist。', { required: true }),
      values: field(
        '[]string',
        'The values for In and NotIn (must not be empty there); must be empty for Exists and DoesNotExist.',
        'In 和 NotIn 使用的取值（此时不能为空）；Exists 和 DoesNotExist 时必须为空。',
      ),
    },
  }),
};

export const objectMetaFields: Record<string, FieldDoc> = {
  name: field('string', 'The name of the object, unique among objects of its kind in a namespace.', '对象的名称，在同一命名空间内同类对象中唯一。'),
  generateName: field(
    'string',
    'A prefix the server completes with a random suffix when no name is given. Controllers name their pods this way.',
    '未给出名称时，由服务器在此前缀后补上随机后缀。控制器就是这样为 Pod 命名的。',
  ),
  namespace: field('string', 'The namespace the object lives in. Empty means "default".', '对象所在的命名空间，为空即 "default"。'),
  labels: field('map[string]string', 'Key/value pairs used to select and group objects. Selectors match on these.', '用于筛选和分组对象的键值对，选择器依据它们匹配。'),
  annotations: field(
    'map[string]string',
    'Key/value pairs for tools and controllers to record information; not used for selection. Kruise keeps in-place update state here.',
    '供工具和控制器记录信息的键值对，不参与筛选。Kruise 在这里记录原地升级的状态。',
  ),
  uid: field('string', 'A unique identifier the server assigns on creation; a re-created object gets a new one.', '服务器在创建时分配的唯一标识；重建的对象会得到新的 UID。'),
  resourceVersion: field('string', 'An opaque version the server changes on every write; used for optimistic concurrency and watches.', '服务器每次写入都会变化的版本号，用于乐观并发和 watch。'),
  generation: field('integer', 'A counter the server increases on every change to the spec.', '每次修改 spec 时由服务器递增的计数。'),
  creationTimestamp: field('string', 'When the object was created (RFC 3339, UTC).', '对象的创建时间（RFC 3339，UTC）。'),
  deletionTimestamp: field(
    'string',
    'Set when deletion was requested; the object is then terminating until its finalizers and grace period are done.',
    '请求删除时写入；之后对象处于终止中，直到 finalizer 和优雅期结束。',
  ),
  finalizers: field('[]string', 'Names of things that must finish before the object may be removed.', '对象被移除前必须完成的事项名称。'),
  ownerReferences: field('[]OwnerReference', 'The objects this one belongs to; the garbage collector removes it with its controller.', '此对象的所有者；垃圾回收器会随控制者一起删除它。', {
    fields: {
      apiVersion: field('string', 'API version of the owner.', '所有者的 API 版本。', { required: true }),
      kind: field('string', 'Kind of the owner.', '所有者的类型。', { required: true }),
      name: field('string', 'Name of the owner.', '所有者的名称。', { required: true }),
      uid: field('string', 'UID of the owner.', '所有者的 UID。', { required: true }),
      controller: field('boolean', 'True for the one owner that manages this object.', '管理此对象的那个所有者为 true。'),
      blockOwnerDeletion: field('boolean', 'When true, a foreground deletion of the owner waits for this object.', '为 true 时，前台删除所有者要等此对象先删除。'),
    },
  }),
};
