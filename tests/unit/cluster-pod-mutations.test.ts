// The cluster's pod and claim mutations behind kubectl annotate/patch/delete pvc: what each
// stores, what the API server refuses, and that a snapshot replays them into the same objects.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { ApplyError } from '../../src/sim/apply';
import { StoreError } from '../../src/sim/store';
import type { Pod } from '../../src/sim/api/types';

const CLONESET = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: 'nginx:alpine'}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

function running(): { cluster: Cluster; pod: Pod } {
  const cluster = new Cluster({ seed: 3 });
  cluster.apply(CLONESET);
  cluster.settle();
  return { cluster, pod: cluster.pods()[0] };
}

/** Every stored object and event, as text: equal text, equal clusters. */
const everything = (c: Cluster): string =>
  JSON.stringify([c.store.list('Pod'), c.store.list('PersistentVolumeClaim'), c.store.list('CloneSet'), c.store.list('ControllerRevision'), c.eventList(), c.now()]);

const replayed = (c: Cluster): Cluster => Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())));

describe('annotatePod', () => {
  it('sets and removes annotations and leaves labels alone', () => {
    const { cluster, pod } = running();
    const name = pod.metadata.name;
    cluster.annotatePod('default', name, { team: 'a', note: 'x' });
    const after = cluster.annotatePod('default', name, { note: null });
    expect(after.metadata.annotations).toEqual({ ...pod.metadata.annotations, team: 'a' });
    expect(after.metadata.labels).toEqual(pod.metadata.labels);
    expect(() => cluster.annotatePod('default', 'nope', { a: 'b' })).toThrow(StoreError);
  });

  it('replays from a snapshot into the same objects', () => {
    const { cluster, pod } = running();
    cluster.annotatePod('default', pod.metadata.name, { team: 'a' });
    cluster.advance(5);
    expect(everything(replayed(cluster))).toBe(everything(cluster));
  });
});

describe('replacePod', () => {
  it('an image change is stored and the kubelet restarts that container in place', () => {
    const { cluster, pod } = running();
    const name = pod.metadata.name;
    const next = structuredClone(pod);
    next.spec.containers[0].image = 'nginx:1.19';
    const stored = cluster.replacePod('default', name, next);
    expect(stored.metadata.uid).toBe(pod.metadata.uid);
    expect(stored.status).toEqual(pod.status);
    cluster.settle();
    const live = cluster.store.get('Pod', 'default', name)!;
    expect(live.status.containerStatuses?.[0]).toMatchObject({ image: 'nginx:1.19', restartCount: 1, ready: true });
    expect(cluster.eventList().some((e) => e.involvedObject.name === name && e.reason === 'Killing' && /definition changed/.test(e.message))).toBe(true);
  });

  it('allows labels, annotations, a lower activeDeadlineSeconds and added tolerations', () => {
    const { cluster, pod } = running();
    const next = structuredClone(pod);
    next.metadata.labels = { ...next.metadata.labels, tier: 'web' };
    next.metadata.annotations = { note: 'x' };
    next.spec.activeDeadlineSeconds = 600;
    next.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }];
    const stored = cluster.replacePod('default', pod.metadata.name, next);
    expect(stored.metadata.labels?.tier).toBe('web');
    expect(stored.spec.activeDeadlineSeconds).toBe(600);
    const raised = structuredClone(stored);
    raised.spec.activeDeadlineSeconds = 900;
    expect(() => cluster.replacePod('default', pod.metadata.name, raised)).toThrow('spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value');
    const dropped = structuredClone(stored);
    dropped.spec.tolerations = [];
    expect(() => cluster.replacePod('default', pod.metadata.name, dropped)).toThrow(/spec: Forbidden: pod updates may not change fields other than/);
  });

  it('refuses other spec changes and a new name with the API server\'s words, and changes nothing', () => {
    const { cluster, pod } = running();
    const name = pod.metadata.name;
    const before = everything(cluster);
    const next = structuredClone(pod);
    next.spec.restartPolicy = 'Never';
    expect(() => cluster.replacePod('default', name, next)).toThrow(ApplyError);
    expect(() => cluster.replacePod('default', name, next)).toThrow(
      `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\``,
    );
    const renamed = structuredClone(pod);
    renamed.metadata.name = 'other';
    expect(() => cluster.replacePod('default', name, renamed)).toThrow(/metadata\.name: Invalid value: "other": field is immutable/);
    expect(everything(cluster)).toBe(before);
  });

  it('keeps the stored status whatever the new object says', () => {
    const { cluster, pod } = running();
    const next = structuredClone(pod);
    next.status = { ...next.status, phase: 'Failed' };
    next.metadata.labels = { ...next.metadata.labels, x: 'y' };
    expect(cluster.replacePod('default', pod.metadata.name, next).status.phase).toBe('Running');
  });

  it('replays from a snapshot into the same objects, refused calls included', () => {
    const { cluster, pod } = running();
    const next = structuredClone(pod);
    next.spec.containers[0].image = 'nginx:1.19';
    cluster.replacePod('default', pod.metadata.name, next);
    const bad = structuredClone(pod);
    bad.spec.dnsPolicy = 'None';
    expect(() => cluster.replacePod('default', pod.metadata.name, bad)).toThrow();
    cluster.settle();
    expect(everything(replayed(cluster))).toBe(everything(cluster));
  });
});

describe('deletePvc', () => {
  it('removes the claim at once (no pvc-protection finalizer is modelled)', () => {
    const { cluster } = running();
    const claim = cluster.store.list('PersistentVolumeClaim', 'default')[0].metadata.name;
    expect(cluster.deletePvc('default', claim).metadata.name).toBe(claim);
    expect(cluster.store.get('PersistentVolumeClaim', 'default', claim)).toBeUndefined();
    expect(() => cluster.deletePvc('default', claim)).toThrow('persistentvolumeclaims "' + claim + '" not found');
  });

  it('replays from a snapshot into the same objects', () => {
    const { cluster } = running();
    cluster.deletePvc('default', cluster.store.list('PersistentVolumeClaim', 'default')[1].metadata.name);
    cluster.advance(30);
    expect(everything(replayed(cluster))).toBe(everything(cluster));
  });
});
