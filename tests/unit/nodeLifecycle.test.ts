import { describe, expect, it } from 'vitest';
import { FakeCluster } from './nodeFakeHost';

const GATE = 'InPlaceUpdateReady';
const gateTrue = { type: GATE, status: 'True' as const, lastTransitionTime: 0 };

/** A pod with the readiness gate kruise adds, its condition already True (as the controller sets it). */
function readyPod(c: FakeCluster, name: string, extra: Parameters<FakeCluster['createPod']>[0] extends infer T ? Partial<T> : never = {}) {
  return c.createPod({ name, readinessGates: [GATE], conditions: [gateTrue], ...extra });
}

describe('node layer: pod creation', () => {
  it('schedules, pulls, creates, starts and readies a pod on the default timeline', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.settle();
    expect(c.eventLines('p1')).toEqual([
      '1 Scheduled Successfully assigned default/p1 to node-1',
      '1 Pulling Pulling image "nginx:alpine"',
      '6 Pulled Successfully pulled image "nginx:alpine" in 5s (5s including waiting)',
      '7 Created Created container nginx',
      '7 Started Started container nginx',
    ]);
    const sources = c.events.map((e) => `${e.reason}:${e.source.component}/${e.source.host ?? ''}`);
    expect(sources).toEqual(['Scheduled:default-scheduler/', 'Pulling:kubelet/node-1', 'Pulled:kubelet/node-1', 'Created:kubelet/node-1', 'Started:kubelet/node-1']);
    const pod = c.pod('p1');
    expect(pod.spec.nodeName).toBe('node-1');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toBe('10.244.1.2');
    expect(pod.status.hostIP).toBe('192.168.0.11');
    expect(pod.status.startTime).toBe(1);
    expect(pod.status.conditions).toEqual([
      gateTrue,
      { type: 'Initialized', status: 'True', lastTransitionTime: 1 },
      { type: 'Ready', status: 'True', lastTransitionTime: 7 },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: 7 },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 1 },
    ]);
    const [cs] = pod.status.containerStatuses ?? [];
    expect(cs).toMatchObject({ name: 'nginx', image: 'nginx:alpine', ready: true, started: true, restartCount: 0, state: { running: { startedAt: 7 } }, lastState: {} });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('reports Pending / ContainerCreating while the image is pulled', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.advance(3);
    const pod = c.pod('p1');
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses?.[0]).toMatchObject({ ready: false, started: false, restartCount: 0, imageID: '', state: { waiting: { reason: 'ContainerCreating' } } });
    expect(c.condition('p1', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(c.condition('p1', 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
  });

  it('uses the per-image pull time and Go duration text', () => {
    const c = new FakeCluster({ timings: { pullSeconds: { nginx: 29.136659264 } } });
    readyPod(c, 'p1', { image: 'nginx' });
    c.settle();
    expect(c.eventLines('p1')).toContain('30.136659264 Pulled Successfully pulled image "nginx" in 29.136659264s (29.136659264s including waiting)');
  });

  it('spreads pods over the nodes with the fewest pods, ties by name', () => {
    const c = new FakeCluster({ nodes: 3 });
    for (let i = 0; i < 5; i++) c.createPod({ name: `p${i}` });
    c.settle();
    expect([0, 1, 2, 3, 4].map((i) => c.pod(`p${i}`).spec.nodeName)).toEqual(['node-1', 'node-2', 'node-3', 'node-1', 'node-2']);
    expect([0, 3].map((i) => c.pod(`p${i}`).status.podIP)).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('shares one download between pods pulling the same image on a node', () => {
    const c = new FakeCluster({ nodes: 1 });
    c.createPod({ name: 'a' });
    c.advance(3);
    c.createPod({ name: 'b' });
    c.settle();
    expect(c.eventLines('b')).toContain('4 Pulling Pulling image "nginx:alpine"');
    expect(c.eventLines('b')).toContain('6 Pulled Successfully pulled image "nginx:alpine" in 2s (2s including waiting)');
  });

  it('finds the image cached for a second pod on the same node (IfNotPresent)', () => {
    const c = new FakeCluster({ nodes: 1 });
    c.createPod({ name: 'a' });
    c.settle();
    c.createPod({ name: 'b' });
    c.settle();
    expect(c.eventLines('b')).toEqual([
      '8 Scheduled Successfully assigned default/b to node-1',
      '8 Pulled Container image "nginx:alpine" already present on machine',
      '9 Created Created container nginx',
      '9 Started Started container nginx',
    ]);
    expect(c.layer.describe().nodes[0].images).toEqual(['docker.io/library/nginx:alpine']);
  });

  it('pulls again with imagePullPolicy Always', () => {
    const c = new FakeCluster({ nodes: 1 });
    c.createPod({ name: 'a', imagePullPolicy: 'Always' });
    c.settle();
    c.createPod({ name: 'b', imagePullPolicy: 'Always' });
    c.settle();
    expect(c.eventLines('b')).toEqual([
      '8 Scheduled Successfully assigned default/b to node-1',
      '8 Pulling Pulling image "nginx:alpine"',
      '13 Pulled Successfully pulled image "nginx:alpine" in 5s (5s including waiting)',
      '14 Created Created container nginx',
      '14 Started Started container nginx',
    ]);
  });

  it('treats "nginx" and "nginx:latest" as one cached image', () => {
    const c = new FakeCluster({ nodes: 1 });
    c.createPod({ name: 'a', image: 'nginx:latest' });
    c.settle();
    c.createPod({ name: 'b', image: 'nginx' });
    c.settle();
    expect(c.eventLines('b')).toContain('8 Pulled Container image "nginx" already present on machine');
    expect(c.pod('a').status.containerStatuses?.[0].imageID).toBe(c.pod('b').status.containerStatuses?.[0].imageID);
  });

  it('waits for a readiness probe: initialDelaySeconds + periodSeconds after start', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1', { readinessProbe: { initialDelaySeconds: 5, periodSeconds: 3 } });
    c.advance(10);
    expect(c.pod('p1').status.phase).toBe('Running');
    expect(c.pod('p1').status.containerStatuses?.[0]).toMatchObject({ ready: false, started: true });
    expect(c.condition('p1', 'Ready')?.status).toBe('False');
    c.settle();
    expect(c.now()).toBe(15);
    expect(c.condition('p1', 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: 15 });
  });
});

describe('node layer: readiness gates', () => {
  it('keeps Ready False while a gate condition is missing or not True, with the kubelet messages', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p1', readinessGates: [GATE] });
    c.settle();
    expect(c.condition('p1', 'ContainersReady')?.status).toBe('True');
    expect(c.condition('p1', 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      lastTransitionTime: 1,
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "InPlaceUpdateReady" does not exist.',
    });
    c.setCondition('p1', { type: GATE, status: 'True', lastTransitionTime: c.now() });
    c.settle();
    expect(c.condition('p1', 'Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: 7 });
  });

  it('flips Ready with the gate: False when the controller sets it False, True again when True', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.settle();
    c.advance(3);
    c.setCondition('p1', { type: GATE, status: 'False', reason: 'StartInPlaceUpdate', lastTransitionTime: c.now() });
    c.settle();
    expect(c.condition('p1', 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      lastTransitionTime: 10,
      reason: 'ReadinessGatesNotReady',
      message: 'the status of pod readiness gate "InPlaceUpdateReady" is not "True", but False',
    });
    expect(c.condition('p1', 'ContainersReady')).toMatchObject({ status: 'True', lastTransitionTime: 7 });
    // Non-kubelet conditions keep their place at the front.
    expect(c.pod('p1').status.conditions?.map((x) => x.type)).toEqual([GATE, 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    c.advance(2);
    c.setCondition('p1', { type: GATE, status: 'True', lastTransitionTime: c.now() });
    c.settle();
    expect(c.condition('p1', 'Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: 12 });
  });
});

describe('node layer: in-place restart', () => {
  it('restarts only the changed container, keeping name, UID, IP and node', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.settle();
    const before = c.pod('p1');
    const beforeStatus = before.status.containerStatuses![0];
    c.advance(3); // t = 10
    c.setImage('p1', 'nginx');
    c.advance(1);
    expect(c.pod('p1').status.containerStatuses?.[0]).toMatchObject({ ready: true, state: { running: {} } });
    c.advance(1.5); // t = 12.5: stopped, pulling
    const stopped = c.pod('p1');
    expect(stopped.status.phase).toBe('Running');
    expect(stopped.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      started: false,
      restartCount: 0,
      image: 'nginx:alpine',
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: 7, finishedAt: 12 } },
    });
    expect(c.condition('p1', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', lastTransitionTime: 12 });
    c.settle();
    expect(c.eventLines('p1').slice(5)).toEqual([
      '10 Killing Container nginx definition changed, will be restarted',
      '12 Pulling Pulling image "nginx"',
      '17 Pulled Successfully pulled image "nginx" in 5s (5s including waiting)',
      '18 Created Created container nginx',
      '18 Started Started container nginx',
    ]);
    const after = c.pod('p1');
    const cs = after.status.containerStatuses![0];
    expect(cs).toMatchObject({
      restartCount: 1,
      ready: true,
      image: 'nginx',
      state: { running: { startedAt: 18 } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: 7, finishedAt: 12, containerID: beforeStatus.containerID } },
    });
    expect(cs.containerID).not.toBe(beforeStatus.containerID);
    expect(cs.imageID).not.toBe(beforeStatus.imageID);
    expect([after.metadata.uid, after.status.podIP, after.spec.nodeName, after.status.startTime]).toEqual([
      before.metadata.uid,
      before.status.podIP,
      before.spec.nodeName,
      before.status.startTime,
    ]);
    expect(c.condition('p1', 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: 18 });
  });

  it('says "already present" when the new image is cached, and counts restarts', () => {
    const c = new FakeCluster({ nodes: 1 });
    readyPod(c, 'p1');
    c.settle();
    c.setImage('p1', 'nginx:1.19');
    c.settle();
    c.setImage('p1', 'nginx:alpine');
    c.settle();
    expect(c.eventLines('p1').slice(-4)).toEqual([
      '15 Killing Container nginx definition changed, will be restarted',
      '17 Pulled Container image "nginx:alpine" already present on machine',
      '18 Created Created container nginx',
      '18 Started Started container nginx',
    ]);
    expect(c.pod('p1').status.containerStatuses?.[0].restartCount).toBe(2);
  });

  it('restarts nothing on label or annotation changes', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.settle();
    const events = c.events.length;
    const writes = c.writes.length;
    c.updatePod('p1', (p) => ({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, tier: 'web' }, annotations: { a: 'b' } } }));
    c.settle();
    expect(c.events.length).toBe(events);
    expect(c.writes.length).toBe(writes);
    expect(c.pod('p1').status.containerStatuses?.[0].restartCount).toBe(0);
  });
});

