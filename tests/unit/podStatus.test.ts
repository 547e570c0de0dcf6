import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodCondition } from '../../src/sim/api/types';
import { buildPodStatus, containersReadyCondition, isKubeletCondition, KUBELET_CONDITIONS } from '../../src/sim/node/podStatus';

const running = (name: string, ready: boolean): ContainerStatus => ({
  name,
  state: { running: { startedAt: 5 } },
  lastState: {},
  ready,
  restartCount: 0,
  image: 'nginx',
  imageID: 'id',
  containerID: `containerd://${name}`,
  started: true,
});

function pod(conditions: PodCondition[], gates: string[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }], readinessGates: gates.map((conditionType) => ({ conditionType })) },
    status: { phase: 'Pending', conditions },
  };
}

const build = (p: Pod, statuses: ContainerStatus[], previous?: PodCondition[]) =>
  buildPodStatus({ pod: p, containerStatuses: statuses, hostIP: '192.168.0.11', podIP: '10.244.1.2', startTime: 1, now: 9, previous });

describe('the status a kubelet reports', () => {
  it("keeps others' conditions first, in their order, then its own four", () => {
    const gate: PodCondition = { type: 'InPlaceUpdateReady', status: 'True', lastTransitionTime: 2 };
    const other: PodCondition = { type: 'example.io/Custom', status: 'False', lastTransitionTime: 3 };
    const oldReady: PodCondition = { type: 'Ready', status: 'False', lastTransitionTime: 4 };
    const status = build(pod([oldReady, gate, other], ['InPlaceUpdateReady']), [running('a', true), running('b', true)]);
    expect(status.conditions!.map((c) => c.type)).toEqual(['InPlaceUpdateReady', 'example.io/Custom', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(status.conditions![0]).toBe(gate);
    expect(status.conditions![1]).toBe(other);
    expect(status.conditions![3]).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: 9 });
    expect(status).toMatchObject({ phase: 'Running', hostIP: '192.168.0.11', podIP: '10.244.1.2', startTime: 1 });
  });

  it('holds Ready on readiness gates, naming each one that is missing or not True', () => {
    const gate: PodCondition = { type: 'InPlaceUpdateReady', status: 'False', lastTransitionTime: 2 };
    const status = build(pod([gate], ['InPlaceUpdateReady', 'example.io/Gate']), [running('a', true), running('b', true)]);
    expect(status.conditions!.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message:
        'the status of pod readiness gate "InPlaceUpdateReady" is not "True", but False, corresponding condition of pod readiness gate "example.io/Gate" does not exist.',
      lastTransitionTime: 9,
    });
    // a gate is looked up among others' conditions only: the kubelet's own Ready does not satisfy it
    const own = build(pod([{ type: 'Ready', status: 'True' }], ['Ready']), [running('a', true), running('b', true)]);
    expect(own.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', message: 'corresponding condition of pod readiness gate "Ready" does not exist.' });
  });

  it('names containers with an unknown or unready status', () => {
    const spec = pod([]).spec;
    expect(containersReadyCondition(spec, [running('a', true), running('b', true)])).toEqual({ type: 'ContainersReady', status: 'True' });
    expect(containersReadyCondition(spec, [running('b', false)])).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unknown status: [a], containers with unready status: [b]',
    });
    const status = build(pod([]), [running('a', false), running('b', false)]);
    expect(status.conditions!.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a b]',
      lastTransitionTime: 9,
    });
  });

  it('keeps a condition (the same object) while its status and text stay', () => {
    const first = build(pod([]), [running('a', true), running('b', true)]);
    const again = build(pod(first.conditions!), [running('a', true), running('b', true)], first.conditions!.slice(0));
    first.conditions!.forEach((c, i) => expect(again.conditions![i]).toBe(c));
  });

  it('owns exactly the four kubelet conditions', () => {
    for (const type of KUBELET_CONDITIONS) expect(isKubeletCondition(type)).toBe(true);
    for (const type of ['InPlaceUpdateReady', 'KruisePodReady', 'ready', 'Ready ', '']) expect(isKubeletCondition(type)).toBe(false);
  });
});
