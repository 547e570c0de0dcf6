import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';

const cloneSet = (replicas: number | string, image = 'nginx:alpine', extra = '') => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

describe('the simulated cluster', () => {
  it('turns replicas: 1000000 into a quota error the learner sees, not a frozen tab', () => {
    const cluster = new Cluster({ podQuota: 50 });
    expect(cluster.apply(cloneSet(1_000_000)).ok).toBe(true);
    cluster.advance(5);
    expect(cluster.pods()).toHaveLength(50);
    const failed = cluster.eventList().find((e) => e.reason === 'FailedCreate');
    expect(failed?.message).toMatch(/^failed to create pod: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=50, limited: pods=50, pod: \{/);
    const status = cluster.cloneSets()[0].status;
    expect(status?.conditions?.find((c) => c.type === 'FailedScale')?.message).toMatch(/exceeded quota: pod-quota/);
  });

  it('leaves everything as it was when an apply is refused', () => {
    const cluster = new Cluster();
    cluster.apply(cloneSet(3));
    cluster.settle();
    const before = JSON.stringify(cluster.state());
    const rejected = [
      cloneSet(3, 'nginx:alpine', '  updateStrategy:\n    partition: -1\n'),
      cloneSet('"five"'),
      'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: web\n',
      cloneSet(3).replace('  selector:\n    matchLabels: {app: web}', '  selector:\n    matchLabels: {app: other}'),
    ];
    for (const text of rejected) {
      const outcome = cluster.apply(text);
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toBeTruthy();
    }
    expect(JSON.stringify(cluster.state())).toBe(before);
  });

  it('points a YAML error at its line', () => {
    const outcome = new Cluster().apply(cloneSet(3).replace('      - name: nginx', '      - name: nginx\n       image: broken'));
    expect(outcome.ok).toBe(false);
    expect(outcome.problems[0].line).toBeGreaterThan(10);
    expect(outcome.error).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+:/);
  });

  it('replays a snapshot into the very same state', () => {
    const cluster = new Cluster({ seed: 42 });
    cluster.apply(cloneSet(4));
    cluster.settle();
    cluster.apply(cloneSet(4, 'nginx:1.25', '  updateStrategy:\n    type: InPlaceIfPossible\n    partition: 1\n'));
    cluster.advance(3);
    const pod = cluster.pods()[0].metadata.name;
    cluster.deletePod('default', pod);
    cluster.settle();
    const restored = Cluster.restore(JSON.parse(JSON.stringify(cluster.snapshot())));
    expect(JSON.stringify(restored.state())).toBe(JSON.stringify(cluster.state()));
  });

  it('comes to rest while a bad image keeps backing off', () => {
    const cluster = new Cluster();
    cluster.apply(cloneSet(1, 'nginx:does-not-exist'));
    expect(cluster.settle(600)).toBe(true);
    const [pod] = cluster.state().pods;
    expect(pod.containers[0].state).toMatch(/waiting:(ErrImagePull|ImagePullBackOff)/);
    expect(cluster.eventList().some((e) => e.reason === 'Failed' && e.message.includes('nginx:does-not-exist'))).toBe(true);
  });
});

describe('what wakes the controller', () => {
  it('a claim being bound does not trigger a reconcile; a claim being deleted does (kruise pvcEventHandler)', () => {
    const cluster = new Cluster({ seed: 3 });
    const controller = cluster.controller as unknown as { pending(): number };
    const ok = cluster.apply(`apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:alpine}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    expect(ok.ok).toBe(true);
    cluster.settle();
    const pvc = cluster.store.list('PersistentVolumeClaim', 'default')[0];
    expect(controller.pending()).toBe(0);
    cluster.store.update('PersistentVolumeClaim', { ...pvc, metadata: { ...pvc.metadata, annotations: { touched: 'yes' } } });
    expect(controller.pending()).toBe(0);
    cluster.store.update('PersistentVolumeClaim', { ...pvc, metadata: { ...pvc.metadata, deletionTimestamp: cluster.now() } });
    expect(controller.pending()).toBe(1);
  });
});

describe('why a pod is recreated', () => {
  it('the update record names the template field that ruled out an in-place update', () => {
    const cluster = new Cluster({ seed: 5 });
    const manifest = (env: string) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:alpine${env}}]
  updateStrategy: {type: InPlaceIfPossible}
`;
    expect(cluster.apply(manifest('')).ok).toBe(true);
    cluster.settle();
    expect(cluster.apply(manifest(', env: [{name: FOO, value: bar}]')).ok).toBe(true);
    cluster.settle();
    const recreates = cluster.decisions.filter((d) => d.step === 'update' && d.why.rule === 'recreate');
    expect(recreates.length).toBe(2);
    for (const d of recreates) expect(d.why).toMatchObject({ forcedBy: 'spec.template.spec.containers[0].env' });
  });
});

describe('cheap change checks', () => {
  it('inputCount and inputsSince agree with the snapshot; the event recorder counts its writes', () => {
    const cluster = new Cluster({ seed: 2 });
    const versionBefore = cluster.events.version;
    expect(cluster.apply(cloneSet(2)).ok).toBe(true);
    cluster.advance(5);
    expect(cluster.inputCount()).toBe(cluster.snapshot().inputs.length);
    expect(cluster.inputsSince(1)).toEqual(cluster.snapshot().inputs.slice(1));
    expect(cluster.events.version).toBeGreaterThan(versionBefore);
    const settled = cluster.events.version;
    const list = cluster.eventList();
    expect(cluster.events.version).toBe(settled);
    expect(cluster.eventList()).toEqual(list);
  });
});