describe('node layer: termination', () => {
  it('stops containers gracefully, then removes the pod', () => {
    const c = new FakeCluster();
    readyPod(c, 'p1');
    c.settle();
    c.advance(3);
    c.deletePod('p1');
    c.advance(1);
    expect(c.hasPod('p1')).toBe(true);
    c.advance(1);
    expect(c.hasPod('p1')).toBe(false);
    expect(c.eventLines('p1').at(-1)).toBe('10 Killing Stopping container nginx');
    expect(c.layer.describe().nodes[0].pods).toEqual([]);
  });

  it('keeps a stopped pod while finalizers hold it, then removes it', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p1' });
    c.settle();
    c.updatePod('p1', (p) => ({ ...p, metadata: { ...p.metadata, finalizers: ['example.io/hold'] } }));
    c.deletePod('p1');
    c.settle();
    expect(c.hasPod('p1')).toBe(true);
    expect(c.pod('p1').status.phase).toBe('Succeeded');
    expect(c.pod('p1').status.containerStatuses?.[0]).toMatchObject({ ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    c.updatePod('p1', (p) => ({ ...p, metadata: { ...p.metadata, finalizers: [] } }));
    c.settle();
    expect(c.hasPod('p1')).toBe(false);
  });

  it('caps the stop at terminationGracePeriodSeconds', () => {
    const c = new FakeCluster({ timings: { stopSeconds: 20 } });
    c.createPod({ name: 'p1', terminationGracePeriodSeconds: 3 });
    c.settle();
    c.deletePod('p1');
    c.advance(2.9);
    expect(c.hasPod('p1')).toBe(true);
    c.advance(0.1);
    expect(c.hasPod('p1')).toBe(false);
  });

  it('removes a pod still pulling without a Killing event', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p1' });
    c.advance(3);
    c.deletePod('p1');
    c.settle();
    expect(c.hasPod('p1')).toBe(false);
    expect(c.eventLines('p1').map((l) => l.split(' ')[1])).toEqual(['Scheduled', 'Pulling']);
  });

  it('stops the timers of a pod that leaves the store mid-way (a forced delete while pulling or starting)', () => {
    for (const at of [3, 5.5]) {
      const c = new FakeCluster();
      c.createPod({ name: 'p1' });
      c.advance(at);
      const pod = c.pod('p1');
      c.podMap.delete('p1');
      c.layer.podRemoved(pod);
      // nothing left to run: the pull (or the start) that was under way is cancelled with the pod
      expect(c.clock.pendingForeground()).toBe(0);
      const seen = c.events.length;
      c.advance(60);
      expect(c.events.length).toBe(seen);
      expect(c.layer.describe().nodes.flatMap((n) => n.pods)).toEqual([]);
    }
  });

  it('removes a pod that was never bound at once', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p1' });
    c.advance(0.5);
    c.deletePod('p1');
    c.advance(0);
    expect(c.hasPod('p1')).toBe(false);
    c.settle();
    expect(c.events).toEqual([]);
  });

  it('gives a replacement with the same name a new IP', () => {
    const c = new FakeCluster({ nodes: 1 });
    c.createPod({ name: 'p1' });
    c.settle();
    const ip = c.pod('p1').status.podIP;
    c.deletePod('p1');
    c.settle();
    c.createPod({ name: 'p1' });
    c.settle();
    expect(c.pod('p1').status.podIP).not.toBe(ip);
    expect(c.pod('p1').status.containerStatuses?.[0].restartCount).toBe(0);
  });
});

