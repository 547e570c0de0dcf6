// `kubectl logs POD|TYPE/NAME [-c CONTAINER] [-p] [--tail N] [--timestamps] [-f]`: what an nginx
// container writes when it starts (the image's docker-entrypoint lines, then nginx's notices up to
// its worker processes), one log per container instance. An in-place update starts a new
// instance, so `--previous` shows the one before, which ends with nginx's graceful shutdown.
// Everything is derived from the instance (image, container ID, start and finish times on the
// virtual clock), so the same cluster always prints the same log. Images other than nginx write
// nothing. `-f` prints what is there: a started nginx writes no more lines by itself.
import type { ContainerState, Pod } from '../sim/api/types';
import { toRFC3339 } from '../sim/api/virtualTime';
import { splitImageReference } from '../sim/api/imageReference';
import { flag, namespaceFlag, parseFlags, type FlagSpec } from './args';
import type { KubectlResult, VerbContext } from './readVerbs';
import { resolveResource } from './resources';
import { notFoundMessage } from './lookup';

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

export interface ContainerInstance {
  image: string;
  containerID: string;
  startedAt: number;
  finishedAt?: number;
}

/** `2026/07/01 00:00:07`: nginx's error-log time (UTC here). */
function nginxTime(seconds: number): string {
  return toRFC3339(seconds).replace('T', ' ').replace('Z', '').replace(/-/g, '/');
}

const versionParts = (v: string) => v.split('.').map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b, c] = versionParts(v);
  const [x, y, z] = versionParts(min);
  return a !== x ? a > x : b !== y ? b > y : c >= z;
};

/** nginx's version and build of an image reference, or undefined for images that are not nginx. */
export function nginxBuildOf(image: string): { version: string; alpine: boolean } | undefined {
  const { name, tag } = imageNameAndTag(image);
  if (name !== 'nginx' && !name.endsWith('/nginx')) return undefined;
  const numbered = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  const version = numbered ? `${numbered[1]}.${numbered[2]}.${numbered[3] ?? '0'}` : '1.27.0';
  return { version, alpine: tag.includes('alpine') };
}

function imageNameAndTag(image: string): { name: string; tag: string } {
  const ref = splitImageReference(image);
  return { name: ref.path, tag: ref.tag ?? 'latest' };
}

function compilerOf(version: string, alpine: boolean): string {
  if (!atLeast(version, '1.20.0')) return alpine ? 'gcc 9.3.0 (Alpine 9.3.0)' : 'gcc 8.3.0 (Debian 8.3.0-6)';
  if (!atLeast(version, '1.23.0')) return alpine ? 'gcc 10.3.1 20211027 (Alpine 10.3.1_git20211027)' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6)';
  return alpine ? 'gcc 13.2.1 20231014 (Alpine 13.2.1_git20231014)' : 'gcc 12.2.0 (Debian 12.2.0-14)';
}

/** One log line with its time (for --timestamps). */
interface LogLine {
  at: number;
  text: string;
}

