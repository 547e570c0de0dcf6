// One container as the kubelet runs it (SPEC §11.5, §21): image pull (per-node cache, pull
// policy, registry errors with the kubelet's 10 s → 300 s back-off), create + start, readiness,
// restart when its definition changes, graceful stop. An XState machine on the virtual clock;
// every delay is named and read from context. containerStatus.ts turns its snapshots into the
// API's ContainerStatus; events reach the cluster through the port.
// Delays are the machine's own timers on the port (a state starts its delay on entry and cancels
// it on exit; the delay's end is the event `DELAY.<name>`) rather than XState's `after`, whose
// scheduler books every delayed event in a keyed table with a closure and a real-time stamp
// (Date.now) before the virtual clock sees it. At most one delay runs per container: the states
// that have one are never active together.
import { assign, fromCallback, setup, type SnapshotFrom } from 'xstate';
import type { Container } from '../api/types';
import { jsonEqual } from '../api/jsonEqual';
import type { ContainerSpecHashInput } from './host';
import { goDurationString } from './goDuration';
import type { PullPlan } from './imageStore';
import { imageIdOf, pullErrorMessage } from './registry';

/** What a container machine may do to the world: record events, use the node's images. */
export interface ContainerPort {
  /** Virtual seconds. */
  now(): number;
  /** The kubelet writes `Successfully pulled image "x" in 5s` without `(5s including waiting)` (before Kubernetes 1.28). */
  readonly pulledWithoutWaiting?: boolean;
  record(type: 'Normal' | 'Warning', reason: string, message: string): void;
  hasImage(image: string): boolean;
  beginPull(image: string): PullPlan;
  completePull(image: string): void;
  /** The runtime's id for the container's n-th instance (n = restart count). */
  containerId(restartCount: number): string;
  /** A timer that does not keep the cluster from resting (back-off retries). Returns a canceller. */
  backgroundTimer(fn: () => void, ms: number): () => void;
  /** Starts the container's delay (virtual ms); `fn` runs when it ends. Replaces a delay still running. */
  startDelay(fn: () => void, ms: number): void;
  /** Cancels the container's delay, if one runs. */
  cancelDelay(): void;
}

/** Kubelet timings in virtual milliseconds. */
export interface ContainerTimings {
  /** Create + start. */
  startMs: number;
  /** Graceful stop: min(stopSeconds, terminationGracePeriodSeconds). */
  stopMs: number;
  /** From ErrImagePull to the next pod sync, which reports ImagePullBackOff. */
  podResyncMs: number;
  /** The image pull back-off: first wait, doubling up to the maximum. */
  backOffInitialMs: number;
  backOffMaxMs: number;
}

export interface ContainerInput {
  spec: Container;
  port: ContainerPort;
  timings: ContainerTimings;
}

/** One run of the container in the runtime. Times in virtual seconds. */
export interface ContainerInstance {
  containerID: string;
  image: string;
  imageID: string;
  startedAt: number;
  finishedAt?: number;
}

export interface ContainerContext {
  spec: Container;
  port: ContainerPort;
  timings: ContainerTimings;
  restartCount: number;
  /** The latest instance: running, or exited and about to be replaced. */
  current?: ContainerInstance;
  /** The instance before `current` (shown as lastState while `current` runs). */
  previous?: ContainerInstance;
  /** The pull under way. */
  pull?: PullPlan;
  /** Why the container waits, when the kubelet says so (ErrImagePull, ImagePullBackOff, …). */
  waiting?: { reason: string; message?: string };
  /** Next image pull back-off. */
  backOffMs: number;
  ready: boolean;
  stopRequested: boolean;
}

export type ContainerEvent =
  | { type: 'SPEC_CHANGED'; spec: Container }
  | { type: 'STOP' }
  | { type: 'RETRY' }
  | { type: `DELAY.${DelayName}` };

/** The container's named delays (each read from context when its state is entered). */
export type DelayName = 'pull' | 'start' | 'stop' | 'readiness' | 'podResync';

