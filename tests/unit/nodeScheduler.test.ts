import { describe, expect, it } from 'vitest';
import { FakeCluster } from './nodeFakeHost';
import { fitErrorMessage } from '../../src/sim/node/scheduler';

const scheduling = (c: FakeCluster, pod?: string) =>
  c.eventLines(pod).filter((l) => / (Scheduled|FailedScheduling) /.test(l));

describe('node layer: scheduler', () => {
  it('reports "Too many pods" when every node is full, retries with a growing back-off, and schedules once room frees', () => {
    const c = new FakeCluster({ nodes: 3, maxPods: 1 });
    for (let i = 0; i < 4; i++) c.createPod({ name: `p${i}` });
    c.settle();
    expect(scheduling(c, 'p3')).toEqual(['1 FailedScheduling 0/3 nodes are available: 3 Too many pods.', '6 FailedScheduling 0/3 nodes are available: 3 Too many pods.']);
    expect(c.condition('p3', 'PodScheduled')).toEqual({
      type: 'PodScheduled',
      status: 'False',
      lastTransitionTime: 1,
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Too many pods.',
    });
    expect(c.pod('p3').status.phase).toBe('Pending');
    // Only background retries are left: the cluster is at rest.
    expect(c.layer.isQuiescent()).toBe(true);
    expect(c.clock.pendingForeground()).toBe(0);
    expect(c.clock.pending()).toBe(1);
    c.advance(60); // back-off 10 s, 20 s, 40 s …
    expect(scheduling(c, 'p3').map((l) => Number(l.split(' ')[0]))).toEqual([1, 6, 16, 36]);
    expect(c.layer.describe().scheduler.queue).toEqual([
      { pod: 'default/p3', failures: 4, nextAttemptAt: 76, background: true, message: '0/3 nodes are available: 3 Too many pods.' },
    ]);
    c.deletePod('p1');
    c.settle();
    expect(scheduling(c, 'p3').at(-1)).toBe('70 Scheduled Successfully assigned default/p3 to node-2');
    expect(c.condition('p3', 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: 70 });
    expect(c.pod('p3').status.phase).toBe('Running');
    expect(c.layer.describe().scheduler.queue).toEqual([]);
  });

  it('caps the scheduling back-off at 60 s', () => {
    const c = new FakeCluster({ nodes: 1, maxPods: 0 });
    c.createPod({ name: 'p' });
    c.advance(400);
    const times = scheduling(c, 'p').map((l) => Number(l.split(' ')[0]));
    expect(times.slice(0, 7)).toEqual([1, 6, 16, 36, 76, 136, 196]);
  });

  it('waits for unbound PersistentVolumeClaims, then schedules once they are Bound', () => {
    const c = new FakeCluster({ timings: { pvcBindSeconds: 3 } });
    c.createPvc('data-vol-p');
    c.createPod({ name: 'p', claims: ['data-vol-p'] });
    c.advance(2);
    expect(c.pvcMap.get('data-vol-p')?.status.phase).toBe('Pending');
    expect(c.layer.describe().pvcProvisioner.pending).toEqual([{ claim: 'default/data-vol-p', bindsAt: 3 }]);
    c.settle();
    expect(c.pvcMap.get('data-vol-p')?.status).toEqual({ phase: 'Bound', capacity: { storage: '20Gi' } });
    expect(c.eventLines('p')).toEqual([
      '1 FailedScheduling 0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.',
      '4 Scheduled Successfully assigned default/p to node-1',
      '4 Pulling Pulling image "nginx:alpine"',
      '9 Pulled Successfully pulled image "nginx:alpine" in 5s (5s including waiting)',
      '10 Created Created container nginx',
      '10 Started Started container nginx',
    ]);
  });

  it('schedules at once when claims bind before the first attempt (default timings)', () => {
    const c = new FakeCluster();
    c.createPvc('data-vol-p');
    c.createPod({ name: 'p', claims: ['data-vol-p'] });
    c.settle();
    expect(scheduling(c, 'p')).toEqual(['1 Scheduled Successfully assigned default/p to node-1']);
  });

  it('reports a missing claim', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p', claims: ['nope'] });
    c.settle();
    expect(scheduling(c, 'p')).toEqual(['1 FailedScheduling 0/3 nodes are available: persistentvolumeclaim "nope" not found.']);
  });

  it('skips unschedulable nodes and groups reasons in the message', () => {
    const c = new FakeCluster({ nodes: 3, maxPods: 1 });
    c.nodeList[0].spec.unschedulable = true;
    c.createPod({ name: 'a' });
    c.createPod({ name: 'b' });
    c.createPod({ name: 'c' });
    c.settle();
    expect(c.pod('a').spec.nodeName).toBe('node-2');
    expect(c.pod('b').spec.nodeName).toBe('node-3');
    expect(scheduling(c, 'c')[0]).toBe('1 FailedScheduling 0/3 nodes are available: 1 node(s) were unschedulable, 2 Too many pods.');
  });

  it('formats the FitError like the scheduler', () => {
    expect(fitErrorMessage(22, new Map([['pod has unbound immediate PersistentVolumeClaims', 22]]))).toBe(
      '0/22 nodes are available: 22 pod has unbound immediate PersistentVolumeClaims.',
    );
  });

  it('orders nodes naturally (node-2 before node-10)', () => {
    const c = new FakeCluster({ nodes: 10, maxPods: 5 });
    for (let i = 0; i < 10; i++) c.createPod({ name: `p${i}` });
    c.settle();
    expect(c.pod('p1').spec.nodeName).toBe('node-2');
    expect(c.pod('p9').spec.nodeName).toBe('node-10');
    expect(c.pod('p9').status.podIP).toBe('10.244.10.2');
  });
});
