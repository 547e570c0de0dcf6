// Fixture shorthand of the diff and update-limit tables (conformance/README.md "Shared vocabulary")
// turned into real CloneSet and Pod objects. Shared by the adapters of
// calculate-diffs-with-expectation and limit-update-indexes.
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_LIFECYCLE_STATE, LABEL_SPECIFIED_DELETE } from '../../api/constants';
import type { CloneSet, IntOrString, Pod } from '../../api/types';
import { withFeatureGates, type FeatureGates } from '../../controller/featureGates';
import { CaseFormatError, type TableCase } from '../types';

/** Revision names as the Go tests use them (no "-", so the short-hash match cannot blur them). */
export const OLD_REVISION = 'old_rev';
export const UPDATE_REVISION = 'new_rev';

/** The fixtures carry no times; any instant works since readiness has no transition time. */
export const FIXTURE_NOW = 0;

export function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CaseFormatError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}

export function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new CaseFormatError(`${what}: expected an array`);
  return v;
}

export function intOrString(v: unknown, what: string): IntOrString | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new CaseFormatError(`${what}: expected a number, a string or null`);
}

export function optionalNumber(v: unknown, what: string): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v;
  throw new CaseFormatError(`${what}: expected a number or null`);
}

export function stringMap(v: unknown, what: string): Record<string, string> {
  if (v === null || v === undefined) return {};
  const r = record(v, what);
  for (const [k, val] of Object.entries(r)) {
    if (typeof val !== 'string') throw new CaseFormatError(`${what}.${k}: expected a string`);
  }
  return r as Record<string, string>;
}

/** `cloneSet` of the diff tables: replicas, partition, maxUnavailable, maxSurge, paused, … */
export function cloneSetFromFixture(v: unknown): CloneSet {
  const f = record(v, 'cloneSet');
  const scaleMaxUnavailable = intOrString(f.scaleStrategyMaxUnavailable, 'cloneSet.scaleStrategyMaxUnavailable');
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default', labels: stringMap(f.labels, 'cloneSet.labels') },
    spec: {
      replicas: optionalNumber(f.replicas, 'cloneSet.replicas'),
      selector: { matchLabels: { app: 'sample' } },
      template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'main', image: 'main:v1' }] } },
      minReadySeconds: optionalNumber(f.minReadySeconds, 'cloneSet.minReadySeconds') ?? 0,
      scaleStrategy: scaleMaxUnavailable === undefined ? {} : { maxUnavailable: scaleMaxUnavailable },
      updateStrategy: {
        partition: intOrString(f.partition, 'cloneSet.partition'),
        maxUnavailable: intOrString(f.maxUnavailable, 'cloneSet.maxUnavailable'),
        maxSurge: intOrString(f.maxSurge, 'cloneSet.maxSurge'),
        paused: f.paused === true,
      },
    },
  };
}

/** One fixture pod: `revision` "new"/"old", `ready`, `lifecycleState`, `specifiedDelete`. */
export function podFromFixture(v: unknown, name: string): Pod {
  const f = record(v, name);
  if (f.revision !== 'new' && f.revision !== 'old') throw new CaseFormatError(`${name}.revision: expected "new" or "old"`);
  const labels: Record<string, string> = {
    [LABEL_CONTROLLER_REVISION_HASH]: f.revision === 'new' ? UPDATE_REVISION : OLD_REVISION,
  };
  if (typeof f.lifecycleState === 'string' && f.lifecycleState !== '') labels[LABEL_LIFECYCLE_STATE] = f.lifecycleState;
  if (f.specifiedDelete === true) labels[LABEL_SPECIFIED_DELETE] = 'true';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'main', image: 'main' }] },
    // Ready pods: Running with Ready=True and no InPlaceUpdateReady condition; others: empty status.
    status: f.ready === true ? { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } : {},
  };
}

/**
 * The case's feature gates over the v1.9 defaults. `harness` holds the gates the Go test sets for
 * every case (cases usually repeat them; a case that leaves one out still gets it).
 */
export function gatesFromFixture(c: TableCase, harness: Partial<FeatureGates> = {}): FeatureGates {
  const own = c.featureGates === undefined || c.featureGates === null ? {} : record(c.featureGates, 'featureGates');
  return withFeatureGates({ ...harness, ...(own as Record<string, boolean>) });
}

/** status.currentRevision: the update revision itself when `revisionsEqual`. */
export function currentRevisionFromFixture(c: TableCase): string {
  return c.revisionsEqual === true ? UPDATE_REVISION : OLD_REVISION;
}