function delayMs(context: ContainerContext, delay: DelayName): number {
  switch (delay) {
    case 'pull':
      return context.pull?.ms ?? 0;
    case 'start':
      return context.timings.startMs;
    case 'stop':
      return context.timings.stopMs;
    case 'readiness':
      return readinessDelayMs(context.spec);
    case 'podResync':
      return context.timings.podResyncMs;
  }
}

/** The events that end each delay (one frozen object each: a delay starts on every state entry). */
const DELAY_ENDS: { readonly [D in DelayName]: Readonly<{ type: `DELAY.${D}` }> } = Object.freeze({
  pull: Object.freeze({ type: 'DELAY.pull' }),
  start: Object.freeze({ type: 'DELAY.start' }),
  stop: Object.freeze({ type: 'DELAY.stop' }),
  readiness: Object.freeze({ type: 'DELAY.readiness' }),
  podResync: Object.freeze({ type: 'DELAY.podResync' }),
});

/** The entry action that starts a state's delay. */
const delay = (name: DelayName) => ({ type: 'startDelay', params: { delay: name } }) as const;

const HASHED_FIELDS: (keyof ContainerSpecHashInput)[] = ['name', 'image', 'env', 'command', 'args', 'ports', 'resources'];

/** Whether the kubelet's container hash changes: only then is a running container restarted. */
export function containerDefinitionChanged(a: Container, b: Container): boolean {
  return HASHED_FIELDS.some((f) => !jsonEqual(a[f], b[f]));
}

/** Readiness probe delay: initialDelaySeconds plus the first period(s), in ms; 0 without a probe. */
export function readinessDelayMs(spec: Container): number {
  const p = spec.readinessProbe;
  if (!p) return 0;
  return ((p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? 10) * Math.max(1, p.successThreshold ?? 1)) * 1000;
}

const imageOf = (c: ContainerContext) => c.spec.image ?? '';

/** The context of a newly started instance (restart count up when one ran before). */
function newInstance(context: ContainerContext, ready: boolean): Partial<ContainerContext> {
  const restartCount = context.current ? context.restartCount + 1 : context.restartCount;
  const image = imageOf(context);
  return {
    restartCount,
    previous: context.current ?? context.previous,
    current: { containerID: context.port.containerId(restartCount), image, imageID: imageIdOf(image), startedAt: context.port.now() },
    waiting: undefined,
    pull: undefined,
    ...(ready ? { ready: true } : {}),
  };
}

const backOffTimer = fromCallback<ContainerEvent, { port: ContainerPort; ms: number }>(({ sendBack, input }) =>
  input.port.backgroundTimer(() => sendBack({ type: 'RETRY' }), input.ms),
);

/** How to get the image (what `waiting` decides): give up (policy Never), pull, or use the cached one. */
function imageChoice(before: 'exitCurrent'[]) {
  return [
    { guard: 'neverPullMissing', target: 'imageNeverPull', actions: before },
    { guard: 'mustPull', target: 'pulling', actions: before },
    { target: 'creating', actions: [...before, 'recordAlreadyPresent'] },
  ] as const;
}

