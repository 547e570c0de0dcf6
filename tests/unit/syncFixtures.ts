// Named-field fixtures for the scale/update/sync step tests: a CloneSet "demo" whose template moved
// from app:1 (revision CURRENT) to app:2 (revision UPDATE), and its pods.
import type { CloneSet, CloneSetUpdateStrategy, ControllerRevision, IntOrString, Lifecycle, PersistentVolumeClaim, Pod, PodCondition } from '../../src/sim/api/types';
import { DEFAULT_FEATURE_GATES } from '../../src/sim/controller/featureGates';

export const gates = DEFAULT_FEATURE_GATES;

export function revision(name: string, image: string, number: number, extra: { env?: { name: string; value: string }[] } = {}): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: 'default', labels: { app: 'demo' } },
    data: {
      spec: {
        template: {
          $patch: 'replace',
          metadata: { labels: { app: 'demo' } },
          spec: { containers: [{ name: 'app', image, ...(extra.env ? { env: extra.env } : {}) }] },
        },
      },
    },
    revision: number,
  };
}

export const CURRENT = revision('demo-5c6d7f', 'app:1', 1);
export const UPDATE = revision('demo-8b9c4d', 'app:2', 2);
export const REVISIONS = [CURRENT, UPDATE];

export interface CloneSetOptions extends CloneSetUpdateStrategy {
  replicas?: number;
  scaleMaxUnavailable?: IntOrString;
  podsToDelete?: string[];
  minReadySeconds?: number;
  lifecycle?: Lifecycle;
  volumeClaimTemplates?: string[];
}

/** The CloneSet with the update revision's template; status.currentRevision = CURRENT. */
export function cloneSet(o: CloneSetOptions = {}): CloneSet {
  const { replicas = 5, scaleMaxUnavailable, podsToDelete, minReadySeconds, lifecycle, volumeClaimTemplates, ...updateStrategy } = o;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'demo', namespace: 'default', uid: 'cs-uid' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'demo' } },
      template: { metadata: { labels: { app: 'demo' } }, spec: { containers: [{ name: 'app', image: 'app:2' }] } },
      ...(minReadySeconds !== undefined ? { minReadySeconds } : {}),
      ...(lifecycle ? { lifecycle } : {}),
      ...(volumeClaimTemplates ? { volumeClaimTemplates: volumeClaimTemplates.map((name) => ({ metadata: { name }, spec: {} })) } : {}),
      scaleStrategy: { ...(scaleMaxUnavailable !== undefined ? { maxUnavailable: scaleMaxUnavailable } : {}), ...(podsToDelete ? { podsToDelete } : {}) },
      updateStrategy,
    },
    status: { currentRevision: CURRENT.metadata.name, updateRevision: UPDATE.metadata.name },
  };
}

export interface PodOptions {
  name: string;
  revision?: 'old' | 'new';
  /** Ready (and InPlaceUpdateReady) since this virtual second; false = running but not ready. */
  readySince?: number | false;
  lifecycle?: string;
  specifiedDelete?: boolean;
  node?: string;
  instanceId?: string;
  labels?: Record<string, string>;
}

/** A running CloneSet pod, by default old, ready since t=0, lifecycle Normal, on node-1. */
export function pod(o: PodOptions): Pod {
  const rev = o.revision === 'new' ? UPDATE : CURRENT;
  const image = o.revision === 'new' ? 'app:2' : 'app:1';
  const labels: Record<string, string> = {
    app: 'demo',
    'controller-revision-hash': rev.metadata.name,
    'pod-template-hash': rev.metadata.name.split('-').pop()!,
    'apps.kruise.io/cloneset-instance-id': o.instanceId ?? o.name.replace(/^demo-/, ''),
    'lifecycle.apps.kruise.io/state': o.lifecycle ?? 'Normal',
    ...o.labels,
  };
  if (o.specifiedDelete) labels['apps.kruise.io/specified-delete'] = 'true';
  const readySince = o.readySince ?? 0;
  const conditions: PodCondition[] =
    readySince === false
      ? [{ type: 'Ready', status: 'False', lastTransitionTime: 0 }]
      : [
          { type: 'Ready', status: 'True', lastTransitionTime: readySince },
          { type: 'InPlaceUpdateReady', status: 'True', lastTransitionTime: readySince },
        ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name, namespace: 'default', uid: `uid-${o.name}`, creationTimestamp: 0, labels },
    spec: { containers: [{ name: 'app', image }], nodeName: o.node ?? 'node-1', readinessGates: [{ conditionType: 'InPlaceUpdateReady' }] },
    status: {
      phase: 'Running',
      conditions,
      containerStatuses: [{ name: 'app', image, imageID: `registry/${image}@sha256:${image === 'app:1' ? 'aaa' : 'bbb'}`, ready: readySince !== false, restartCount: 0 }],
    },
  };
}

/** `count` pods named demo-<prefix><i>. */
export function pods(count: number, o: Omit<PodOptions, 'name'> & { prefix?: string } = {}): Pod[] {
  const { prefix = o.revision === 'new' ? 'n' : 'o', ...rest } = o;
  return Array.from({ length: count }, (_, i) => pod({ ...rest, name: `demo-${prefix}${i}` }));
}

export function pvc(name: string, instanceId: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', labels: { app: 'demo', 'apps.kruise.io/cloneset-instance-id': instanceId } },
    spec: {},
    status: { phase: 'Bound' },
  };
}

export const revisionOf = (p: Pod) => p.metadata.labels?.['controller-revision-hash'];
export const names = (list: readonly Pod[]) => list.map((p) => p.metadata.name);
