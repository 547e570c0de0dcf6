// `kubectl apply` against the simulated API server: parse, route by kind, three-way merge with
// the last applied configuration (a CloneSet is a custom resource, so JSON merge-patch rules:
// maps merge, lists are replaced), both admission webhooks, then store. A document that is refused
// changes nothing; the others are applied one by one, as kubectl does.
import type { CloneSet, PersistentVolumeClaim, Pod } from './api/types';
import { setDefaultsCloneSet } from './api/defaults';
import { admitCloneSet } from './api/validation';
import { jsonEqual } from './api/jsonEqual';
import { kubectlErrorOutput, parseManifests, resourceRef, type ManifestProblem } from './api/manifest';
import { StoreError } from './store';
import type { Cluster } from './cluster';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Where in the text a problem is, for the editor. */
export interface ApplyProblem {
  message: string;
  line?: number;
  column?: number;
}

/** What applying needs of a cluster: its store and its feature gates (a dry run passes a scratch store). */
export type ApplyTarget = Pick<Cluster, 'store' | 'featureGates'>;

export interface ApplyOutcome {
  /** Every document was applied. */
  ok: boolean;
  /** kubectl's stdout: one line per applied object (`cloneset.apps.kruise.io/x created`). */
  output: string;
  /** kubectl's stderr, when something failed. */
  error?: string;
  /** What failed, each with its place in the text when it has one. */
  problems: ApplyProblem[];
  /** Accepted but dropped (fields the CloneSet's schemaless pod template does not keep). */
  notices: ApplyProblem[];
}

/** A webhook refusal or a storage error on an update, with kubectl's wording. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly problems: ApplyProblem[] = [{ message }],
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * kubectl's three-way merge for a custom resource: every field the user gives now is set (maps
 * merged key by key, anything else replaced), every field the user gave last time but not now is
 * removed, and fields the user never gave (defaults, other writers' changes) are kept.
 */
export function threeWayMerge(live: unknown, lastApplied: unknown, desired: unknown): unknown {
  if (!isRecord(desired) || !isRecord(live)) return structuredClone(desired);
  const out: Json = structuredClone(live);
  const last = isRecord(lastApplied) ? lastApplied : {};
  for (const [k, v] of Object.entries(desired)) out[k] = threeWayMerge(live[k], last[k], v);
  for (const k of Object.keys(last)) if (!(k in desired)) delete out[k];
  return out;
}

