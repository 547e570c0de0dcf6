// SPEC §18 "Blog era": each difference between kruiseVersion "1.9" (default) and "0.7".
import { describe, expect, it } from 'vitest';
import type { CloneSet, ControllerRevision, Pod } from '../../src/sim/api/types';
import { Cluster } from '../../src/sim/cluster';
import { currentRevisionFromPods, inPlaceAnnotationKeys, parseKruiseEra, toEraPod } from '../../src/sim/controller/era';
import { calculatePartitionReplicas } from '../../src/sim/controller/partition';
import { calculateStatus } from '../../src/sim/controller/status';
import { withEraPartition } from '../../src/sim/controller/syncCloneSet';
import { parseScenario, ScenarioError } from '../../src/scenario/scenario';

const manifest = (o: { image?: string; replicas?: number; paused?: boolean; partition?: number | string; grace?: number } = {}) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: web
spec:
  replicas: ${o.replicas ?? 3}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${o.image ?? 'nginx:alpine'}
  updateStrategy:
    type: InPlaceIfPossible
    paused: ${o.paused ?? false}
    partition: ${JSON.stringify(o.partition ?? 0)}
    inPlaceUpdateStrategy: {gracePeriodSeconds: ${o.grace ?? 0}}
`;

const condition = (pod: Pod, type: string) => pod.status.conditions?.find((c) => c.type === type);
const settled = (era: '1.9' | '0.7', o: Parameters<typeof manifest>[0] = {}) => {
  const cluster = new Cluster({ kruiseVersion: era, timings: { pullSeconds: {} } });
  expect(cluster.apply(manifest(o)).ok).toBe(true);
  expect(cluster.settle()).toBe(true);
  return cluster;
};

function revision(name: string, n: number): ControllerRevision {
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name }, data: { spec: { template: { metadata: {}, spec: { containers: [] } } } }, revision: n };
}
const podAt = (rev: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${rev}`, labels: { 'controller-revision-hash': rev } }, spec: { containers: [] }, status: {} });

describe('kruiseVersion option', () => {
  it('defaults to 1.9, accepts "0.7" (or the YAML number 0.7), refuses anything else', () => {
    expect(parseKruiseEra(undefined)).toBe('1.9');
    expect(parseKruiseEra('0.7')).toBe('0.7');
    expect(parseKruiseEra(0.7)).toBe('0.7');
    expect(parseKruiseEra(1.9)).toBe('1.9');
    expect(() => parseKruiseEra('1.0')).toThrow(/unsupported kruiseVersion "1.0"/);
    expect(new Cluster().kruiseEra).toBe('1.9');
    expect(() => new Cluster({ kruiseVersion: '0.8' as never })).toThrow(/unsupported/);
  });

  it('is read from a scenario file\'s cluster block, and survives a snapshot', () => {
    const text = (v: string) => `name: x\ncluster:\n  kruiseVersion: ${v}\nsteps: []\n`;
    expect(parseScenario(text('"0.7"')).cluster.kruiseVersion).toBe('0.7');
    expect(parseScenario(text('0.7')).cluster.kruiseVersion).toBe('0.7');
    expect(() => parseScenario(text('"2.0"'))).toThrow(ScenarioError);
    const cluster = new Cluster({ kruiseVersion: '0.7' });
    expect(Cluster.restore(cluster.snapshot()).kruiseEra).toBe('0.7');
  });
});

describe('0.7: new pods', () => {
  it('are created directly in lifecycle Normal, without pod-template-hash', () => {
    const cluster = new Cluster({ kruiseVersion: '0.7' });
    cluster.apply(manifest());
    cluster.advance(0.15);
    const pods = cluster.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('Normal');
      expect(p.metadata.labels).not.toHaveProperty('pod-template-hash');
    }
    // 1.9 for comparison
    const modern = new Cluster();
    modern.apply(manifest());
    modern.advance(0.15);
    expect(modern.pods().map((p) => p.metadata.labels?.['lifecycle.apps.kruise.io/state'])).toEqual(['PreparingNormal', 'PreparingNormal', 'PreparingNormal']);
  });

  it('still become Ready when not paused (the refresh sets InPlaceUpdateReady)', () => {
    const cluster = settled('0.7');
    for (const p of cluster.pods()) expect(condition(p, 'InPlaceUpdateReady')?.status).toBe('True');
    expect(cluster.cloneSets()[0].status?.readyReplicas).toBe(3);
  });
});

