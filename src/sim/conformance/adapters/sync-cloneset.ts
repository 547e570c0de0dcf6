// TestSyncCloneSet (kruise cloneset_controller_test.go): one sync pass (SPEC §5 step 7 — scale,
// then update if scaling did nothing) and the pods per revision afterwards, not counting pods
// labelled apps.kruise.io/specified-delete=true. Harness (meta.harness): pods Running without a
// Ready condition, lifecycle Normal, one container "nginx"; revisions store a one-container
// template with labels {foo: bar}; the CloneSet is not defaulted.
import {
  LABEL_CONTROLLER_REVISION_HASH,
  LABEL_INSTANCE_ID,
  LABEL_LIFECYCLE_STATE,
  LABEL_POD_TEMPLATE_HASH,
  LABEL_SPECIFIED_DELETE,
} from '../../api/constants';
import type { CloneSet, ControllerRevision, Pod, PodCondition, PodPhase } from '../../api/types';
import { Rng } from '../../rng';
import { getShortHash } from '../../controller/podState';
import { syncCloneSet } from '../../controller/syncCloneSet';
import { CaseFormatError, type TableAdapter } from '../types';
import { gatesFromFixture, intOrString, list, optionalNumber, record, stringMap } from './rolloutFixtures';

/** The fixtures carry no times: pods are never ready, so any instant works. */
const NOW = 0;
const CONTAINER = 'nginx';

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new CaseFormatError(`${what}: expected a non-empty string`);
  return v;
}

function cloneSetFromFixture(v: unknown, currentRevision: string, updateRevision: string): CloneSet {
  const f = record(v, 'cloneSet');
  const selector = stringMap(f.selector, 'cloneSet.selector');
  const updateStrategy: NonNullable<CloneSet['spec']['updateStrategy']> = {};
  if (typeof f.updateStrategyType === 'string') updateStrategy.type = f.updateStrategyType;
  for (const key of ['partition', 'maxUnavailable', 'maxSurge'] as const) {
    const value = intOrString(f[key], `cloneSet.${key}`);
    if (value !== undefined) updateStrategy[key] = value;
  }
  if (f.paused === true) updateStrategy.paused = true;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: str(f.name, 'cloneSet.name'), namespace: 'default', uid: '123' },
    spec: {
      replicas: optionalNumber(f.replicas, 'cloneSet.replicas'),
      selector: { matchLabels: selector },
      template: { metadata: { labels: { ...selector } }, spec: { containers: [{ name: CONTAINER, image: str(f.templateImage, 'cloneSet.templateImage') }] } },
      minReadySeconds: optionalNumber(f.minReadySeconds, 'cloneSet.minReadySeconds') ?? 0,
      updateStrategy,
    },
    status: { currentRevision, updateRevision },
  };
}

function revisionsFromFixture(v: unknown): ControllerRevision[] {
  const f = record(v, 'revisions');
  return Object.entries(f).map(([name, r], i) => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: 'default' },
    data: {
      spec: {
        template: {
          $patch: 'replace',
          metadata: { labels: { foo: 'bar' } },
          spec: { containers: [{ name: CONTAINER, image: str(record(r, `revisions.${name}`).image, `revisions.${name}.image`) }] },
        },
      },
    },
    revision: i + 1,
  }));
}

/** Pods of one group; instance ids restart at 0 in every group, as the Go helper numbers them. */
function podsFromGroup(v: unknown, group: number, selector: Record<string, string>): Pod[] {
  const f = record(v, `podGroups[${group}]`);
  const count = f.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new CaseFormatError(`podGroups[${group}].count: expected a count`);
  const revision = str(f.revision, `podGroups[${group}].revision`);
  const image = str(f.image, `podGroups[${group}].image`);
  const phase = (f.phase ?? 'Running') as PodPhase;
  const lifecycleState = f.lifecycleState ?? 'Normal';
  if (typeof lifecycleState !== 'string') throw new CaseFormatError(`podGroups[${group}].lifecycleState: expected a string`);
  const conditions: PodCondition[] = f.ready === true ? [{ type: 'Ready', status: 'True', lastTransitionTime: NOW }] : [];
  return Array.from({ length: count }, (_, i): Pod => {
    const labels: Record<string, string> = {
      ...selector,
      [LABEL_CONTROLLER_REVISION_HASH]: revision,
      [LABEL_POD_TEMPLATE_HASH]: getShortHash(revision),
      [LABEL_INSTANCE_ID]: String(i),
    };
    if (lifecycleState !== '') labels[LABEL_LIFECYCLE_STATE] = lifecycleState;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `nginx-g${group}-${i}`, namespace: 'default', labels },
      spec: { containers: [{ name: CONTAINER, image }] },
      status: { phase, conditions },
    };
  });
}

const adapter: TableAdapter = {
  test: 'TestSyncCloneSet',
  evaluate(c) {
    const currentName = str(c.currentRevision, 'currentRevision');
    const updateName = str(c.updateRevision, 'updateRevision');
    const cloneSet = cloneSetFromFixture(c.cloneSet, currentName, updateName);
    const revisions = revisionsFromFixture(c.revisions);
    const byName = (name: string) => {
      const r = revisions.find((rev) => rev.metadata.name === name);
      if (!r) throw new CaseFormatError(`revision ${name} is not in revisions`);
      return r;
    };
    const selector = cloneSet.spec.selector?.matchLabels ?? {};
    const pods = list(c.podGroups, 'podGroups').flatMap((g, i) => podsFromGroup(g, i, selector));

    const plan = syncCloneSet({
      cloneSet,
      currentRevision: byName(currentName),
      updateRevision: byName(updateName),
      revisions,
      pods,
      pvcs: [],
      now: NOW,
      featureGates: gatesFromFixture(c),
      rng: new Rng(1),
    });
    if (plan.error !== undefined) throw new Error(`syncCloneSet failed: ${plan.error}`);

    // The pods after the pass: updates applied, deletions removed, creations added.
    const deleted = new Set(plan.scale?.podsToDelete.map((p) => p.metadata.name));
    const after = [...(plan.update?.pods ?? pods).filter((p) => !deleted.has(p.metadata.name)), ...(plan.scale?.creations.map((cr) => cr.pod) ?? [])];
    const counts: Record<string, number> = {};
    for (const r of revisions) {
      counts[r.metadata.name] = after.filter(
        (p) => p.metadata.labels?.[LABEL_CONTROLLER_REVISION_HASH] === r.metadata.name && p.metadata.labels?.[LABEL_SPECIFIED_DELETE] !== 'true',
      ).length;
    }
    return { podsPerRevisionExcludingSpecifiedDelete: counts };
  },
};

export default adapter;