function lastAppliedOf(obj: { metadata: { annotations?: Record<string, string> } }): unknown {
  const text = obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withLastApplied<T extends { metadata: { annotations?: Record<string, string> } }>(obj: T, desired: unknown): T {
  const annotations = { ...obj.metadata.annotations, [LAST_APPLIED_ANNOTATION]: JSON.stringify(desired) + '\n' };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

function denial(verb: 'creating' | 'patching', message: string): string {
  return `Error from server: error when ${verb} "STDIN": ${message}`;
}

/** Create or update one CloneSet through both webhooks; returns kubectl's verb. */
function applyCloneSet(cluster: ApplyTarget, desired: CloneSet, raw: unknown): 'created' | 'configured' | 'unchanged' {
  const ns = desired.metadata.namespace ?? 'default';
  const live = cluster.store.get('CloneSet', ns, desired.metadata.name);
  const podLookup = { getPod: (name: string) => cluster.store.get('Pod', ns, name) };
  if (!live) {
    const defaulted = setDefaultsCloneSet(withLastApplied({ ...desired, status: undefined }, raw), { isCreate: true, featureGates: cluster.featureGates });
    const admission = admitCloneSet('CREATE', defaulted, undefined, podLookup);
    if (!admission.allowed) throw new ApplyError(denial('creating', admission.message ?? 'denied'));
    delete defaulted.status;
    cluster.store.create('CloneSet', defaulted);
    return 'created';
  }
  const merged = threeWayMerge(live, lastAppliedOf(live), raw) as CloneSet;
  const next = admitUpdate(cluster, live, withLastApplied(merged, raw));
  if (jsonEqual(next, live)) return 'unchanged';
  cluster.store.update('CloneSet', next);
  return 'configured';
}

/** The mutating then validating webhook on an update; bumps generation when the spec changed. */
function admitUpdate(cluster: ApplyTarget, live: CloneSet, proposed: CloneSet): CloneSet {
  const ns = live.metadata.namespace ?? 'default';
  const defaulted = setDefaultsCloneSet({ ...proposed, status: live.status }, { isCreate: false, oldCs: live, featureGates: cluster.featureGates });
  const admission = admitCloneSet('UPDATE', defaulted, live, { getPod: (name) => cluster.store.get('Pod', ns, name) });
  if (!admission.allowed) throw new ApplyError(denial('patching', admission.message ?? 'denied'));
  const specChanged = !jsonEqual(defaulted.spec, live.spec);
  return {
    ...defaulted,
    metadata: { ...defaulted.metadata, uid: live.metadata.uid, creationTimestamp: live.metadata.creationTimestamp, generation: (live.metadata.generation ?? 1) + (specChanged ? 1 : 0) },
    status: live.status,
  };
}

/** Any programmatic change of a stored CloneSet (scale, patch, edit), admitted like an update. */
export function updateCloneSet(cluster: ApplyTarget, namespace: string, name: string, change: (cs: CloneSet) => CloneSet): CloneSet {
  const live = cluster.store.get('CloneSet', namespace, name);
  if (!live) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
  const next = admitUpdate(cluster, live, change(structuredClone(live)));
  if (jsonEqual(next, live)) return live;
  return cluster.store.update('CloneSet', next);
}

function applyPlain<K extends 'Pod' | 'PersistentVolumeClaim'>(cluster: ApplyTarget, kind: K, desired: K extends 'Pod' ? Pod : PersistentVolumeClaim, raw: unknown): 'created' | 'configured' | 'unchanged' {
  const ns = desired.metadata.namespace ?? 'default';
  const live = cluster.store.get(kind, ns, desired.metadata.name);
  if (!live) {
    cluster.store.create(kind, withLastApplied(desired, raw) as never);
    return 'created';
  }
  const merged = withLastApplied(threeWayMerge(live, lastAppliedOf(live), raw) as typeof live, raw);
  if (jsonEqual(merged, live)) return 'unchanged';
  cluster.store.update(kind, merged as never);
  return 'configured';
}

const toProblem = (p: ManifestProblem): ApplyProblem => ({ message: p.message, line: p.line, column: p.column });

/** kubectl apply -f - of a whole text: documents before a broken one are still applied, as kubectl does. */
export function applyManifests(cluster: ApplyTarget, text: string): ApplyOutcome {
  const parsed = parseManifests(text, { exists: (kind, ns, name) => cluster.store.get(kind, ns, name) !== undefined });
  const notices = parsed.notices.map((n) => ({ message: n.message, line: n.line, column: n.column }));
  const failures: Pick<ManifestProblem, 'message' | 'text'>[] = [...parsed.problems];
  const problems: ApplyProblem[] = parsed.problems.map(toProblem);
  const out: string[] = [];
  if (!parsed.fatal) {
    for (const doc of parsed.documents) {
      try {
        let verb: 'created' | 'configured' | 'unchanged';
        if (doc.object.kind === 'CloneSet') verb = applyCloneSet(cluster, doc.object, doc.raw);
        else if (doc.object.kind === 'Pod') verb = applyPlain(cluster, 'Pod', doc.object, doc.raw);
        else verb = applyPlain(cluster, 'PersistentVolumeClaim', doc.object, doc.raw);
        out.push(`${resourceRef(doc.object)} ${verb}`);
      } catch (e) {
        if (!(e instanceof ApplyError) && !(e instanceof StoreError)) throw e;
        const message = e instanceof StoreError ? `Error from server (${e.reason}): error when creating "STDIN": ${e.message}` : e.message;
        failures.push({ message, text: message });
        problems.push({ message, line: doc.line });
      }
    }
  }
  const result: ApplyOutcome = { ok: failures.length === 0, output: out.join('\n'), problems, notices };
  if (failures.length) result.error = kubectlErrorOutput(failures);
  return result;
}