/** The lines one container instance wrote. */
export function instanceLog(instance: ContainerInstance, cpus: number): LogLine[] {
  const build = nginxBuildOf(instance.image);
  if (!build) return [];
  const t = instance.startedAt;
  const ep = '/docker-entrypoint.sh';
  const lines: string[] = [
    `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${ep}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  if (atLeast(build.version, '1.25.3')) lines.push(`${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  lines.push(`${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
  if (atLeast(build.version, '1.21.0')) lines.push(`${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
  lines.push(`${ep}: Configuration complete; ready for start up`);
  const stamp = nginxTime(t);
  // Worker pids follow the entrypoint's own short-lived processes; how many depends on the image.
  const firstPid = (build.alpine ? 30 : 29) + (parseInt(instance.containerID.slice(-2), 16) % 3);
  const workers = Array.from({ length: Math.max(1, cpus) }, (_, i) => firstPid + i);
  const notices = [
    'using the "epoll" event method',
    `nginx/${build.version}`,
    `built by ${compilerOf(build.version, build.alpine)} `,
    'OS: Linux 6.1.0-18-amd64',
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    ...workers.map((pid) => `start worker process ${pid}`),
  ];
  const out: LogLine[] = [...lines.map((text) => ({ at: t, text })), ...notices.map((n) => ({ at: t, text: `${stamp} [notice] 1#1: ${n}` }))];
  if (instance.finishedAt !== undefined) {
    const f = instance.finishedAt;
    const end = nginxTime(f);
    out.push({ at: f, text: `${end} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down` });
    for (const pid of workers) {
      for (const what of ['gracefully shutting down', 'exiting', 'exit']) out.push({ at: f, text: `${end} [notice] ${pid}#${pid}: ${what}` });
    }
    for (const pid of workers) {
      out.push({ at: f, text: `${end} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}` });
      out.push({ at: f, text: `${end} [notice] 1#1: worker process ${pid} exited with code 0` });
    }
    out.push({ at: f, text: `${end} [notice] 1#1: exit` });
  }
  return out;
}

/** RFC3339Nano, as --timestamps prefixes each line. */
function nanoStamp(seconds: number): string {
  const whole = Math.floor(seconds);
  const nanos = Math.round((seconds - whole) * 1e9);
  const frac = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return toRFC3339(whole).replace('Z', `${frac}Z`);
}

function instanceOf(state: ContainerState | undefined, image: string, containerID: string | undefined): ContainerInstance | undefined {
  if (state?.running?.startedAt !== undefined && containerID) return { image, containerID, startedAt: state.running.startedAt };
  const t = state?.terminated as (ContainerState['terminated'] & { containerID?: string }) | undefined;
  if (t?.startedAt !== undefined) return { image, containerID: t.containerID ?? containerID ?? '', startedAt: t.startedAt, finishedAt: t.finishedAt };
  return undefined;
}

function podLogs(ctx: VerbContext, pod: Pod, container: string | undefined, previous: boolean, allContainers: boolean): KubectlResult & { lines?: LogLine[] } {
  const names = pod.spec.containers.map((c) => c.name);
  const pick = allContainers ? names : container !== undefined ? [container] : names.length === 1 ? names : undefined;
  if (!pick) return fail(`error: a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
  const nodeCpus = Number(ctx.cluster.store.get('Node', undefined, pod.spec.nodeName ?? '')?.status.capacity?.cpu ?? '1');
  const lines: LogLine[] = [];
  for (const name of pick) {
    if (!names.includes(name)) return fail(`error: container ${name} is not valid for pod ${pod.metadata.name}`);
    const status = pod.status.containerStatuses?.find((s) => s.name === name);
    if (previous) {
      const last = status?.lastState?.terminated as (ContainerState['terminated'] & { containerID?: string }) | undefined;
      if (!status || !last) return fail(`Error from server (BadRequest): previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
      // The previous instance ran the image the container had before its last restart.
      const image = (last.startedAt !== undefined ? previousImageOf(ctx, pod, last.startedAt) : undefined) ?? status.image;
      const inst = instanceOf({ terminated: last }, image, last.containerID);
      if (inst) lines.push(...instanceLog(inst, nodeCpus));
      continue;
    }
    const inst = status ? instanceOf(status.state, status.image, status.containerID) : undefined;
    if (!inst) {
      const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
      return fail(`Error from server (BadRequest): container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
    }
    lines.push(...instanceLog(inst, nodeCpus));
  }
  return { exitCode: 0, stdout: '', stderr: '', lines };
}

/**
 * The image a container's previous instance ran: the kubelet's last pull (or "already present")
 * event for the pod before that instance started. Undefined when the events are gone.
 */
function previousImageOf(ctx: VerbContext, pod: Pod, startedAt: number): string | undefined {
  let best: { at: number; image: string } | undefined;
  for (const e of ctx.cluster.eventList()) {
    if (e.involvedObject.kind !== 'Pod' || e.involvedObject.name !== pod.metadata.name || e.involvedObject.uid !== pod.metadata.uid) continue;
    const m = /^(?:Pulling image|Container image) "([^"]+)"/.exec(e.message);
    if (!m) continue;
    for (const at of [e.firstTimestamp, e.lastTimestamp]) if (at <= startedAt && (!best || at >= best.at)) best = { at, image: m[1] };
  }
  return best?.image;
}

export const LOGS_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', kind: 'string' },
  { name: 'previous', short: 'p', kind: 'bool' },
  { name: 'tail', kind: 'int' },
  { name: 'follow', short: 'f', kind: 'bool' },
  { name: 'timestamps', kind: 'bool' },
  { name: 'all-containers', kind: 'bool' },
];

export function logs(ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, LOGS_FLAGS, 'logs');
  const [target, container2, ...extra] = p.positional;
  if (target === undefined) {
    return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  }
  if (extra.length > 0) return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nSee 'kubectl logs -h' for help and examples");
  const namespace = namespaceFlag(p);
  const container = flag.str(p, 'container') ?? container2;
  const previous = flag.bool(p, 'previous');
  let pod: Pod | undefined;
  let notice = '';
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const resource = resolveResource(target.slice(0, slash));
    const name = target.slice(slash + 1);
    if (!resource) return fail(`error: the server doesn't have a resource type "${target.slice(0, slash)}"`);
    if (resource.kind === 'Pod') pod = ctx.cluster.store.get('Pod', namespace, name);
    else if (resource.kind === 'CloneSet') {
      const cs = ctx.cluster.store.get('CloneSet', namespace, name);
      if (!cs) return fail(notFoundMessage(resource, name));
      const owned = ctx.cluster.store.list('Pod', namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === cs.metadata.uid));
      if (owned.length === 0) return fail(`error: timed out waiting for the condition`);
      pod = [...owned].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))[0];
      if (owned.length > 1) notice = `Found ${owned.length} pods, using pod/${pod.metadata.name}`;
    } else return fail(`error: cannot get the logs from ${resource.kind === 'Event' ? '*v1.Event' : `*v1.${resource.kind}`}: selector for *v1.${resource.kind} not implemented`);
    if (!pod) return fail(`Error from server (NotFound): pods "${name}" not found`);
  } else {
    pod = ctx.cluster.store.get('Pod', namespace, target);
    if (!pod) return fail(`Error from server (NotFound): pods "${target}" not found`);
  }
  const result = podLogs(ctx, pod, container, previous, flag.bool(p, 'all-containers'));
  if (!result.lines) return { ...result, stderr: [notice, result.stderr].filter(Boolean).join('\n') };
  const tail = flag.int(p, 'tail') ?? -1;
  const shown = tail >= 0 ? result.lines.slice(Math.max(0, result.lines.length - tail)) : result.lines;
  const stamped = flag.bool(p, 'timestamps');
  return { exitCode: 0, stdout: shown.map((l) => (stamped ? `${nanoStamp(l.at)} ${l.text}` : l.text)).join('\n'), stderr: notice };
}
