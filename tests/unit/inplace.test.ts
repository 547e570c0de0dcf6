import { describe, expect, it } from 'vitest';
import { ANNOTATION_INPLACE_UPDATE_GRACE, ANNOTATION_INPLACE_UPDATE_STATE } from '../../src/sim/api/constants';
import { podSpecToGoJson, podTemplateToGoJson } from '../../src/sim/api/goJson';
import { parseQuantity } from '../../src/sim/api/quantity';
import { fromRFC3339 } from '../../src/sim/api/rfc3339';
import type { Container, ControllerRevision, Pod, PodTemplateSpec } from '../../src/sim/api/types';
import { toRFC3339 } from '../../src/sim/api/virtualTime';
import { DEFAULT_FEATURE_GATES, withFeatureGates } from '../../src/sim/controller/featureGates';
import { checkContainersInPlaceUpdateCompleted, checkInPlaceUpdateCompleted } from '../../src/sim/controller/inplaceCompletion';
import { calculateInPlaceUpdateSpec } from '../../src/sim/controller/inplaceSpec';
import { parseInPlaceUpdateState, type InPlaceUpdateState } from '../../src/sim/controller/inplaceState';
import { refreshInPlaceUpdate } from '../../src/sim/controller/inplaceRefresh';
import { inPlaceUpdatePod } from '../../src/sim/controller/inplaceUpdate';
import { createPatch } from '../../src/sim/controller/jsonPatch';
import { updatePod } from '../../src/sim/controller/updatePod';

const gates = DEFAULT_FEATURE_GATES;

function template(containers: Container[], labels: Record<string, string> = { app: 'web' }): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers } };
}

function revision(name: string, t: PodTemplateSpec): ControllerRevision {
  const stored = podTemplateToGoJson(t) as unknown as PodTemplateSpec;
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name }, data: { spec: { template: { $patch: 'replace', ...stored } } }, revision: 1 };
}

function pod(labels: Record<string, string>, containers: Container[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-abcde', labels },
    spec: { containers, readinessGates: [{ conditionType: 'InPlaceUpdateReady' }], nodeName: 'node-1' },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'InPlaceUpdateReady', status: 'True' },
      ],
      containerStatuses: containers.map((c) => ({ name: c.name, image: c.image ?? '', imageID: `${c.image}-id`, ready: true, restartCount: 0 })),
    },
  };
}

const nginx = (image: string, extra: Partial<Container> = {}): Container => ({ name: 'nginx', image, imagePullPolicy: 'IfNotPresent', ...extra });

describe('which template changes are in place (SPEC §11.1)', () => {
  it('an image change is in place', () => {
    const spec = calculateInPlaceUpdateSpec(revision('web-1', template([nginx('nginx:1')])), revision('web-2', template([nginx('nginx:2')])), {}, gates);
    expect(spec?.containerImages).toEqual({ nginx: 'nginx:2' });
    expect(spec?.metaDataPatch).toBeUndefined();
  });

  it('a metadata-only change is in place with no image to write', () => {
    const spec = calculateInPlaceUpdateSpec(
      revision('web-1', template([nginx('nginx:1')], { app: 'web' })),
      revision('web-2', template([nginx('nginx:1')], { app: 'web', tier: 'front' })),
      {},
      gates,
    );
    expect(spec).not.toBeNull();
    expect(spec?.containerImages).toEqual({});
    expect(spec?.metaDataPatch).toEqual({ metadata: { labels: { tier: 'front' } } });
  });

  it('an imagePullPolicy change forces a recreate', () => {
    const old = revision('web-1', template([nginx('nginx:1')]));
    const next = revision('web-2', template([nginx('nginx:1', { imagePullPolicy: 'Always' })]));
    expect(calculateInPlaceUpdateSpec(old, next, {}, gates)).toBeNull();
  });

  it('re-ordering env vars forces a recreate', () => {
    const a = { name: 'A', value: '1' };
    const b = { name: 'B', value: '2' };
    const old = revision('web-1', template([nginx('nginx:1', { env: [a, b] })]));
    const next = revision('web-2', template([nginx('nginx:2', { env: [b, a] })]));
    expect(calculateInPlaceUpdateSpec(old, next, {}, gates)).toBeNull();
  });

  it('resources change in place only with InPlaceWorkloadVerticalScaling', () => {
    const res = (cpu: string) => ({ resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu: '4', memory: '2Gi' } } });
    const old = revision('web-1', template([nginx('nginx:1', res('1'))]));
    const next = revision('web-2', template([nginx('nginx:1', res('2'))]));
    expect(calculateInPlaceUpdateSpec(old, next, {}, gates)).toBeNull();
    const spec = calculateInPlaceUpdateSpec(old, next, {}, withFeatureGates({ InPlaceWorkloadVerticalScaling: true }));
    expect(spec?.containerResources).toEqual({ nginx: { limits: {}, requests: { cpu: '2' } } });
  });

  it('an unknown old revision means recreate', () => {
    expect(calculateInPlaceUpdateSpec(undefined, revision('web-2', template([nginx('nginx:2')])), {}, gates)).toBeNull();
  });
});

