// Adapter for validation.json (kruise TestValidate, SPEC §2): builds the CloneSet (and the old
// one for UPDATE) and the pods of `meta.environment`, runs the project's webhook validation and
// reports the first error the way the table records it.
import { CLONESET_API_VERSION, CLONESET_KIND } from '../../api/constants';
import { errorBody, type FieldError } from '../../api/fieldErrors';
import type { CloneSet, CloneSetSpec, Pod, PodTemplateSpec } from '../../api/types';
import { validateCloneSet, validateCloneSetUpdate } from '../../api/validation';
import { CaseFormatError, type TableAdapter, type TableCase, type TableMeta } from '../types';

const CLONESET_UID = 'cloneset-uid';
const NAMESPACE = 'default';

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CaseFormatError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}

/** Templates are abbreviated in the table: metadata fields (labels, annotations) sit next to the pod spec fields. */
function templateFromFixture(v: unknown): PodTemplateSpec {
  const t = record(v, 'spec.template');
  if ('spec' in t) return t as unknown as PodTemplateSpec;
  const { labels, annotations, metadata, ...podSpec } = t;
  const meta = { ...(metadata && typeof metadata === 'object' ? metadata : {}) } as Record<string, unknown>;
  if (labels !== undefined) meta.labels = labels;
  if (annotations !== undefined) meta.annotations = annotations;
  return { metadata: meta, spec: podSpec } as unknown as PodTemplateSpec;
}

function specFromFixture(v: unknown, what: string): CloneSetSpec {
  const s = { ...record(v, what) };
  // null in the fixture means "not set".
  const strategy = s.updateStrategy && typeof s.updateStrategy === 'object' ? { ...(s.updateStrategy as object) } : undefined;
  if (strategy) {
    for (const [k, val] of Object.entries(strategy)) if (val === null) delete (strategy as Record<string, unknown>)[k];
    s.updateStrategy = strategy;
  }
  return { ...s, template: templateFromFixture(s.template) } as unknown as CloneSetSpec;
}

function cloneSetFromSpec(spec: CloneSetSpec, resourceVersion: string): CloneSet {
  return {
    apiVersion: CLONESET_API_VERSION,
    kind: CLONESET_KIND,
    metadata: { name: 'cs-sample', namespace: NAMESPACE, uid: CLONESET_UID, resourceVersion },
    spec,
  };
}

function podsFromEnvironment(meta: TableMeta): Map<string, Pod> {
  const env = meta.environment && typeof meta.environment === 'object' ? (meta.environment as Record<string, unknown>) : {};
  const pods = new Map<string, Pod>();
  for (const raw of Array.isArray(env.existingPods) ? env.existingPods : []) {
    const p = record(raw, 'environment.existingPods[]');
    const name = String(p.name);
    const owned = p.controlledByThisCloneSet === true;
    pods.set(name, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: typeof p.namespace === 'string' ? p.namespace : NAMESPACE,
        ownerReferences: [{ apiVersion: CLONESET_API_VERSION, kind: CLONESET_KIND, name: 'owner', uid: owned ? CLONESET_UID : 'another-uid', controller: true }],
        ...(p.terminating === true ? { deletionTimestamp: 0 } : {}),
      },
      spec: { containers: [] },
      status: {},
    });
  }
  return pods;
}

// Provenance the table keeps next to each rejection: kruise's TestValidate checks the field path
// (its `expectField`) only for these rules; for the others it only checks that validation failed.
function fieldPathAssertedByTest(e: FieldError): boolean {
  if (e.field === 'spec.progressDeadlineSeconds') return true;
  if (/^failed GetScaledValueFromIntOrPercent for (maxSurge|maxUnavailable):/.test(e.detail)) return true;
  return e.field === 'spec' && e.detail.startsWith('updates to cloneset spec for fields other than');
}

const adapter: TableAdapter = {
  test: 'TestValidate',
  evaluate(c: TableCase, meta: TableMeta) {
    const pods = podsFromEnvironment(meta);
    const ctx = { getPod: (name: string) => pods.get(name) };
    const cs = cloneSetFromSpec(specFromFixture(c.spec, 'spec'), '2');
    let errors: FieldError[];
    if (c.operation === 'UPDATE') {
      const old = cloneSetFromSpec(specFromFixture(c.oldSpec, 'oldSpec'), '1');
      errors = validateCloneSetUpdate(cs, old, ctx);
    } else if (c.operation === 'CREATE') {
      errors = validateCloneSet(cs, undefined, ctx);
    } else {
      throw new CaseFormatError(`operation: expected CREATE or UPDATE, got ${String(c.operation)}`);
    }
    if (errors.length === 0) return { allowed: true };
    const first = errors[0];
    const asserted = fieldPathAssertedByTest(first);
    return {
      allowed: false,
      fieldPath: first.field,
      message: errorBody(first),
      fieldPathAssertedByTest: asserted,
      messageSource:
        'derived from pkg/webhook/cloneset/validating/validation.go (the test only checks that at least one error is returned' +
        (asserted ? ' and that one error has this field path)' : ')'),
    };
  },
};

export default adapter;
