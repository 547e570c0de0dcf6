import { describe, expect, it } from 'vitest';
import { FakeCluster } from './nodeFakeHost';
import { imageExists, imageIdOf, normalizeImage, pullErrorMessage } from '../../src/sim/node/registry';
import { goDurationString } from '../../src/sim/node/goDuration';
import { getPhase } from '../../src/sim/node/podStatus';

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:does-not-exist": ' +
  'failed to resolve reference "docker.io/library/nginx:does-not-exist": docker.io/library/nginx:does-not-exist: not found';

describe('simulated registry', () => {
  it('normalizes references like docker', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.19.6-alpine')).toBe('docker.io/library/nginx:1.19.6-alpine');
    expect(normalizeImage('openkruise/kruise-manager:v1.9.0')).toBe('docker.io/openkruise/kruise-manager:v1.9.0');
    expect(normalizeImage('registry.k8s.io/pause:3.9')).toBe('registry.k8s.io/pause:3.9');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeImage('nginx@sha256:abc')).toBe('docker.io/library/nginx@sha256:abc');
  });

  it('has every image but the does-not-exist / nonexistent ones', () => {
    expect(imageExists('nginx:alpine')).toBe(true);
    expect(imageExists('nginx:does-not-exist')).toBe(false);
    expect(imageExists('example.com/nonexistent/app:1')).toBe(false);
    expect(imageExists('NGINX:Does-Not-Exist')).toBe(false);
    expect(pullErrorMessage('nginx:does-not-exist')).toBe(NOT_FOUND);
  });

  it('gives stable digests per normalized reference', () => {
    expect(imageIdOf('nginx')).toBe(imageIdOf('docker.io/library/nginx:latest'));
    expect(imageIdOf('nginx')).not.toBe(imageIdOf('nginx:alpine'));
    expect(imageIdOf('nginx@sha256:abc')).toBe('docker.io/library/nginx@sha256:abc');
  });

  it("prints durations like Go's time.Duration", () => {
    expect(goDurationString(5)).toBe('5s');
    expect(goDurationString(7.8)).toBe('7.8s');
    expect(goDurationString(29.136659264)).toBe('29.136659264s');
    expect(goDurationString(0.5)).toBe('500ms');
    expect(goDurationString(90)).toBe('1m30s');
    expect(goDurationString(3600)).toBe('1h0m0s');
    expect(goDurationString(0)).toBe('0s');
  });
});

describe('node layer: images that cannot be pulled', () => {
  it('goes ErrImagePull → ImagePullBackOff and retries after 10 s, 20 s, 40 s … up to 300 s', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p', image: 'nginx:does-not-exist' });
    c.advance(2.5);
    expect(c.pod('p').status.containerStatuses?.[0].state).toEqual({ waiting: { reason: 'ErrImagePull', message: NOT_FOUND } });
    c.advance(1);
    expect(c.pod('p').status.containerStatuses?.[0].state).toEqual({
      waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:does-not-exist"' },
    });
    expect(c.eventLines('p')).toEqual([
      '1 Scheduled Successfully assigned default/p to node-1',
      '1 Pulling Pulling image "nginx:does-not-exist"',
      `2 Failed Failed to pull image "nginx:does-not-exist": ${NOT_FOUND}`,
      '2 Failed Error: ErrImagePull',
      '3 BackOff Back-off pulling image "nginx:does-not-exist"',
      '3 Failed Error: ImagePullBackOff',
    ]);
    c.advance(10);
    expect(c.eventLines('p')[6]).toBe('12 Pulling Pulling image "nginx:does-not-exist"');
    expect(c.events.filter((e) => e.reason === 'Failed').every((e) => e.type === 'Warning')).toBe(true);
    expect(c.events.find((e) => e.reason === 'BackOff')?.type).toBe('Normal');
    c.advance(1500);
    const pulls = c.events.filter((e) => e.reason === 'Pulling').map((e) => e.time);
    const failures = c.events.filter((e) => e.message === 'Error: ErrImagePull').map((e) => e.time);
    const waits = pulls.slice(1).map((t, i) => t - failures[i]);
    expect(waits.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(c.pod('p').status.phase).toBe('Pending');
    expect(c.condition('p', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
  });

  it('lets the cluster rest while only back-off retries are pending', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p', image: 'nginx:does-not-exist' });
    c.settle();
    expect(c.now()).toBe(3);
    expect(c.layer.isQuiescent()).toBe(true);
    expect(c.clock.pendingForeground()).toBe(0);
    expect(c.clock.pending()).toBe(1);
    expect(c.layer.describe().nodes[0].pods[0].containers[0]).toMatchObject({ state: 'imagePullBackOff', backOffSeconds: 10 });
  });

  it('pulls a corrected image at once, without waiting for the back-off', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p', image: 'nginx:does-not-exist' });
    c.settle();
    c.setImage('p', 'nginx:alpine');
    c.settle();
    expect(c.eventLines('p').slice(-4)).toEqual([
      '3 Pulling Pulling image "nginx:alpine"',
      '8 Pulled Successfully pulled image "nginx:alpine" in 5s (5s including waiting)',
      '9 Created Created container nginx',
      '9 Started Started container nginx',
    ]);
    expect(c.pod('p').status.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0, image: 'nginx:alpine' });
    expect(c.clock.pending()).toBe(0);
  });

  it('keeps a pod Running with the old run as lastState when an in-place update names a missing image', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p' });
    c.settle();
    c.setImage('p', 'nginx:does-not-exist');
    c.settle();
    const pod = c.pod('p');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      image: 'nginx:alpine',
      state: { waiting: { reason: 'ImagePullBackOff' } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: 7, finishedAt: 9 } },
    });
    c.setImage('p', 'nginx:alpine');
    c.settle();
    expect(c.pod('p').status.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 1, image: 'nginx:alpine', state: { running: {} } });
  });

  it('reports ErrImageNeverPull for a missing image with pull policy Never', () => {
    const c = new FakeCluster();
    c.createPod({ name: 'p', imagePullPolicy: 'Never' });
    c.settle();
    expect(c.eventLines('p').slice(1)).toEqual([
      '1 ErrImageNeverPull Container image "nginx:alpine" is not present with pull policy of Never',
      '1 Failed Error: ErrImageNeverPull',
    ]);
    expect(c.pod('p').status.containerStatuses?.[0].state?.waiting?.reason).toBe('ErrImageNeverPull');
  });
});

describe('pod phase', () => {
  const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
  it('is Pending while a container waits for its first start, Running once all have started', () => {
    const running = { name: 'a', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } };
    const waiting = { name: 'b', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
    const restarting = { ...waiting, state: { waiting: { reason: 'ErrImagePull' } }, lastState: { terminated: { exitCode: 0 } } };
    expect(getPhase(spec, [running, waiting])).toBe('Pending');
    expect(getPhase(spec, [running, restarting])).toBe('Running');
    expect(getPhase(spec, [running])).toBe('Pending');
  });
});