describe('0.7: status', () => {
  it('has no currentRevision, expectedUpdatedReplicas, updatedAvailableReplicas, nor Progressing', () => {
    const cluster = settled('0.7');
    const status = cluster.cloneSets()[0].status!;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3 });
    expect(status.updateRevision).toMatch(/^web-/);
    expect(status).not.toHaveProperty('currentRevision');
    expect(status).not.toHaveProperty('expectedUpdatedReplicas');
    expect(status).not.toHaveProperty('updatedAvailableReplicas');
  });

  it('calculateStatus keeps the 1.9 fields by default', () => {
    const cs = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'x', generation: 1 }, spec: { replicas: 1, selector: {}, template: {}, progressDeadlineSeconds: 60 } } as unknown as CloneSet;
    const revisions = { currentRevision: 'a', updateRevision: 'b' };
    const modern = calculateStatus(cs, [], revisions, 0).status;
    expect(modern).toMatchObject({ currentRevision: 'a', expectedUpdatedReplicas: 1, updatedAvailableReplicas: 0 });
    expect(modern.conditions?.map((c) => c.type)).toContain('Progressing');
    const blogEra = calculateStatus(cs, [], revisions, 0, {}, '0.7').status;
    expect(blogEra).not.toHaveProperty('currentRevision');
    expect(blogEra).not.toHaveProperty('expectedUpdatedReplicas');
    expect(blogEra.conditions ?? []).toEqual([]);
  });

  it('the controller still tracks a current revision internally: the oldest revision a pod carries', () => {
    const revs = [revision('r3', 3), revision('r1', 1), revision('r2', 2)];
    expect(currentRevisionFromPods(revs, [podAt('r3'), podAt('r2')], revs[0]).metadata.name).toBe('r2');
    expect(currentRevisionFromPods(revs, [], revs[0]).metadata.name).toBe('r3');
  });

  it('so a partitioned rollout keeps old pods on the old template (scale-up below partition creates old pods)', () => {
    const cluster = settled('0.7', { replicas: 2 });
    cluster.apply(manifest({ replicas: 4, image: 'nginx:1.18.0', partition: 4 }));
    expect(cluster.settle()).toBe(true);
    // partition 4 of 4: every pod stays at the first revision, the 2 new ones included.
    expect(cluster.pods().map((p) => p.spec.containers[0].image)).toEqual(['nginx:alpine', 'nginx:alpine', 'nginx:alpine', 'nginx:alpine']);
  });
});

describe('0.7: partition', () => {
  it('a percent that rounds to every pod keeps every pod (no "at least one updated" rule)', () => {
    expect(calculatePartitionReplicas('99%', 9)).toEqual({ partitionPods: 8 });
    expect(calculatePartitionReplicas('99%', 9, '0.7')).toEqual({ partitionPods: 9 });
    expect(calculatePartitionReplicas('50%', 5, '0.7')).toEqual({ partitionPods: 3 });
    expect(calculatePartitionReplicas(7, 5, '0.7')).toEqual({ partitionPods: 5 });
  });

  it('the steps see the old rule\'s number; 1.9 leaves the spec alone', () => {
    const cs = { metadata: { name: 'x' }, spec: { replicas: 9, updateStrategy: { partition: '99%' } } } as unknown as CloneSet;
    expect(withEraPartition(cs, '1.9')).toBe(cs);
    expect(withEraPartition(cs, '0.7').spec.updateStrategy?.partition).toBe(9);
  });

  it('in a cluster: partition "99%" of 3 updates one pod in 1.9 and none in 0.7', () => {
    for (const [era, updated] of [['1.9', 1], ['0.7', 0]] as const) {
      const cluster = settled(era);
      cluster.apply(manifest({ image: 'nginx:1.18.0', partition: '99%' }));
      expect(cluster.settle()).toBe(true);
      expect(cluster.pods().filter((p) => p.spec.containers[0].image === 'nginx:1.18.0')).toHaveLength(updated);
    }
  });
});