describe('the JSON patch of two pod specs (webhook rule 15)', () => {
  it('reports the non-image operation', () => {
    const ops = createPatch(podSpecToGoJson({ containers: [nginx('image2', { imagePullPolicy: 'Always' })] }), podSpecToGoJson({ containers: [nginx('image')] }));
    expect(ops).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/containers/0/image', value: 'image' },
        { op: 'replace', path: '/containers/0/imagePullPolicy', value: 'IfNotPresent' },
      ]),
    );
    expect(ops).toHaveLength(2);
  });

  it('escapes "/" and "~" in keys', () => {
    expect(createPatch({ a: {} }, { a: { 'x/y~z': '1' } })).toEqual([{ op: 'add', path: '/a/x~1y~0z', value: '1' }]);
  });
});

describe('grace period: revision label first, image later (SPEC §11.2, §11.3)', () => {
  const old = revision('web-1', template([nginx('nginx:1')]));
  const next = revision('web-2', template([nginx('nginx:2')]));
  const before = pod({ 'controller-revision-hash': 'web-1', 'pod-template-hash': '1' }, [nginx('nginx:1')]);
  const started = inPlaceUpdatePod(before, old, next, { gracePeriodSeconds: 10 }, 100, gates);
  const during = started.pod!;

  it('moves the labels, parks the image and marks the pod not ready', () => {
    expect(started.requeueAfter).toBe(10);
    expect(during.metadata.labels).toMatchObject({ 'controller-revision-hash': 'web-2', 'pod-template-hash': '2' });
    expect(during.spec.containers[0].image).toBe('nginx:1');
    expect(JSON.parse(during.metadata.annotations![ANNOTATION_INPLACE_UPDATE_GRACE])).toEqual({ revision: 'web-2', containerImages: { nginx: 'nginx:2' }, graceSeconds: 10 });
    expect(during.status.conditions).toContainEqual({ type: 'InPlaceUpdateReady', status: 'False', reason: 'StartInPlaceUpdate', lastTransitionTime: 100 });
    expect(during.status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady' });
  });

  it('waits until the grace period is over', () => {
    expect(refreshInPlaceUpdate(during, 104.5, gates)).toEqual({ requeueAfter: 6 });
    expect(checkInPlaceUpdateCompleted(during, gates)).toBe('still in grace period of in-place update');
  });

  it('then writes the image and records the old imageID', () => {
    const after = refreshInPlaceUpdate(during, 110, gates).pod!;
    expect(after.spec.containers[0].image).toBe('nginx:2');
    expect(after.metadata.annotations?.[ANNOTATION_INPLACE_UPDATE_GRACE]).toBeUndefined();
    const state = parseInPlaceUpdateState(after.metadata.annotations![ANNOTATION_INPLACE_UPDATE_STATE]);
    expect(state).toMatchObject({ revision: 'web-2', updateTimestamp: 100, lastContainerStatuses: { nginx: { imageID: 'nginx:1-id' } } });
    expect(state.containerBatchesRecord).toEqual([{ timestamp: 110, containers: ['nginx'] }]);
    expect(checkInPlaceUpdateCompleted(after, gates)).toBe('container nginx imageID not changed');
  });
});

describe('a metadata-only in-place update', () => {
  it('applies the labels at once and completes on the next refresh', () => {
    const old = revision('web-1', template([nginx('nginx:1')], { app: 'web', tier: 'back' }));
    const next = revision('web-2', template([nginx('nginx:1')], { app: 'web', tier: 'front' }));
    const before = pod({ app: 'web', tier: 'back', 'controller-revision-hash': 'web-1' }, [nginx('nginx:1')]);
    const updated = inPlaceUpdatePod(before, old, next, {}, 50, gates).pod!;
    expect(updated.metadata.labels?.tier).toBe('front');
    expect(checkInPlaceUpdateCompleted(updated, gates)).toBeUndefined();
    const refreshed = refreshInPlaceUpdate(updated, 51, gates).pod!;
    expect(refreshed.status.conditions).toContainEqual({ type: 'InPlaceUpdateReady', status: 'True', lastTransitionTime: 51 });
  });
});

describe('updatePod (SPEC §10.6)', () => {
  const cloneSet = (type: string) => ({
    apiVersion: 'apps.kruise.io/v1alpha1' as const,
    kind: 'CloneSet' as const,
    metadata: { name: 'web' },
    spec: { replicas: 1, template: template([nginx('nginx:2')]), updateStrategy: { type } },
  });
  const target = revision('web-2', template([nginx('nginx:2', { imagePullPolicy: 'Always' })]));
  const old = revision('web-1', template([nginx('nginx:1')]));
  const p = pod({ 'controller-revision-hash': 'web-1' }, [nginx('nginx:1')]);

  it('InPlaceOnly fails when the change is not in-place-able', () => {
    const res = updatePod({ cloneSet: cloneSet('InPlaceOnly'), targetRevision: target, revisions: [old, target], pod: p, now: 0, featureGates: gates });
    expect(res).toEqual({
      action: 'error',
      error: 'find Pod web-abcde update strategy is InPlaceOnly but can not update in-place',
      forcedBy: 'spec.template.spec.containers[0].imagePullPolicy',
    });
  });

  it('InPlaceIfPossible falls back to marking the pod specified-delete', () => {
    const res = updatePod({ cloneSet: cloneSet('InPlaceIfPossible'), targetRevision: target, revisions: [old, target], pod: p, now: 0, featureGates: gates });
    expect(res.action).toBe('recreate');
    expect(res.pod?.metadata.labels?.['apps.kruise.io/specified-delete']).toBe('true');
    expect(res.event?.message).toBe('successfully patch pod web-abcde specified-delete for update(revision web-2)');
    expect(res.forcedBy).toBe('spec.template.spec.containers[0].imagePullPolicy');
  });
});

describe('value helpers', () => {
  it('reads back the RFC 3339 time it wrote (whole seconds)', () => {
    expect(fromRFC3339(toRFC3339(12.7))).toBe(12);
    expect(fromRFC3339(toRFC3339(-3600))).toBe(-3600);
  });

  it('compares quantities exactly', () => {
    expect(parseQuantity('1')).toBe(parseQuantity('1000m'));
    expect(parseQuantity('1Gi')).toBe(parseQuantity('1024Mi'));
    expect(parseQuantity('1e3')).toBe(parseQuantity('1k'));
  });
});

describe('checkContainersInPlaceUpdateCompleted: which recorded containers are still waiting', () => {
  const state = (last: InPlaceUpdateState['lastContainerStatuses']): InPlaceUpdateState => ({
    revision: 'r-2',
    updateTimestamp: 0,
    lastContainerStatuses: last,
  });
  const podWith = (statuses: { name: string; image: string; imageID: string }[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'a', image: 'nginx:1.26' }, { name: 'b', image: 'busybox' }] },
    status: { containerStatuses: statuses.map((s) => ({ ...s, ready: true, restartCount: 1 })) },
  });

  it('lists the recorded containers without a status (sorted), and is done once every one reports a new imageID', () => {
    const old = { a: { imageID: 'a-old' }, b: { imageID: 'b-old' } };
    const onlyA = podWith([{ name: 'a', image: 'nginx:1.26', imageID: 'a-new' }]);
    expect(checkContainersInPlaceUpdateCompleted(onlyA, state(old), gates)).toBe('not found statuses of containers map[b:{b-old}]');
    const both = podWith([
      { name: 'b', image: 'busybox:latest', imageID: 'b-new' },
      { name: 'a', image: 'nginx:1.26', imageID: 'a-new' },
    ]);
    expect(checkContainersInPlaceUpdateCompleted(both, state(old), gates)).toBeUndefined();
  });

  it('waits while a container reports its old imageID under another image, and counts a name reported twice once', () => {
    const old = { a: { imageID: 'a-old' } };
    expect(checkContainersInPlaceUpdateCompleted(podWith([{ name: 'a', image: 'nginx:1.25', imageID: 'a-old' }]), state(old), gates)).toBe(
      'container a imageID not changed',
    );
    const twice = podWith([
      { name: 'a', image: 'nginx:1.26', imageID: 'a-new' },
      { name: 'a', image: 'nginx:1.25', imageID: 'a-old' },
    ]);
    expect(checkContainersInPlaceUpdateCompleted(twice, state(old), gates)).toBeUndefined();
    expect(checkContainersInPlaceUpdateCompleted(podWith([]), state(null), gates)).toBeUndefined();
  });
});

