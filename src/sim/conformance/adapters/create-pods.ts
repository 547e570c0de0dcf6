// TestCreatePods (kruise sync/cloneset_scale_test.go): the pods and PVCs of one creation batch
// (SPEC §3.1, §9.3, §14).
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_INSTANCE_ID, LABEL_LIFECYCLE_STATE, LABEL_POD_TEMPLATE_HASH } from '../../api/constants';
import type { CloneSet, EnvVar, Pod } from '../../api/types';
import { withFeatureGates } from '../../controller/featureGates';
import { planCreatePods } from '../../controller/podCreation';
import { CaseFormatError, type TableAdapter } from '../types';
import { list, record, stringMap } from './rolloutFixtures';

function strings(v: unknown, what: string): string[] {
  return list(v ?? [], what).map((s, i) => {
    if (typeof s !== 'string') throw new CaseFormatError(`${what}[${i}]: expected a string`);
    return s;
  });
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new CaseFormatError(`${what}: expected a string`);
  return v;
}

function optionalStr(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, what);
}

function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new CaseFormatError(`${what}: expected an integer`);
  return v;
}

function cloneSetWithEnv(f: Record<string, unknown>, env: unknown, what: string): CloneSet {
  const labels = stringMap(f.templateLabels, 'cloneSet.templateLabels');
  const envVars = list(env ?? [], what) as EnvVar[];
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: {
      name: str(f.name, 'cloneSet.name'),
      namespace: optionalStr(f.namespace, 'cloneSet.namespace'),
      uid: optionalStr(f.uid, 'cloneSet.uid'),
    },
    spec: {
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ...(envVars.length ? { env: envVars } : {}) }] },
      },
      volumeClaimTemplates: strings(f.volumeClaimTemplates, 'cloneSet.volumeClaimTemplates').map((name) => ({
        metadata: { name },
        spec: { resources: { requests: { storage: '10' } } },
      })),
    },
  };
}

function describePod(pod: Pod) {
  const labels = pod.metadata.labels ?? {};
  const pvcVolume: Record<string, string> = {};
  for (const v of pod.spec.volumes ?? []) if (v.persistentVolumeClaim) pvcVolume[v.name] = v.persistentVolumeClaim.claimName;
  return {
    name: pod.metadata.name,
    generateName: pod.metadata.generateName,
    instanceId: labels[LABEL_INSTANCE_ID],
    [LABEL_CONTROLLER_REVISION_HASH]: labels[LABEL_CONTROLLER_REVISION_HASH],
    [LABEL_POD_TEMPLATE_HASH]: labels[LABEL_POD_TEMPLATE_HASH],
    lifecycleState: labels[LABEL_LIFECYCLE_STATE],
    readinessGates: (pod.spec.readinessGates ?? []).map((g) => g.conditionType),
    pvcVolume,
    env: pod.spec.containers[0]?.env ?? [],
  };
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const adapter: TableAdapter = {
  test: 'TestCreatePods',
  evaluate(c) {
    const f = record(c.cloneSet, 'cloneSet');
    const input = record(c.input, 'input');
    const plan = planCreatePods({
      currentCloneSet: cloneSetWithEnv(f, f.currentTemplateEnv, 'cloneSet.currentTemplateEnv'),
      updateCloneSet: cloneSetWithEnv(f, f.updateTemplateEnv, 'cloneSet.updateTemplateEnv'),
      currentRevision: str(c.currentRevision, 'currentRevision'),
      updateRevision: str(c.updateRevision, 'updateRevision'),
      expectedCreations: count(input.expectedCreations, 'input.expectedCreations'),
      expectedCurrentCreations: count(input.expectedCurrentCreations, 'input.expectedCurrentCreations'),
      availableIDs: strings(input.availableIDs, 'input.availableIDs'),
      existingPVCNames: strings(input.existingPVCNames, 'input.existingPVCNames'),
      featureGates: withFeatureGates(undefined),
      now: 0,
    });
    // The Go test lists what it created sorted by name.
    return {
      pods: plan.creations.map((cr) => describePod(cr.pod)).sort(byName),
      pvcsCreated: plan.creations
        .flatMap((cr) => cr.pvcsToCreate)
        .map((p) => ({ name: p.metadata.name, labels: p.metadata.labels ?? {}, ownerKind: p.metadata.ownerReferences?.[0]?.kind }))
        .sort(byName),
      scaleExpectationsCreate: plan.expectations,
    };
  },
};

export default adapter;
