// `kubectl describe pvc` and `kubectl describe node` in kubectl's layout. The simulated node has
// no kubelet-reported system info; the values shown there are derived from the node itself.
import type { KubeEvent, Node, PersistentVolumeClaim, Pod } from '../sim/api/types';
import { parseQuantity } from '../sim/api/quantity';
import { hex64 } from '../sim/node/ids';
import { PrefixWriter } from './describeWriter';
import { ageSince, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './describeCommon';
import { SERVER_GIT_VERSION } from './info';

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** The volume a bound claim is bound to: the provisioner names it after the claim's UID. */
export function volumeNameOf(pvc: PersistentVolumeClaim): string {
  const named = pvc.spec.volumeName;
  if (typeof named === 'string') return named;
  return pvc.status.phase === 'Bound' && pvc.metadata.uid ? `pvc-${pvc.metadata.uid}` : '';
}

export function describePvc(pvc: PersistentVolumeClaim, pods: readonly Pod[], events: readonly KubeEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = pvc.metadata;
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? 'default'}\n`);
  w.write(0, `StorageClass:\t${pvc.spec.storageClassName ?? ''}\n`);
  w.write(0, m.deletionTimestamp !== undefined ? `Status:\tTerminating (lasts ${ageSince(m.deletionTimestamp, now)})\n` : `Status:\t${pvc.status.phase ?? ''}\n`);
  const volume = volumeNameOf(pvc);
  w.write(0, `Volume:\t${volume}\n`);
  printLabelsMultiline(w, 'Labels', m.labels);
  printAnnotationsMultiline(w, 'Annotations', m.annotations);
  w.write(0, `Finalizers:\t[${(m.finalizers ?? []).join(' ')}]\n`);
  const bound = volume !== '';
  w.write(0, `Capacity:\t${bound ? (pvc.status.capacity?.storage ?? '') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? (pvc.spec.accessModes ?? []).map((a) => ACCESS_MODES[a] ?? a).join(',') : ''}\n`);
  if (pvc.spec.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const users = pods.filter((p) => p.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === m.name)).map((p) => p.metadata.name);
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  users.sort().forEach((name, i) => w.write(0, i === 0 ? `${name}\n` : `\t${name}\n`));
  describeEvents(w, events, now);
  return w.toString();
}

/** Sum of a resource over the pods' containers, in nano-units. */
function podsTotal(pods: readonly Pod[], kind: 'requests' | 'limits', resource: string): bigint {
  let total = 0n;
  for (const p of pods) {
    for (const c of p.spec.containers) {
      const q = c.resources?.[kind]?.[resource];
      if (q !== undefined) total += parseQuantity(q);
    }
  }
  return total;
}

/** A nano-unit amount as Quantity.String() writes the common cases: 0, 500m, 2, 128Mi. */
function quantityText(nano: bigint, resource: string): string {
  if (nano === 0n) return '0';
  if (resource === 'cpu') return nano % 1_000_000_000n === 0n ? String(nano / 1_000_000_000n) : `${(nano + 999_999n) / 1_000_000n}m`;
  const bytes = (nano + 999_999_999n) / 1_000_000_000n;
  for (const [suffix, size] of [
    ['Gi', 1024n ** 3n],
    ['Mi', 1024n ** 2n],
    ['Ki', 1024n],
  ] as const) {
    if (bytes % size === 0n) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

function share(nano: bigint, allocatable: string | undefined): string {
  const all = allocatable ? parseQuantity(allocatable) : 0n;
  return all === 0n ? '0' : String((nano * 100n) / all);
}

export function describeNode(node: Node, pods: readonly Pod[], events: readonly KubeEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = node.metadata;
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, 'Roles:\t<none>\n');
  printLabelsMultiline(w, 'Labels', m.labels);
  printAnnotationsMultiline(w, 'Annotations', m.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp ?? 0)}\n`);
  w.write(0, 'Taints:\t<none>\n');
  w.write(0, `Unschedulable:\t${node.spec.unschedulable ?? false}\n`);
  const conditions = node.status.conditions ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(Math.floor(now))} \t${rfc1123z(c.lastTransitionTime ?? m.creationTimestamp ?? 0)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status.capacity],
    ['Allocatable', node.status.allocatable],
  ] as const) {
    if (!list || Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k]}\n`);
  }
  const id = hex64(`node:${m.uid ?? m.name}`);
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${id.slice(0, 32)}\n`);
  w.write(0, `  System UUID:\t${id.slice(32, 40)}-${id.slice(40, 44)}-${id.slice(44, 48)}-${id.slice(48, 52)}-${id.slice(52, 64)}\n`);
  w.write(0, `  Boot ID:\t${id.slice(8, 16)}-${id.slice(16, 20)}-${id.slice(20, 24)}-${id.slice(24, 28)}-${id.slice(28, 40)}\n`);
  w.write(0, '  Kernel Version:\t6.1.0-18-amd64\n');
  w.write(0, '  OS Image:\tDebian GNU/Linux 12 (bookworm)\n');
  w.write(0, '  Operating System:\tlinux\n');
  w.write(0, '  Architecture:\tamd64\n');
  w.write(0, '  Container Runtime Version:\tcontainerd://1.7.13\n');
  w.write(0, `  Kubelet Version:\t${SERVER_GIT_VERSION}\n`);
  const running = pods.filter((p) => p.spec.nodeName === m.name && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  const alloc = node.status.allocatable ?? node.status.capacity ?? {};
  w.write(0, `Non-terminated Pods:\t(${running.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of running) {
    const cells = (['requests', 'limits'] as const).flatMap((kind) => ['cpu', 'memory'].map((r) => ({ kind, r, v: podsTotal([p], kind, r) })));
    const [cpuReq, memReq, cpuLim, memLim] = cells.map((c) => `${quantityText(c.v, c.r)} (${share(c.v, alloc[c.r])}%)`);
    w.write(1, `${p.metadata.namespace ?? 'default'}\t${p.metadata.name}\t\t${cpuReq}\t${cpuLim}\t${memReq}\t${memLim}\t${ageSince(p.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = podsTotal(running, 'requests', r);
    const lim = podsTotal(running, 'limits', r);
    w.write(1, `${r}\t${quantityText(req, r)} (${share(req, alloc[r])}%)\t${quantityText(lim, r)} (${share(lim, alloc[r])}%)\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