describe('in-place batches: priorities and env from metadata (SPEC §11.2)', () => {
  const barrier = (priority: number) => ({ env: [{ name: 'KRUISE_CONTAINER_BARRIER', valueFrom: { configMapKeyRef: { name: 'web-barrier', key: `p_${priority}` } } }] });
  const tierEnv = { env: [{ name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } }] };
  const containers = (v: string): Container[] => [
    { name: 'app', image: `app:${v}`, ...tierEnv },
    { name: 'sidecar-a', image: `a:${v}`, ...barrier(10) },
    { name: 'sidecar-b', image: `b:${v}`, ...barrier(5) },
  ];
  const old = revision('web-1', template(containers('1'), { app: 'web', tier: 'gold' }));
  const next = revision('web-2', template(containers('2'), { app: 'web', tier: 'silver' }));
  const before = pod({ app: 'web', tier: 'gold', 'controller-revision-hash': 'web-1', 'pod-template-hash': '1' }, containers('1'));
  const first = inPlaceUpdatePod(before, old, next, {}, 100, gates).pod!;
  const state = parseInPlaceUpdateState(first.metadata.annotations![ANNOTATION_INPLACE_UPDATE_STATE]);

  it('updates the containers without a priority and the highest group first, with the labels their env reads', () => {
    expect(first.spec.containers.map((c) => c.image)).toEqual(['app:2', 'a:2', 'b:1']);
    expect(first.metadata.labels).toEqual({ app: 'web', tier: 'silver', 'controller-revision-hash': 'web-2', 'pod-template-hash': '2' });
    expect(before.metadata.labels?.tier).toBe('gold');
  });

  it('records the batch, the old imageIDs and what is left for the next one', () => {
    expect(state.containerBatchesRecord).toEqual([{ timestamp: 100, containers: ['app', 'sidecar-a'] }]);
    expect(state.lastContainerStatuses).toEqual({ app: { imageID: 'app:1-id' }, 'sidecar-a': { imageID: 'a:1-id' } });
    expect(state.nextContainerImages).toEqual({ 'sidecar-b': 'b:2' });
    expect(state.preCheckBeforeNext).toEqual({ containersRequiredReady: ['app', 'sidecar-a'] });
    // the annotation as kruise writes it: Go's field order, maps sorted
    expect(Object.keys(JSON.parse(first.metadata.annotations![ANNOTATION_INPLACE_UPDATE_STATE]))).toEqual([
      'revision',
      'updateTimestamp',
      'lastContainerStatuses',
      'updateEnvFromMetadata',
      'updateImages',
      'nextContainerImages',
      'preCheckBeforeNext',
      'containerBatchesRecord',
    ]);
  });
});
