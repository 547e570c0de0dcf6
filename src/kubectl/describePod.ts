// `kubectl describe pod`: kubectl's describePod layout (pkg/describe), field by field for what a
// simulated pod holds: node, start time, labels, annotations, status, IPs, controller, containers
// with State / Last State / Ready / Restart Count, readiness gates, conditions, volumes, QoS,
// tolerations, and the pod's events.
import type { Container, ContainerState, ContainerStatus, EnvVar, KubeEvent, Pod, PodTemplateSpec, Probe, Volume } from '../sim/api/types';
import { getPodQOS } from '../sim/controller/podQos';
import { PrefixWriter } from './describeWriter';
import { ageSince, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './describeCommon';

const printBool = (b: boolean) => (b ? 'True' : 'False');

function describeStatus(w: PrefixWriter, stateName: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${stateName}:\tRunning\n`);
    w.write(3, `Started:\t${state.running.startedAt === undefined ? '' : rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    w.write(3, `Started:\t${t.startedAt === undefined ? '' : rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${t.finishedAt === undefined ? '' : rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${stateName}:\tWaiting\n`);
}

function portsText(c: Container, host: boolean): string {
  return (c.ports ?? [])
    .map((p) => {
      const port = host ? Number(p.hostPort ?? 0) : p.containerPort;
      const text = `${port}/${p.protocol ?? 'TCP'}`;
      return p.name ? `${text} (${p.name})` : text;
    })
    .join(', ');
}

function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  const httpGet = p.httpGet as { path?: string; port?: number | string; host?: string; scheme?: string } | undefined;
  const tcp = p.tcpSocket as { port?: number | string; host?: string } | undefined;
  const exec = p.exec as { command?: string[] } | undefined;
  if (exec) return `exec [${(exec.command ?? []).join(' ')}] ${attrs}`;
  if (httpGet) return `http-get ${(httpGet.scheme ?? 'HTTP').toLowerCase()}://${httpGet.host ?? ''}:${httpGet.port ?? ''}${httpGet.path ?? ''} ${attrs}`;
  if (tcp) return `tcp-socket ${tcp.host ?? ''}:${tcp.port ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** EnvValueRetriever: what a downward-API variable resolves to in this pod. */
function envValueFrom(pod: Pod, e: EnvVar): string {
  const path = e.valueFrom?.fieldRef?.fieldPath ?? '';
  const label = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (label) return (label[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[label[2]] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName as string | undefined,
    'status.hostIP': pod.status.hostIP,
    'status.podIP': pod.status.podIP,
  };
  return values[path] ?? '';
}

function describeContainer(w: PrefixWriter, pod: Pod | undefined, c: Container, status: ContainerStatus | undefined, space = ''): void {
  w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
  const ports = portsText(c, false);
  w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portsText(c, true);
  w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
  if (c.command?.length) {
    w.write(2, 'Command:\n');
    for (const s of c.command.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
  }
  if (c.args?.length) {
    w.write(2, 'Args:\n');
    for (const s of c.args.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
  }
  if (status) {
    describeStatus(w, 'State', status.state);
    if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
    w.write(2, `Ready:\t${printBool(status.ready)}\n`);
    w.write(2, `Restart Count:\t${status.restartCount}\n`);
  }
  for (const [title, list] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(2, `${title}:\n`);
    for (const n of names) w.write(3, `${n}:\t${list?.[n]}\n`);
  }
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) w.write(3, `${e.name}:\t${pod ? envValueFrom(pod, e) : ''} (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
    else if (!e.valueFrom) (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path="${String(m.subPath)}"`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space = ''): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) describeVolume(w, v, space);
}

function describeVolume(w: PrefixWriter, v: Volume, space: string): void {
  w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
  if (v.persistentVolumeClaim) {
    w.write(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}\n`,
    );
  } else if (v.emptyDir) {
    const e = v.emptyDir as { medium?: string; sizeLimit?: string };
    w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${e.medium ?? ''}\n    SizeLimit:\t${e.sizeLimit ?? '<unset>'}\n`);
  } else if (v.configMap) {
    const cm = v.configMap as { name?: string; optional?: boolean };
    w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name ?? ''}\n    Optional:\t${cm.optional ?? false}\n`);
  } else w.write(1, '<unknown>\n');
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function describeTolerations(w: PrefixWriter, tolerations: Toleration[], title = 'Tolerations'): void {
  w.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  tolerations.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** DescribePodTemplate: a template's labels, containers and volumes, indented under `Pod Template:`. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec): void {
  w.write(0, 'Pod Template:\n');
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, `  Containers:${spec.containers.length ? '' : ' <none>'}\n`);
  for (const c of spec.containers) describeContainer(w, undefined, c, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector as Record<string, string> | undefined);
  describeTolerations(w, (spec.tolerations as Toleration[] | undefined) ?? [], '  Tolerations');
}

export function describePod(pod: Pod, events: readonly KubeEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const { metadata: m, spec, status } = pod;
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? 'default'}\n`);
  if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', m.labels);
  printAnnotationsMultiline(w, 'Annotations', m.annotations);
  if (m.deletionTimestamp !== undefined && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${ageSince(m.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${spec.terminationGracePeriodSeconds ?? 30}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (status.podIP) {
    w.write(0, 'IPs:\n');
    w.write(1, `IP:\t${status.podIP}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  const owner = m.ownerReferences?.find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  const statuses = new Map((status.containerStatuses ?? []).map((s) => [s.name, s]));
  w.write(0, `Containers:${spec.containers.length ? '' : ' <none>'}\n`);
  for (const c of spec.containers) describeContainer(w, pod, c, statuses.get(c.name));
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const found = status.conditions?.find((c) => c.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${found?.status ?? '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes);
  w.write(0, `QoS Class:\t${getPodQOS(spec)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector as Record<string, string> | undefined);
  describeTolerations(w, (spec.tolerations as Toleration[] | undefined) ?? []);
  describeEvents(w, events, now);
  return w.toString();
}
