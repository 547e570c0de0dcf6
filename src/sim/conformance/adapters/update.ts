// TestUpdate (kruise sync/cloneset_update_test.go): one update step on a one-pod CloneSet (SPEC
// §10), pod before → pod after. Fixture: `cloneSet` (replicas, updateStrategyType,
// inPlaceUpdateStrategy, lifecycle, and optionally partition/maxUnavailable/paused/minReadySeconds),
// `revisions` (current, update, `templates` = pod spec per revision name; a string is stored data
// that is not valid JSON; a revision without a template has no data), `podBefore` (labels,
// annotations, finalizers, nodeName, readinessGates, phase, `image` of its container,
// `containerImageIDs`, conditions, pvcs).
// The result lists the pod's labels, annotations, finalizers, image, conditions and pvcs (those it
// has) in the tables' notation: "now" = the evaluation instant, "unchanged" = the same as before.
// The lifecycle timestamp annotation is not listed: the Go test does not compare it.
import { ANNOTATION_LIFECYCLE_TIMESTAMP } from '../../api/constants';
import type { CloneSet, Container, ControllerRevision, Lifecycle, Pod } from '../../api/types';
import { DEFAULT_FEATURE_GATES } from '../../controller/featureGates';
import { updateStep } from '../../controller/updateStep';
import { CaseFormatError, type TableAdapter } from '../types';
import { annotationsFromFixture, conditionsFromFixture, FIXTURE_NOW, isRecord, renderAnnotations, renderConditions } from './inplaceFixtures';
import { revisionFromTemplate } from './inplaceSpecFixtures';

const NOW_WORD = 'now';

function record(v: unknown, what: string): Record<string, unknown> {
  if (!isRecord(v)) throw new CaseFormatError(`${what}: expected an object`);
  return v;
}

function cloneSetFromFixture(v: unknown): CloneSet {
  const f = record(v, 'cloneSet');
  const strategy: NonNullable<CloneSet['spec']['updateStrategy']> = {};
  if (typeof f.updateStrategyType === 'string') strategy.type = f.updateStrategyType;
  if (isRecord(f.inPlaceUpdateStrategy)) strategy.inPlaceUpdateStrategy = f.inPlaceUpdateStrategy as { gracePeriodSeconds?: number };
  for (const key of ['partition', 'maxUnavailable', 'maxSurge'] as const) {
    const value = f[key];
    if (typeof value === 'number' || typeof value === 'string') strategy[key] = value;
  }
  if (f.paused === true) strategy.paused = true;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'clone-test', namespace: 'default' },
    spec: {
      replicas: typeof f.replicas === 'number' ? f.replicas : undefined,
      template: { spec: { containers: [] } },
      updateStrategy: strategy,
      minReadySeconds: typeof f.minReadySeconds === 'number' ? f.minReadySeconds : 0,
      ...(isRecord(f.lifecycle) ? { lifecycle: f.lifecycle as Lifecycle } : {}),
    },
  };
}

interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  all: ControllerRevision[];
}

function revisionsFromFixture(v: unknown): Revisions {
  const f = record(v, 'revisions');
  const templates = record(f.templates ?? {}, 'revisions.templates');
  if (typeof f.current !== 'string' || typeof f.update !== 'string') throw new CaseFormatError('revisions: expected current and update names');
  const names = [...new Set([...Object.keys(templates), f.current, f.update])];
  const byName = new Map<string, ControllerRevision>();
  names.forEach((name) => {
    // A revision the fixture gives no template for has no stored data at all.
    const podSpec = templates[name] ?? '';
    const revision = revisionFromTemplate(name, typeof podSpec === 'string' ? podSpec : { spec: podSpec });
    if (revision) byName.set(name, revision);
  });
  return { current: byName.get(f.current)!, update: byName.get(f.update)!, all: [...byName.values()] };
}

