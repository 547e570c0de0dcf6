// A container machine's snapshot as the API's ContainerStatus (SPEC §11.5 step 4), after the
// kubelet's convertToAPIContainerStatuses: a running instance shows `running` (and the previous
// run as lastState); an exited one about to be replaced shows `terminated`, or `waiting` with the
// reason it cannot start (ErrImagePull…) and the exited run as lastState; a container that never
// ran waits in ContainerCreating. restartCount, containerID and imageID change only when a new
// instance is created.
import type { ContainerState, ContainerStatus } from '../api/types';
import type { ContainerInstance, ContainerSnapshot } from './containerMachine';

/** The state path as text: "running.ready", "imagePullBackOff". */
export function stateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    return k === undefined ? '' : `${k}.${stateText(v)}`;
  }
  return '';
}

/** The API's terminated state also names the container (not in our ContainerState type). */
type TerminatedState = NonNullable<ContainerState['terminated']> & { containerID: string };

function terminated(i: ContainerInstance): ContainerState {
  const state: TerminatedState = { exitCode: 0, reason: 'Completed', startedAt: i.startedAt, finishedAt: i.finishedAt, containerID: i.containerID };
  return { terminated: state };
}

/**
 * Whether the container's instance is still running in this state (running, or being killed or
 * stopped). Read off the state value: `matches` parses its argument on every call.
 */
export function instanceRuns(value: ContainerSnapshot['value']): boolean {
  return typeof value === 'object' ? 'running' in value : value === 'killing' || value === 'stopping';
}

/** The container's status as the kubelet reports it (kubelet convertToAPIContainerStatuses). */
export function containerStatusOf(snapshot: ContainerSnapshot): ContainerStatus {
  const c = snapshot.context;
  const running = instanceRuns(snapshot.value);
  const cur = c.current;
  if (!cur) {
    return {
      name: c.spec.name,
      state: { waiting: { reason: c.waiting?.reason ?? 'ContainerCreating', ...(c.waiting?.message ? { message: c.waiting.message } : {}) } },
      lastState: {},
      ready: false,
      restartCount: c.restartCount,
      image: c.spec.image ?? '',
      imageID: '',
      started: false,
    };
  }
  let state: ContainerState;
  let lastState: ContainerState = c.previous ? terminated(c.previous) : {};
  if (running) state = { running: { startedAt: cur.startedAt } };
  else if (c.waiting) {
    // An instance that should be restarted but cannot be shows the reason, with the old run as lastState.
    state = { waiting: { reason: c.waiting.reason, ...(c.waiting.message ? { message: c.waiting.message } : {}) } };
    lastState = terminated(cur);
  } else state = terminated(cur);
  return {
    name: c.spec.name,
    state,
    lastState,
    ready: running && c.ready,
    restartCount: c.restartCount,
    image: cur.image,
    imageID: cur.imageID,
    containerID: cur.containerID,
    started: running,
  };
}
