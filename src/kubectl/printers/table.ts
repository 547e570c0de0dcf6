// kubectl's human-readable output: each kind's columns and cells (the built-in printers of
// kubernetes pkg/printers/internalversion, the CloneSet CRD's additionalPrinterColumns), then the
// decorations `kubectl get` adds — NAMESPACE for -A, `kind/` name prefixes when several kinds are
// printed, -L label columns, --show-labels — laid out by the tab writer.
import type { CloneSet, ControllerRevision, KubeEvent, Node, PersistentVolumeClaim, Pod } from '../../sim/api/types';
import type { KruiseEra } from '../../sim/controller/era';
import type { StoredObject } from '../../sim/store';
import type { ResourceKind } from '../resources';
import { TabWriter } from '../tabwriter';
import { ageSince, podCells, POD_COLUMNS } from './pod';

export interface TableColumn {
  name: string;
  /** Shown only with -o wide (priority > 0 in the server's table). */
  wide?: boolean;
}

export type Printable = StoredObject | KubeEvent;

export interface TableContext {
  now: number;
  era: KruiseEra;
}

const CLONESET_COLUMNS_1_9: readonly TableColumn[] = [
  { name: 'NAME' },
  { name: 'DESIRED' },
  { name: 'UPDATED' },
  { name: 'UPDATED_READY' },
  { name: 'UPDATED_AVAILABLE' },
  { name: 'READY' },
  { name: 'TOTAL' },
  { name: 'AGE' },
  { name: 'CONTAINERS', wide: true },
  { name: 'IMAGES', wide: true },
  { name: 'SELECTOR', wide: true },
];

/** Before v0.10 the CRD had no wide columns, before v1.8 no UPDATED_AVAILABLE (SPEC §16.1, §18). */
const CLONESET_COLUMNS_0_7: readonly TableColumn[] = CLONESET_COLUMNS_1_9.filter((c) => c.name !== 'UPDATED_AVAILABLE' && !c.wide);

/** A CRD integer column: the number, or an empty cell when the field is absent. */
const intCell = (n: number | undefined): string => (n === undefined ? '' : String(n));

function cloneSetCells(cs: CloneSet, ctx: TableContext): string[] {
  const s = cs.status ?? {};
  const containers = cs.spec.template.spec.containers ?? [];
  const cells = [
    cs.metadata.name,
    intCell(cs.spec.replicas),
    intCell(s.updatedReplicas),
    intCell(s.updatedReadyReplicas),
    intCell(s.updatedAvailableReplicas || undefined),
    intCell(s.readyReplicas),
    intCell(s.replicas),
    ageSince(cs.metadata.creationTimestamp, ctx.now),
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image ?? '').join(','),
    s.labelSelector ?? '',
  ];
  return ctx.era === '0.7' ? [...cells.slice(0, 4), ...cells.slice(5, 8)] : cells;
}

const PVC_COLUMNS: readonly TableColumn[] = [
  { name: 'Name' },
  { name: 'Status' },
  { name: 'Volume' },
  { name: 'Capacity' },
  { name: 'Access Modes' },
  { name: 'StorageClass' },
  { name: 'VolumeAttributesClass' },
  { name: 'Age' },
  { name: 'VolumeMode', wide: true },
];

const ACCESS_MODE_ABBREVIATIONS: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

function pvcCells(pvc: PersistentVolumeClaim, ctx: TableContext): string[] {
  const spec = pvc.spec as PersistentVolumeClaim['spec'] & { volumeName?: string; volumeAttributesClassName?: string };
  const status = pvc.status as PersistentVolumeClaim['status'] & { accessModes?: string[] };
  const bound = Boolean(spec.volumeName);
  return [
    pvc.metadata.name,
    pvc.metadata.deletionTimestamp !== undefined ? 'Terminating' : (status.phase ?? ''),
    spec.volumeName ?? '',
    bound ? (status.capacity?.storage ?? '') : '',
    bound ? (status.accessModes ?? []).map((m) => ACCESS_MODE_ABBREVIATIONS[m] ?? m).join(',') : '',
    spec.storageClassName ?? '',
    spec.volumeAttributesClassName ?? '<unset>',
    ageSince(pvc.metadata.creationTimestamp, ctx.now),
    spec.volumeMode ?? '<unset>',
  ];
}

const NODE_COLUMNS: readonly TableColumn[] = [
  { name: 'Name' },
  { name: 'Status' },
  { name: 'Roles' },
  { name: 'Age' },
  { name: 'Version' },
  { name: 'Internal-IP', wide: true },
  { name: 'External-IP', wide: true },
  { name: 'OS-Image', wide: true },
  { name: 'Kernel-Version', wide: true },
  { name: 'Container-Runtime', wide: true },
];