export const containerMachine = setup({
  types: {} as { context: ContainerContext; events: ContainerEvent; input: ContainerInput },
  actors: { backOffTimer },
  guards: {
    mustPull: ({ context }) => context.spec.imagePullPolicy === 'Always' || (context.spec.imagePullPolicy !== 'Never' && !context.port.hasImage(imageOf(context))),
    neverPullMissing: ({ context }) => context.spec.imagePullPolicy === 'Never' && !context.port.hasImage(imageOf(context)),
    pullFails: ({ context }) => context.pull?.fails === true,
    noReadinessProbe: ({ context }) => !context.spec.readinessProbe,
    definitionChanged: ({ context, event }) => event.type === 'SPEC_CHANGED' && containerDefinitionChanged(context.spec, event.spec),
    stopRequested: ({ context }) => context.stopRequested,
  },
  actions: {
    startDelay: ({ context, self }, params: { delay: DelayName }) => {
      const event = DELAY_ENDS[params.delay];
      context.port.startDelay(() => self.send(event), delayMs(context, params.delay));
    },
    cancelDelay: ({ context }) => context.port.cancelDelay(),
    recordPulling: ({ context }) => context.port.record('Normal', 'Pulling', `Pulling image "${imageOf(context)}"`),
    planPull: assign({ pull: ({ context }) => context.port.beginPull(imageOf(context)) }),
    storeImage: ({ context }) => context.port.completePull(imageOf(context)),
    recordPulled: ({ context }) => {
      const took = goDurationString((context.pull?.ms ?? 0) / 1000);
      const waiting = context.port.pulledWithoutWaiting ? '' : ` (${took} including waiting)`;
      context.port.record('Normal', 'Pulled', `Successfully pulled image "${imageOf(context)}" in ${took}${waiting}`);
    },
    recordAlreadyPresent: ({ context }) =>
      context.port.record('Normal', 'Pulled', `Container image "${imageOf(context)}" already present on machine`),
    recordPullFailed: ({ context }) => {
      context.port.record('Warning', 'Failed', `Failed to pull image "${imageOf(context)}": ${pullErrorMessage(imageOf(context))}`);
      context.port.record('Warning', 'Failed', 'Error: ErrImagePull');
    },
    waitErrImagePull: assign({ waiting: ({ context }) => ({ reason: 'ErrImagePull', message: pullErrorMessage(imageOf(context)) }) }),
    recordBackOff: ({ context }) => {
      context.port.record('Normal', 'BackOff', `Back-off pulling image "${imageOf(context)}"`);
      context.port.record('Warning', 'Failed', 'Error: ImagePullBackOff');
    },
    waitImagePullBackOff: assign({ waiting: ({ context }) => ({ reason: 'ImagePullBackOff', message: `Back-off pulling image "${imageOf(context)}"` }) }),
    growBackOff: assign({ backOffMs: ({ context }) => Math.min(context.backOffMs * 2, context.timings.backOffMaxMs) }),
    recordNeverPull: ({ context }) => {
      const message = `Container image "${imageOf(context)}" is not present with pull policy of Never`;
      context.port.record('Warning', 'ErrImageNeverPull', message);
      context.port.record('Warning', 'Failed', 'Error: ErrImageNeverPull');
    },
    waitNeverPull: assign({
      waiting: ({ context }) => ({ reason: 'ErrImageNeverPull', message: `Container image "${imageOf(context)}" is not present with pull policy of Never` }),
    }),
    createInstance: assign(({ context }) => newInstance(context, false)),
    /** A container without a readiness probe is ready as it starts: one context update for both. */
    createReadyInstance: assign(({ context }) => newInstance(context, true)),
    recordCreated: ({ context }) => context.port.record('Normal', 'Created', `Created container ${context.spec.name}`),
    recordStarted: ({ context }) => context.port.record('Normal', 'Started', `Started container ${context.spec.name}`),
    markReady: assign({ ready: true }),
    recordRestartKilling: ({ context }) =>
      context.port.record('Normal', 'Killing', `Container ${context.spec.name} definition changed, will be restarted`),
    recordStopKilling: ({ context }) => context.port.record('Normal', 'Killing', `Stopping container ${context.spec.name}`),
    exitCurrent: assign(({ context }) => ({
      ready: false,
      // (Object.assign: a spread copy of an unfrozen object given a new key takes V8's slow path)
      current: context.current ? Object.assign({}, context.current, { finishedAt: context.port.now() }) : undefined,
    })),
    adoptSpec: assign(({ context, event }) => {
      if (event.type !== 'SPEC_CHANGED') return {};
      const imageChanged = event.spec.image !== context.spec.image;
      return {
        spec: event.spec,
        waiting: imageChanged ? undefined : context.waiting,
        backOffMs: imageChanged ? context.timings.backOffInitialMs : context.backOffMs,
      };
    }),
    requestStop: assign({ stopRequested: true }),
  },
}).createMachine({
  id: 'container',
  context: ({ input }) => ({
    spec: input.spec,
    port: input.port,
    timings: input.timings,
    restartCount: 0,
    backOffMs: input.timings.backOffInitialMs,
    ready: false,
    stopRequested: false,
  }),
  initial: 'waiting',
  on: {
    // Not running yet: a new definition restarts the preparation (a new image is pulled anew).
    SPEC_CHANGED: [{ guard: 'definitionChanged', target: '.waiting', actions: 'adoptSpec' }, { actions: 'adoptSpec' }],
    STOP: '.exited',
  },
  states: {
    /** Decides how to get the image: pull, use the cached one, or give up (policy Never). */
    waiting: {
      always: imageChoice([]),
    },
    pulling: {
      entry: ['recordPulling', 'planPull', delay('pull')],
      exit: 'cancelDelay',
      on: {
        'DELAY.pull': [
          { guard: 'pullFails', target: 'errImagePull' },
          { target: 'creating', actions: ['storeImage', 'recordPulled'] },
        ],
      },
    },
    errImagePull: {
      entry: ['recordPullFailed', 'waitErrImagePull', delay('podResync')],
      exit: 'cancelDelay',
      on: { 'DELAY.podResync': 'imagePullBackOff' },
    },
    imagePullBackOff: {
      entry: ['recordBackOff', 'waitImagePullBackOff'],
      invoke: {
        src: 'backOffTimer',
        input: ({ context }) => ({ port: context.port, ms: Math.max(0, context.backOffMs - context.timings.podResyncMs) }),
      },
      on: { RETRY: { target: 'pulling', actions: 'growBackOff' } },
    },
    imageNeverPull: {
      entry: ['recordNeverPull', 'waitNeverPull'],
    },
    creating: {
      entry: delay('start'),
      exit: 'cancelDelay',
      on: {
        'DELAY.start': [
          // Without a readiness probe the container is ready at once: straight to `ready`.
          { guard: 'noReadinessProbe', target: 'running.ready', actions: ['createReadyInstance', 'recordCreated', 'recordStarted'] },
          { target: 'running', actions: ['createInstance', 'recordCreated', 'recordStarted'] },
        ],
      },
    },
    running: {
      initial: 'probing',
      states: {
        probing: {
          // (a probe removed while probing: ready at once, as before the probe was there)
          always: { guard: 'noReadinessProbe', target: 'ready', actions: 'markReady' },
          entry: delay('readiness'),
          exit: 'cancelDelay',
          on: { 'DELAY.readiness': { target: 'ready', actions: 'markReady' } },
        },
        ready: {},
      },
      on: {
        SPEC_CHANGED: [
          { guard: 'definitionChanged', target: 'killing', actions: 'adoptSpec' },
          { actions: 'adoptSpec' },
        ],
        STOP: 'stopping',
      },
    },
    /** Stopping the old instance before starting one from the new definition. */
    killing: {
      entry: ['recordRestartKilling', delay('stop')],
      exit: 'cancelDelay',
      on: {
        // The old instance has stopped: on to what `waiting` would choose, in one step.
        'DELAY.stop': [
          { guard: 'stopRequested', target: 'exited', actions: 'exitCurrent' },
          ...imageChoice(['exitCurrent']),
        ],
        SPEC_CHANGED: { actions: 'adoptSpec' },
        STOP: { actions: 'requestStop' },
      },
    },
    /** The pod is being deleted: a graceful stop, then gone. */
    stopping: {
      entry: ['recordStopKilling', delay('stop')],
      exit: 'cancelDelay',
      on: { 'DELAY.stop': { target: 'exited', actions: 'exitCurrent' }, SPEC_CHANGED: { actions: 'adoptSpec' }, STOP: {} },
    },
    /** Final: the parent pod machine hears `xstate.done.actor.<name>`. */
    exited: { type: 'final' },
  },
});

export type ContainerSnapshot = SnapshotFrom<typeof containerMachine>;
