// kubectl's pod row (kubernetes pkg/printers/internalversion printPod): READY counts containers
// that are ready and running, STATUS starts from the phase and is overridden by a container's
// waiting or terminated reason (last container first), `Completed` with a running container turns
// back into Running/NotReady, a deletion timestamp shows Terminating. RESTARTS sums the restart
// counts; since kubectl 1.22 it adds `(<age> ago)` of the latest termination — not in the blog's
// 2020 kubectl, so the 0.7 era prints the bare count.
import type { ContainerStatus, Pod } from '../../sim/api/types';
import { humanDuration } from '../humanDuration';
import type { TableColumn } from './table';

export const POD_COLUMNS: readonly TableColumn[] = [
  { name: 'Name' },
  { name: 'Ready' },
  { name: 'Status' },
  { name: 'Restarts' },
  { name: 'Age' },
  { name: 'IP', wide: true },
  { name: 'Node', wide: true },
  { name: 'Nominated Node', wide: true },
  { name: 'Readiness Gates', wide: true },
];

export interface PodPrintOptions {
  now: number;
  /** Whether RESTARTS carries kubectl ≥ 1.22's `(<age> ago)` suffix. */
  restartAge: boolean;
}

/** Ages the way kubectl's translateTimestampSince does; `<unknown>` without a timestamp. */
export function ageSince(time: number | undefined, now: number): string {
  return time === undefined ? '<unknown>' : humanDuration(now - time);
}

function containerReason(c: ContainerStatus): string | undefined {
  const state = c.state ?? {};
  if (state.waiting?.reason) return state.waiting.reason;
  if (state.terminated?.reason) return state.terminated.reason;
  if (state.terminated) return `ExitCode:${state.terminated.exitCode}`;
  return undefined;
}

export function podCells(pod: Pod, opts: PodPrintOptions): string[] {
  const statuses = pod.status.containerStatuses ?? [];
  const total = pod.spec.containers.length;
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  // The API server sets phase Pending when it creates a pod; a stored pod without one is that.
  let reason: string = pod.status.phase ?? 'Pending';
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
    const r = containerReason(c);
    if (r !== undefined) reason = r;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp !== undefined && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed') reason = 'Terminating';
  const restartText =
    restarts !== 0 && lastRestart !== undefined && opts.restartAge ? `${restarts} (${humanDuration(opts.now - lastRestart)} ago)` : String(restarts);
  const gates = pod.spec.readinessGates ?? [];
  const trueGates = gates.filter((g) => pod.status.conditions?.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return [
    pod.metadata.name,
    `${ready}/${total}`,
    reason,
    restartText,
    ageSince(pod.metadata.creationTimestamp, opts.now),
    pod.status.podIP || '<none>',
    pod.spec.nodeName || '<none>',
    '<none>',
    gates.length > 0 ? `${trueGates}/${gates.length}` : '<none>',
  ];
}