describe('node layer: determinism and the model view', () => {
  const run = () => {
    const c = new FakeCluster({ timings: { pvcBindSeconds: 2 } });
    for (let i = 0; i < 4; i++) {
      c.createPvc(`data-p${i}`);
      readyPod(c, `p${i}`, { claims: [`data-p${i}`] });
    }
    c.settle();
    c.setImage('p2', 'nginx');
    c.deletePod('p0');
    c.createPod({ name: 'bad', image: 'nginx:does-not-exist' });
    c.advance(60);
    c.settle();
    return { events: c.events, pods: [...c.podMap.values()], view: c.layer.describe() };
  };

  it('gives identical events, objects and machine states on two runs', () => {
    const a = run();
    const b = run();
    expect(b.events).toEqual(a.events);
    expect(b.pods).toEqual(a.pods);
    expect(JSON.parse(JSON.stringify(b.view))).toEqual(JSON.parse(JSON.stringify(a.view)));
  });

  it('describes machine states per pod and the image cache per node', () => {
    const { view } = run();
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
    const pods = view.nodes.flatMap((n) => n.pods);
    expect(pods.find((p) => p.name === 'p2')?.containers[0]).toMatchObject({ state: 'running.ready', restartCount: 1, image: 'nginx', ready: true });
    expect(pods.find((p) => p.name === 'bad')?.containers[0]).toMatchObject({ state: 'imagePullBackOff', ready: false });
    expect(pods.find((p) => p.name === 'p0')).toBeUndefined();
    expect(view.nodes.find((n) => n.pods.some((p) => p.name === 'p2'))?.images).toContain('docker.io/library/nginx:latest');
  });
});
