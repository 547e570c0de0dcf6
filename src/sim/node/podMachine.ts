// A pod on a node, as its kubelet runs it (SPEC §11.5, §12, §21): one container machine per
// container, spawned when the pod is admitted (the kubelet sends a changed definition straight to
// the container it concerns); deletion stops every container gracefully and ends in
// `terminated`, when the kubelet lets the API server remove the pod. Phase, IP and conditions are
// derived from these snapshots by podStatus.ts, not stored here.
import { enqueueActions, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { containerMachine, type ContainerInput } from './containerMachine';

export interface PodInput {
  containers: ContainerInput[];
}

export interface PodContext {
  /** Container machines by container name, in spec order. */
  containers: Record<string, ActorRefFrom<typeof containerMachine>>;
}

export type PodEvent = { type: 'DELETE' } | { type: `xstate.done.actor.${string}` };

export const podMachine = setup({
  types: {} as { context: PodContext; events: PodEvent; input: PodInput },
  actors: { container: containerMachine },
  guards: {
    allContainersExited: ({ context }) => Object.values(context.containers).every((ref) => ref.getSnapshot().status === 'done'),
  },
  actions: {
    stopContainers: enqueueActions(({ context, enqueue }) => {
      for (const ref of Object.values(context.containers)) enqueue.sendTo(ref, { type: 'STOP' });
    }),
  },
}).createMachine({
  id: 'pod',
  context: ({ input, spawn }) => ({
    containers: Object.fromEntries(input.containers.map((c) => [c.spec.name, spawn('container', { id: c.spec.name, input: c })])),
  }),
  initial: 'active',
  states: {
    active: {
      on: { DELETE: 'terminating' },
    },
    terminating: {
      entry: 'stopContainers',
      always: { guard: 'allContainersExited', target: 'terminated' },
      on: { 'xstate.done.actor.*': { guard: 'allContainersExited', target: 'terminated' } },
    },
    terminated: { type: 'final' },
  },
});

export type PodActor = ActorRefFrom<typeof podMachine>;
export type PodSnapshot = SnapshotFrom<typeof podMachine>;
