// `kubectl explain pods`: the core/v1 Pod fields a CloneSet's pods use, described in our own words
// (English and Chinese). Types are what kubectl prints for the built-in schema (named types such
// as <PodSpec>, <[]Container>).
import { field, type FieldDoc, type ResourceDoc } from './schema';
import { objectMetaFields } from './meta';

const probeFields: Record<string, FieldDoc> = {
  httpGet: field('HTTPGetAction', 'Probe by an HTTP GET; any status from 200 to 399 is a success.', '通过 HTTP GET 探测；返回 200 到 399 即成功。'),
  tcpSocket: field('TCPSocketAction', 'Probe by opening a TCP connection.', '通过建立 TCP 连接探测。'),
  exec: field('ExecAction', 'Probe by running a command in the container; exit code 0 is a success.', '在容器内执行命令探测；退出码 0 即成功。'),
  initialDelaySeconds: field('integer', 'Seconds after the container starts before the first probe.', '容器启动后多少秒开始第一次探测。'),
  periodSeconds: field('integer', 'Seconds between probes. Default 10.', '两次探测的间隔秒数，默认 10。'),
  timeoutSeconds: field('integer', 'Seconds before a probe times out. Default 1.', '单次探测的超时秒数，默认 1。'),
  successThreshold: field('integer', 'Successes in a row needed after a failure. Default 1.', '失败后需要连续成功的次数，默认 1。'),
  failureThreshold: field('integer', 'Failures in a row before giving up. Default 3.', '连续失败多少次后判定失败，默认 3。'),
};

const containerFields: Record<string, FieldDoc> = {
  name: field('string', 'The container name, unique within the pod.', '容器名称，在 Pod 内唯一。', { required: true }),
  image: field(
    'string',
    'The container image. Changing only this is what CloneSet can update in place: the kubelet restarts the container with the new image.',
    '容器镜像。只修改镜像正是 CloneSet 可以原地升级的情形：kubelet 用新镜像重启该容器。',
  ),
  imagePullPolicy: field('string', 'When to pull the image: Always, IfNotPresent or Never. Defaults to Always for :latest or untagged images, else IfNotPresent.', '何时拉取镜像：Always、IfNotPresent 或 Never。:latest 或未写标签时默认 Always，否则 IfNotPresent。', {
    enum: ['Always', 'IfNotPresent', 'Never'],
  }),
  command: field('[]string', "The entrypoint, replacing the image's ENTRYPOINT.", '入口命令，替代镜像的 ENTRYPOINT。'),
  args: field('[]string', "Arguments to the entrypoint, replacing the image's CMD.", '入口命令的参数，替代镜像的 CMD。'),
  env: field('[]EnvVar', 'Environment variables. Changing them cannot be done in place: the pod is recreated.', '环境变量。修改它们无法原地完成，Pod 会被重建。', {
    fields: {
      name: field('string', 'The variable name.', '变量名。', { required: true }),
      value: field('string', 'The value.', '取值。'),
      valueFrom: field('EnvVarSource', 'Where to read the value from, e.g. a field of the pod.', '值的来源，例如 Pod 的某个字段。'),
    },
  }),
  ports: field('[]ContainerPort', 'Ports the container listens on (informational).', '容器监听的端口（仅作说明）。', {
    fields: {
      containerPort: field('integer', 'The port number.', '端口号。', { required: true }),
      name: field('string', 'A name for the port.', '端口名称。'),
      protocol: field('string', 'TCP (default), UDP or SCTP.', 'TCP（默认）、UDP 或 SCTP。', { enum: ['SCTP', 'TCP', 'UDP'] }),
    },
  }),
  resources: field('ResourceRequirements', 'CPU and memory the container requests and may at most use.', '容器请求的以及最多可使用的 CPU 和内存。', {
    fields: {
      requests: field('map[string]Quantity', 'What the scheduler reserves for the container.', '调度器为容器预留的资源。'),
      limits: field('map[string]Quantity', 'The most the container may use.', '容器最多可使用的资源。'),
    },
  }),
  volumeMounts: field('[]VolumeMount', "Where the pod's volumes appear in the container.", 'Pod 的卷在容器中的挂载位置。', {
    fields: {
      name: field('string', 'The volume to mount.', '要挂载的卷。', { required: true }),
      mountPath: field('string', 'The path in the container.', '容器内的路径。', { required: true }),
      readOnly: field('boolean', 'Mount read-only.', '以只读方式挂载。'),
    },
  }),
  readinessProbe: field('Probe', 'Decides when the container is ready to receive traffic.', '判断容器何时可以接收流量。', { fields: probeFields }),
  livenessProbe: field('Probe', 'Restarts the container when it fails.', '探测失败时重启容器。', { fields: probeFields }),
};