describe('0.7: in-place annotations', () => {
  it('are written unprefixed (state, and grace during the grace period), and the update completes', () => {
    const cluster = settled('0.7');
    cluster.apply(manifest({ image: 'nginx:1.18.0', grace: 10 }));
    cluster.advance(1);
    const updating = cluster.pods().filter((p) => p.metadata.annotations?.['inplace-update-state'] !== undefined);
    expect(updating.length).toBeGreaterThan(0);
    for (const p of cluster.pods()) {
      expect(p.metadata.annotations).not.toHaveProperty('apps.kruise.io/inplace-update-state');
      expect(p.metadata.annotations).not.toHaveProperty('apps.kruise.io/inplace-update-grace');
      expect(p.metadata.labels).not.toHaveProperty('pod-template-hash');
    }
    expect(updating.some((p) => p.metadata.annotations?.['inplace-update-grace'] !== undefined)).toBe(true);
    expect(cluster.settle()).toBe(true);
    for (const p of cluster.pods()) {
      expect(p.spec.containers[0].image).toBe('nginx:1.18.0');
      expect(condition(p, 'InPlaceUpdateReady')?.status).toBe('True');
      expect(p.metadata.annotations).not.toHaveProperty('inplace-update-grace');
      expect(JSON.parse(p.metadata.annotations!['inplace-update-state']).revision).toBe(cluster.cloneSets()[0].status?.updateRevision);
    }
  });

  it('1.9 writes the prefixed keys', () => {
    const cluster = settled('1.9');
    cluster.apply(manifest({ image: 'nginx:1.18.0' }));
    expect(cluster.settle()).toBe(true);
    expect(cluster.pods().every((p) => p.metadata.annotations?.['apps.kruise.io/inplace-update-state'] !== undefined)).toBe(true);
    expect(cluster.pods().some((p) => p.metadata.annotations?.['inplace-update-state'] !== undefined)).toBe(false);
  });

  it('toEraPod renames both keys and is the identity for 1.9', () => {
    const { state, grace } = inPlaceAnnotationKeys('0.7');
    const pod: Pod = { ...podAt('r1'), metadata: { name: 'p', labels: { 'pod-template-hash': 'h' }, annotations: { 'apps.kruise.io/inplace-update-state': 's', 'apps.kruise.io/inplace-update-grace': 'g' } } };
    expect(toEraPod(pod, '1.9')).toBe(pod);
    expect(toEraPod(pod, '0.7').metadata).toEqual({ name: 'p', labels: {}, annotations: { [state]: 's', [grace]: 'g' } });
  });
});

describe('0.7: paused skips the whole update step, refresh included', () => {
  it('pods created while paused never get InPlaceUpdateReady and stay not Ready until resumed', () => {
    const cluster = settled('0.7', { replicas: 2 });
    cluster.apply(manifest({ replicas: 4, image: 'nginx:1.18.0', paused: true }));
    expect(cluster.settle()).toBe(true);
    cluster.advance(600);
    const fresh = cluster.pods().filter((p) => p.spec.containers[0].image === 'nginx:1.18.0');
    expect(fresh).toHaveLength(2);
    for (const p of fresh) {
      expect(condition(p, 'InPlaceUpdateReady')).toBeUndefined();
      expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady' });
    }
    expect(cluster.cloneSets()[0].status).toMatchObject({ readyReplicas: 2, updatedReplicas: 2, updatedReadyReplicas: 0 });

    cluster.apply(manifest({ replicas: 4, image: 'nginx:1.18.0', paused: false }));
    expect(cluster.settle()).toBe(true);
    expect(cluster.cloneSets()[0].status).toMatchObject({ readyReplicas: 4, updatedReplicas: 4, updatedReadyReplicas: 4 });
  });

  it('1.9 refreshes while paused: the same pods become Ready', () => {
    const cluster = settled('1.9', { replicas: 2 });
    cluster.apply(manifest({ replicas: 4, image: 'nginx:1.18.0', paused: true }));
    expect(cluster.settle()).toBe(true);
    expect(cluster.cloneSets()[0].status).toMatchObject({ readyReplicas: 4, updatedReplicas: 2, updatedReadyReplicas: 2 });
  });

  it('an in-place update in flight does not finish until resumed', () => {
    const cluster = settled('0.7', { replicas: 1 });
    cluster.apply(manifest({ replicas: 1, image: 'nginx:1.18.0' }));
    cluster.advance(0.15); // the update is written; the kubelet restarts the container
    const [started] = cluster.pods();
    expect(started.spec.containers[0].image).toBe('nginx:1.18.0');
    expect(condition(started, 'InPlaceUpdateReady')?.status).toBe('False');
    cluster.apply(manifest({ replicas: 1, image: 'nginx:1.18.0', paused: true }));
    expect(cluster.settle()).toBe(true);
    cluster.advance(600);
    const [paused] = cluster.pods();
    expect(paused.status.containerStatuses?.[0]).toMatchObject({ image: 'nginx:1.18.0', ready: true });
    expect(condition(paused, 'InPlaceUpdateReady')?.status).toBe('False');
    expect(paused.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('Updating');
    cluster.apply(manifest({ replicas: 1, image: 'nginx:1.18.0', paused: false }));
    expect(cluster.settle()).toBe(true);
    const [done] = cluster.pods();
    expect(condition(done, 'InPlaceUpdateReady')?.status).toBe('True');
    expect(done.metadata.labels?.['lifecycle.apps.kruise.io/state']).toBe('Normal');
  });
});
