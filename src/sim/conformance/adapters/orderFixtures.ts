// Fixture shorthand of the ordering tables (active-pods-sorting, the rankers, sort-update-indexes,
// priority-*, scatter-*) turned into real Pod and Node objects.
import { ANNOTATION_POD_DELETION_COST, CONDITION_READY, LABEL_LIFECYCLE_STATE } from '../../api/constants';
import type { Node, Pod, PodPhase, UpdateScatterTerm } from '../../api/types';
import { CaseFormatError } from '../types';
import { list, record, stringMap } from './rolloutFixtures';

/** "now" of the fixtures, in virtual seconds; "then" is a month earlier (TestSortingActivePods). */
const NOW = 100 * 86400;
const RELATIVE_TIMES: Record<string, number> = { now: NOW, then: NOW - 30 * 86400 };

/** "now" / "then" / null (Go's zero time) / virtual seconds. */
function fixtureTime(v: unknown, what: string): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in RELATIVE_TIMES) return RELATIVE_TIMES[v];
  throw new CaseFormatError(`${what}: expected "now", "then", a number or null`);
}

function optionalString(v: unknown, what: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  throw new CaseFormatError(`${what}: expected a string`);
}

const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/**
 * A pod from the ordering tables' fields, all optional: name, uid, nodeName, phase, ready,
 * readySince, creationTimestamp, maxContainerRestarts, annotations (or deletionCost), labels,
 * lifecycleState. Without `ready`/`phase` the pod has an empty status, as in the Go fixtures.
 */
export function orderPodFromFixture(v: unknown, what: string): Pod {
  const f = record(v, what);
  const phase = optionalString(f.phase, `${what}.phase`);
  if (phase !== undefined && !PHASES.includes(phase)) throw new CaseFormatError(`${what}.phase: unknown phase "${phase}"`);
  const restarts = f.maxContainerRestarts ?? 0;
  if (typeof restarts !== 'number') throw new CaseFormatError(`${what}.maxContainerRestarts: expected a number`);

  const labels = stringMap(f.labels, `${what}.labels`);
  const lifecycleState = optionalString(f.lifecycleState, `${what}.lifecycleState`);
  if (lifecycleState) labels[LABEL_LIFECYCLE_STATE] = lifecycleState;
  const annotations = stringMap(f.annotations, `${what}.annotations`);
  if (f.deletionCost !== undefined && f.deletionCost !== null) annotations[ANNOTATION_POD_DELETION_COST] = String(f.deletionCost);

  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: optionalString(f.name, `${what}.name`) ?? '',
      uid: optionalString(f.uid, `${what}.uid`),
      creationTimestamp: fixtureTime(f.creationTimestamp, `${what}.creationTimestamp`),
      labels,
      annotations,
    },
    spec: { containers: [{ name: 'main' }], nodeName: optionalString(f.nodeName, `${what}.nodeName`) ?? '' },
    status: {},
  };
  if (phase !== undefined) pod.status.phase = phase as PodPhase;
  if (f.ready === true) {
    pod.status.conditions = [
      { type: CONDITION_READY, status: 'True', lastTransitionTime: fixtureTime(f.readySince, `${what}.readySince`) },
    ];
  }
  if (restarts > 0 || f.ready === true) {
    pod.status.containerStatuses = [{ name: 'main', image: 'main', imageID: '', ready: f.ready === true, restartCount: restarts }];
  }
  return pod;
}

export function orderPodsFromFixture(v: unknown, what: string): Pod[] {
  return list(v, what).map((p, i) => orderPodFromFixture(p, `${what}[${i}]`));
}

/** `podLabels[i]` = labels of pod i; `null` = an empty slot (no pod). */
export function podSlotsFromLabels(v: unknown): (Pod | null)[] {
  return list(v, 'podLabels').map((labels, i) =>
    labels === null ? null : orderPodFromFixture({ name: String(i), labels }, `podLabels[${i}]`),
  );
}

export function indexList(v: unknown, what: string): number[] {
  return list(v, what).map((x, i) => {
    if (typeof x !== 'number' || !Number.isInteger(x)) throw new CaseFormatError(`${what}[${i}]: expected an integer`);
    return x;
  });
}

export function scatterTerm(v: unknown, what: string): UpdateScatterTerm {
  const f = record(v, what);
  if (typeof f.key !== 'string' || typeof f.value !== 'string') throw new CaseFormatError(`${what}: expected {key, value} strings`);
  return { key: f.key, value: f.value };
}

export function scatterTerms(v: unknown, what: string): UpdateScatterTerm[] {
  return list(v, what).map((t, i) => scatterTerm(t, `${what}[${i}]`));
}

export function nodeFromFixture(v: unknown, what: string): Node {
  const f = record(v, what);
  const name = optionalString(f.name, `${what}.name`);
  if (!name) throw new CaseFormatError(`${what}.name: expected a node name`);
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: stringMap(f.labels, `${what}.labels`) }, spec: {}, status: {} };
}