function nodeCells(node: Node, ctx: TableContext): string[] {
  const ready = node.status.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  const info = (node.status as Node['status'] & { nodeInfo?: Record<string, string> }).nodeInfo ?? {};
  const address = (type: string) => node.status.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  return [
    node.metadata.name,
    status.join(','),
    roles.size ? [...roles].sort().join(',') : '<none>',
    ageSince(node.metadata.creationTimestamp, ctx.now),
    info.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

const REVISION_COLUMNS: readonly TableColumn[] = [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }];

function revisionCells(r: ControllerRevision, ctx: TableContext): string[] {
  const owner = r.metadata.ownerReferences?.find((o) => o.controller);
  let controller = '<none>';
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    controller = `${owner.kind.toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
  }
  return [r.metadata.name, controller, String(r.revision), ageSince(r.metadata.creationTimestamp, ctx.now)];
}

const EVENT_COLUMNS: readonly TableColumn[] = [
  { name: 'Last Seen' },
  { name: 'Type' },
  { name: 'Reason' },
  { name: 'Object' },
  { name: 'Subobject', wide: true },
  { name: 'Source', wide: true },
  { name: 'Message' },
  { name: 'First Seen', wide: true },
  { name: 'Count', wide: true },
  { name: 'Name', wide: true },
];

function eventCells(e: KubeEvent, ctx: TableContext): string[] {
  const target = e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase();
  const source = e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component;
  const subobject = (e.involvedObject as { fieldPath?: string }).fieldPath ?? '';
  return [
    ageSince(e.lastTimestamp, ctx.now),
    e.type,
    e.reason,
    target,
    subobject,
    source,
    e.message.trim(),
    ageSince(e.firstTimestamp, ctx.now),
    String(e.count || 1),
    e.metadata.name,
  ];
}

/** The columns of a kind (all of them; `wide` marks the -o wide ones). */
export function columnsOf(kind: ResourceKind, era: KruiseEra): readonly TableColumn[] {
  switch (kind) {
    case 'Pod':
      return POD_COLUMNS;
    case 'CloneSet':
      return era === '0.7' ? CLONESET_COLUMNS_0_7 : CLONESET_COLUMNS_1_9;
    case 'PersistentVolumeClaim':
      return PVC_COLUMNS;
    case 'Node':
      return NODE_COLUMNS;
    case 'ControllerRevision':
      return REVISION_COLUMNS;
    case 'Event':
      return EVENT_COLUMNS;
  }
}

/** One cell per column of columnsOf(kind). */
export function cellsOf(obj: Printable, ctx: TableContext): string[] {
  switch (obj.kind) {
    case 'Pod':
      return podCells(obj as Pod, { now: ctx.now, restartAge: ctx.era !== '0.7' });
    case 'CloneSet':
      return cloneSetCells(obj as CloneSet, ctx);
    case 'PersistentVolumeClaim':
      return pvcCells(obj as PersistentVolumeClaim, ctx);
    case 'Node':
      return nodeCells(obj as Node, ctx);
    case 'ControllerRevision':
      return revisionCells(obj as ControllerRevision, ctx);
    case 'Event':
      return eventCells(obj as KubeEvent, ctx);
  }
}

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  /** -A: a NAMESPACE column first. */
  withNamespace: boolean;
  /** `pod/` before each name when several kinds are printed. */
  kindPrefix?: string;
  labelColumns: readonly string[];
  showLabels: boolean;
}

/** labels.FormatLabels: `k=v,…` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels?.[k]}`).join(',') : '<none>';
}

/** Header cells for a kind under these options. */
export function tableHeader(kind: ResourceKind, ctx: TableContext, o: TableOptions): string[] {
  const names = columnsOf(kind, ctx.era)
    .filter((c) => o.wide || !c.wide)
    .map((c) => c.name.toUpperCase());
  return [
    ...(o.withNamespace ? ['NAMESPACE'] : []),
    ...names,
    ...o.labelColumns.map((l) => (l.split('/').pop() ?? l).toUpperCase()),
    ...(o.showLabels ? ['LABELS'] : []),
  ];
}

/** Row cells for an object under these options. */
export function tableRow(obj: Printable, ctx: TableContext, o: TableOptions): string[] {
  const columns = columnsOf(obj.kind as ResourceKind, ctx.era);
  const all = cellsOf(obj, ctx);
  const cells = all.filter((_, i) => o.wide || !columns[i].wide);
  const nameAt = columns.findIndex((c) => c.name.toUpperCase() === 'NAME');
  if (o.kindPrefix && nameAt >= 0) cells[nameAt] = `${o.kindPrefix}/${cells[nameAt]}`;
  const labels = obj.metadata.labels ?? {};
  return [
    ...(o.withNamespace ? [obj.metadata.namespace ?? ''] : []),
    ...cells.map(escapeCell),
    ...o.labelColumns.map((l) => labels[l] ?? ''),
    ...(o.showLabels ? [formatLabels(labels)] : []),
  ];
}

/** The table printer cuts a cell at its first line break and marks the cut with `...`. */
function escapeCell(cell: string): string {
  const cut = cell.search(/[\f\n\r]/);
  return cut < 0 ? cell : `${cell.slice(0, cut)}...`;
}

/** A full table of one kind. */
export function printTable(kind: ResourceKind, objects: readonly Printable[], ctx: TableContext, o: TableOptions, writer = new TabWriter()): string {
  if (!o.noHeaders) writer.write(`${tableHeader(kind, ctx, o).join('\t')}\n`);
  for (const obj of objects) writer.write(`${tableRow(obj, ctx, o).join('\t')}\n`);
  return writer.flush();
}