/** The pod's containers: its revision's template (when readable) with the fixture's image. */
function containersOf(f: Record<string, unknown>, revisions: Revisions, revisionLabel: string | undefined): Container[] {
  const stored = revisions.all.find((r) => r.metadata.name === revisionLabel)?.data;
  const fromTemplate = isRecord(stored) ? (stored.spec?.template?.spec?.containers ?? []) : [];
  const ids = isRecord(f.containerImageIDs) ? Object.keys(f.containerImageIDs) : [];
  const names = fromTemplate.length > 0 ? fromTemplate.map((c) => c.name) : ids;
  if (typeof f.image !== 'string') return [];
  if (names.length === 0) throw new CaseFormatError('podBefore.image: cannot tell the container name');
  return [{ name: names[0], image: f.image }];
}

function podFromFixture(v: unknown, revisions: Revisions): Pod {
  const f = record(v, 'podBefore');
  const labels = isRecord(f.labels) ? (f.labels as Record<string, string>) : {};
  const annotations = annotationsFromFixture(f.annotations, FIXTURE_NOW);
  const ids = isRecord(f.containerImageIDs) ? (f.containerImageIDs as Record<string, string>) : {};
  const gates = Array.isArray(f.readinessGates) ? f.readinessGates.map((g) => ({ conditionType: String(g) })) : [];
  const containerStatuses = Object.entries(ids).map(([name, imageID]) => ({ name, imageID, image: '', ready: false, restartCount: 0 }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'pod-0',
      namespace: 'default',
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ...(Array.isArray(f.finalizers) ? { finalizers: f.finalizers.map(String) } : {}),
    },
    spec: {
      containers: containersOf(f, revisions, labels['controller-revision-hash']),
      ...(typeof f.nodeName === 'string' && f.nodeName !== '' ? { nodeName: f.nodeName } : {}),
      ...(gates.length > 0 ? { readinessGates: gates } : {}),
    },
    status: {
      ...(typeof f.phase === 'string' ? { phase: f.phase as Pod['status']['phase'] } : {}),
      conditions: conditionsFromFixture(f.conditions, FIXTURE_NOW),
      ...(containerStatuses.length > 0 ? { containerStatuses } : {}),
    },
  };
}

const withoutLifecycleTimestamp = (a: Record<string, string> | undefined) => {
  const out = { ...a };
  delete out[ANNOTATION_LIFECYCLE_TIMESTAMP];
  return out;
};

function renderPod(f: Record<string, unknown>, before: Pod, after: Pod): Record<string, unknown> {
  const out: Record<string, unknown> = { labels: after.metadata.labels ?? {} };
  const annotationsBefore = withoutLifecycleTimestamp(before.metadata.annotations);
  const annotationsAfter = withoutLifecycleTimestamp(after.metadata.annotations);
  if (Object.keys(annotationsBefore).length > 0 || Object.keys(annotationsAfter).length > 0) {
    out.annotations =
      JSON.stringify(annotationsBefore) === JSON.stringify(annotationsAfter) ? 'unchanged' : renderAnnotations(annotationsBefore, annotationsAfter, FIXTURE_NOW, NOW_WORD);
  }
  if (after.metadata.finalizers?.length) out.finalizers = after.metadata.finalizers;
  if (after.spec.containers.length > 0) out.image = after.spec.containers[0].image;
  if (after.status.conditions?.length) {
    out.conditions = renderConditions(before.status.conditions ?? [], isRecord(f.conditions) ? f.conditions : {}, after.status.conditions, FIXTURE_NOW, NOW_WORD);
  }
  if (Array.isArray(f.pvcs)) out.pvcs = f.pvcs;
  return out;
}

const adapter: TableAdapter = {
  test: 'TestUpdate',
  evaluate(c) {
    const cloneSet = cloneSetFromFixture(c.cloneSet);
    const revisions = revisionsFromFixture(c.revisions);
    const before = podFromFixture(c.podBefore, revisions);
    const result = updateStep({
      cloneSet,
      currentRevision: revisions.current,
      updateRevision: revisions.update,
      revisions: revisions.all,
      pods: [before],
      now: FIXTURE_NOW,
      featureGates: DEFAULT_FEATURE_GATES,
    });
    if (result.error !== undefined) return { error: result.error };
    return renderPod(record(c.podBefore, 'podBefore'), before, result.pods[0]);
  },
};
export default adapter;