const specFields: Record<string, FieldDoc> = {
  containers: field('[]Container', 'The containers of the pod. There must be at least one.', 'Pod 中的容器，至少一个。', { required: true, fields: containerFields }),
  initContainers: field('[]Container', 'Containers that run to completion, one after another, before the others start.', '在其他容器启动前依次运行至结束的容器。', { fields: containerFields }),
  volumes: field('[]Volume', 'Volumes the containers can mount, e.g. a PersistentVolumeClaim.', '容器可挂载的卷，例如 PersistentVolumeClaim。', {
    fields: {
      name: field('string', 'The volume name, referenced by volumeMounts.', '卷名，由 volumeMounts 引用。', { required: true }),
      persistentVolumeClaim: field('PersistentVolumeClaimVolumeSource', 'Mount a claim in the same namespace.', '挂载同一命名空间中的存储卷声明。'),
      emptyDir: field('EmptyDirVolumeSource', 'A scratch directory that lives as long as the pod.', '与 Pod 同生命周期的临时目录。'),
      configMap: field('ConfigMapVolumeSource', 'Files from a ConfigMap.', '来自 ConfigMap 的文件。'),
    },
  }),
  nodeName: field('string', 'The node the pod runs on, set by the scheduler.', 'Pod 所在的节点，由调度器设置。'),
  nodeSelector: field('map[string]string', 'Labels a node must have for the pod to be scheduled there.', '节点必须具有的标签，Pod 才会被调度到该节点。'),
  restartPolicy: field('string', 'When the kubelet restarts containers that exit: Always (default), OnFailure or Never.', '容器退出后 kubelet 何时重启它：Always（默认）、OnFailure 或 Never。', {
    enum: ['Always', 'Never', 'OnFailure'],
  }),
  terminationGracePeriodSeconds: field('integer', 'Seconds a deleted pod gets to stop before it is killed. Default 30.', '被删除的 Pod 在被强制杀死前可用于停止的秒数，默认 30。'),
  readinessGates: field('[]PodReadinessGate', 'Extra conditions that must be True for the pod to be ready. Kruise adds InPlaceUpdateReady so it can take a pod out of service before updating it in place.', 'Pod 就绪还需满足的额外条件。Kruise 会加入 InPlaceUpdateReady，以便原地升级前先让 Pod 下线。', {
    fields: { conditionType: field('string', 'The condition type to wait for.', '要等待的条件类型。', { required: true }) },
  }),
  schedulerName: field('string', 'The scheduler that places the pod. Default "default-scheduler".', '负责调度 Pod 的调度器，默认 "default-scheduler"。'),
  dnsPolicy: field('string', 'How DNS is set up for the pod. Default ClusterFirst.', 'Pod 的 DNS 配置方式，默认 ClusterFirst。', { enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] }),
  tolerations: field('[]Toleration', 'Taints of nodes the pod tolerates.', 'Pod 能容忍的节点污点。'),
  topologySpreadConstraints: field('[]TopologySpreadConstraint', 'How to spread the pods of a group across zones or nodes.', '如何把一组 Pod 分散到不同可用区或节点。'),
  securityContext: field('PodSecurityContext', 'Security settings for all containers of the pod.', '对 Pod 中所有容器生效的安全设置。'),
};

const statusFields: Record<string, FieldDoc> = {
  phase: field('string', 'A summary of where the pod is in its life: Pending, Running, Succeeded, Failed or Unknown.', 'Pod 生命周期的概要：Pending、Running、Succeeded、Failed 或 Unknown。', {
    enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
  }),
  conditions: field('[]PodCondition', 'PodScheduled, Initialized, ContainersReady, Ready and readiness gates such as InPlaceUpdateReady.', 'PodScheduled、Initialized、ContainersReady、Ready，以及 InPlaceUpdateReady 等就绪门控条件。', {
    fields: {
      type: field('string', 'The condition type.', '条件类型。', { required: true }),
      status: field('string', 'True, False or Unknown.', 'True、False 或 Unknown。', { required: true }),
      lastTransitionTime: field('Time', 'When the status last changed.', 'status 最后一次变化的时间。'),
      reason: field('string', 'A one-word reason.', '简短原因。'),
      message: field('string', 'Details for people.', '给人看的详细信息。'),
    },
  }),
  containerStatuses: field('[]ContainerStatus', 'One entry per container: its state, the state before, readiness and restarts. An in-place update shows as a restart.', '每个容器一项：当前状态、上一次状态、是否就绪和重启次数。原地升级表现为一次重启。', {
    fields: {
      name: field('string', 'The container name.', '容器名称。', { required: true }),
      state: field('ContainerState', 'waiting, running or terminated.', 'waiting、running 或 terminated。'),
      lastState: field('ContainerState', 'How the previous instance of the container ended.', '容器上一个实例是如何结束的。'),
      ready: field('boolean', 'Whether the container passes its readiness probe.', '容器是否通过就绪探测。', { required: true }),
      restartCount: field('integer', 'How many times the container was restarted (including in-place updates).', '容器重启的次数（包括原地升级）。', { required: true }),
      image: field('string', 'The image the container runs.', '容器正在运行的镜像。', { required: true }),
      imageID: field('string', 'The digest of that image.', '该镜像的摘要。', { required: true }),
      containerID: field('string', 'The runtime ID of the current instance.', '当前实例在容器运行时中的 ID。'),
    },
  }),
  podIP: field('string', 'The IP address of the pod. An in-place update keeps it.', 'Pod 的 IP 地址，原地升级不会改变它。'),
  hostIP: field('string', "The IP address of the pod's node.", 'Pod 所在节点的 IP 地址。'),
  startTime: field('Time', 'When the kubelet acknowledged the pod.', 'kubelet 接收该 Pod 的时间。'),
};

export const podDoc: ResourceDoc = {
  group: '',
  kind: 'Pod',
  version: 'v1',
  en: 'Pod is a group of containers that run together on one node and share its network address and volumes.',
  zh: 'Pod 是一组一起运行在同一节点上、共享网络地址和存储卷的容器。',
  fields: {
    apiVersion: field('string', 'The versioned schema of this object: v1.', '此对象的版本化模式：v1。'),
    kind: field('string', 'The type of this object: Pod.', '此对象的类型：Pod。'),
    metadata: field('ObjectMeta', "The pod's name, labels, annotations and owner.", 'Pod 的名称、标签、注解和所有者。', { fields: objectMetaFields }),
    spec: field('PodSpec', 'What the pod should run.', 'Pod 应当运行的内容。', { fields: specFields }),
    status: field('PodStatus', 'What the kubelet last reported about the pod.', 'kubelet 最近一次报告的 Pod 状态。', { fields: statusFields }),
  },
};
