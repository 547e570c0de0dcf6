import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/sim/api/types';
import { sortIndexesByActivePods } from '../../src/sim/controller/activePods';
import { isPodReady, maxContainerRestarts, podReadings } from '../../src/sim/controller/podState';
import { memoOf, ObjectStore } from '../../src/sim/store';

function pod(name: string, ready: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { 'controller-revision-hash': 'web-abc' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: 3 }] },
  };
}

describe('object store', () => {
  it('stores frozen versions with a fresh resourceVersion, sharing nothing with the caller', () => {
    const store = new ObjectStore(() => 7);
    const given = pod('a', true);
    const created = store.create('Pod', given);
    expect(Object.isFrozen(created) && Object.isFrozen(created.metadata) && Object.isFrozen(created.spec.containers[0])).toBe(true);
    expect(created.metadata).toMatchObject({ uid: '00000000-0000-4000-8000-000000000001', resourceVersion: '1', creationTimestamp: 7 });
    expect(given.metadata.uid).toBeUndefined();
    const updated = store.update('Pod', { ...created, status: pod('a', false).status });
    expect(updated.metadata).toMatchObject({ uid: created.metadata.uid, resourceVersion: '2', creationTimestamp: 7 });
    expect(store.get('Pod', 'default', 'a')).toBe(updated);
  });

  it('freezes every new part of an update, also where it replaces or sits beside parts of the old version', () => {
    const store = new ObjectStore(() => 0);
    const created = store.create('Pod', pod('a', true));
    const v1 = store.update('Pod', { ...created, status: pod('a', true).status });
    const kept = v1.status.conditions![0];
    const added = { type: 'ContainersReady', status: 'True' as const };
    const containers = [v1.spec.containers[0], { name: 'sidecar', image: 'busybox' }];
    const v2 = store.update('Pod', {
      ...v1,
      spec: { ...v1.spec, containers },
      // the old condition moved to the second place, a new one before it
      status: { ...v1.status, conditions: [added, kept] },
    });
    expect(v2.spec.containers[0]).toBe(v1.spec.containers[0]);
    for (const part of [v2, v2.metadata, v2.spec, v2.spec.containers, v2.spec.containers[1], v2.status, v2.status.conditions, added]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it('gives every stored version its own memo, which no copy takes along', () => {
    const store = new ObjectStore(() => 0);
    const v1 = store.create('Pod', pod('a', true));
    const memo = memoOf(v1);
    expect(memo).toEqual({});
    memo!.note = 'kept';
    expect(memoOf(store.get('Pod', 'default', 'a')!)).toBe(memo);
    // not part of the object's data
    expect(Object.keys(v1)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(JSON.stringify(v1)).not.toContain('kept');
    expect(memoOf({ ...v1 })).toBeUndefined();
    expect(memoOf(structuredClone(v1))).toBeUndefined();
    expect(memoOf(pod('b', true))).toBeUndefined();
    // a new version starts empty
    const v2 = store.update('Pod', { ...v1, status: pod('a', false).status });
    expect(memoOf(v2)).toEqual({});
    expect(memoOf(v1)).toBe(memo);
  });

  it('keeps pod readings with the version they were read from', () => {
    const store = new ObjectStore(() => 0);
    const v1 = store.create('Pod', pod('a', true));
    const r1 = podReadings(v1);
    expect(podReadings(v1)).toBe(r1);
    expect(memoOf(v1)?.readings).toBe(r1);
    expect(r1).toMatchObject({ revisionHash: 'web-abc', shortHash: 'abc' });
    // a stored pod is Pending until a kubelet reports
    expect(r1.running).toBe(false);
    const v2 = store.update('Pod', { ...v1, status: pod('a', true).status });
    const r2 = podReadings(v2);
    expect(r2).not.toBe(r1);
    expect([r2.running, r2.ready, r2.readySince]).toEqual([true, true, 3]);
    expect(isPodReady(v2)).toBe(true);
    // pods the store did not write are read afresh each time (unless frozen)
    const loose = pod('b', true);
    expect(podReadings(loose)).not.toBe(podReadings(loose));
    const frozen = Object.freeze(pod('c', true));
    expect(podReadings(frozen)).toBe(podReadings(frozen));
  });
});

describe('derived values kept with stored pods', () => {
  it('sorts stored pods by the update order, keeping each key with its version', () => {
    const store = new ObjectStore(() => 0);
    const a = store.create('Pod', pod('a', true));
    const b = store.create('Pod', { ...pod('b', true), spec: { ...pod('b', true).spec, nodeName: 'node-1' } });
    const ready = (p: Pod, restarts: number[]) =>
      store.update('Pod', {
        ...p,
        status: { ...pod(p.metadata.name, true).status, containerStatuses: restarts.map((r, i) => ({ name: `c${i}`, ready: true, restartCount: r, image: 'nginx', imageID: '' })) },
      });
    const pods = [ready(a, [0, 3]), ready(b, [1])];
    expect(maxContainerRestarts(pods[0])).toBe(3);
    expect(maxContainerRestarts(pod('c', true))).toBe(0);
    // a (no node) is updated before b; then b's key is kept with b
    expect(sortIndexesByActivePods(pods, [1, 0])).toEqual([0, 1]);
    expect(memoOf(pods[1])?.updateOrderKey).toMatchObject({ unassigned: false, restarts: 1, ready: true });
    expect(sortIndexesByActivePods(pods, [0, 1])).toEqual([0, 1]);
  });
});
