// Adapter for get-active-revisions.json (kruise TestGetActiveRevisions, SPEC §4): builds the
// CloneSet of `meta.cloneSet` (defaulted as the webhook would), the existing ControllerRevisions
// (holding either that CloneSet's template or another one, with or without a claim-template hash
// annotation), runs getActiveRevisions and describes the chosen update revision.
import { ANNOTATION_VCT_HASH, CLONESET_API_VERSION, CLONESET_KIND } from '../../api/constants';
import { setDefaultsCloneSet } from '../../api/defaults';
import type { CloneSet, ControllerRevision, VolumeClaimTemplate } from '../../api/types';
import { DEFAULT_FEATURE_GATES } from '../../controller/featureGates';
import {
  getActiveRevisions,
  getVCTemplatesHash,
  revisionDataOf,
  volumeClaimTemplatesHash,
} from '../../controller/revisions';
import { CaseFormatError, type TableAdapter, type TableCase, type TableMeta } from '../types';

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CaseFormatError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}

const ACCESS_MODES: Record<string, string> = {
  RWO: 'ReadWriteOnce',
  RWX: 'ReadWriteMany',
  ROX: 'ReadOnlyMany',
  RWOP: 'ReadWriteOncePod',
};

/** "data-vol 1Gi RWO" → a claim template named data-vol asking for 1Gi, ReadWriteOnce. */
function claimTemplateFromShorthand(v: unknown): VolumeClaimTemplate {
  const [name, size, mode] = String(v).trim().split(/\s+/);
  if (!name || !size) throw new CaseFormatError(`volumeClaimTemplates: cannot read ${JSON.stringify(v)}`);
  return {
    metadata: { name },
    spec: { accessModes: [ACCESS_MODES[mode ?? 'RWO'] ?? mode], resources: { requests: { storage: size } } },
  };
}

function cloneSetFromMeta(meta: TableMeta): CloneSet {
  const f = record(meta.cloneSet, 'meta.cloneSet');
  const name = String(f.name ?? 'sample');
  const labels = { app: name };
  const cs: CloneSet = {
    apiVersion: CLONESET_API_VERSION,
    kind: CLONESET_KIND,
    metadata: { name, namespace: 'default', uid: `${name}-uid` },
    spec: {
      replicas: typeof f.replicas === 'number' ? f.replicas : undefined,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: String(f.image ?? 'main:v1') }] } },
      volumeClaimTemplates: Array.isArray(f.volumeClaimTemplates) ? f.volumeClaimTemplates.map(claimTemplateFromShorthand) : undefined,
    },
  };
  return setDefaultsCloneSet(cs, { isCreate: true, featureGates: DEFAULT_FEATURE_GATES });
}

// A template other than the CloneSet's (the Go test uses a different image and labels).
function otherTemplateData(): ControllerRevision['data'] {
  return {
    spec: {
      template: { $patch: 'replace', metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'main', image: 'different:1.0' }] } },
    },
  };
}

function existingRevision(v: unknown, cs: CloneSet, currentHash: string): ControllerRevision {
  const r = record(v, 'existing[]');
  const equal = /^EQUAL/i.test(String(r.template ?? ''));
  const annotation = r.vctHashAnnotation;
  const metadata: ControllerRevision['metadata'] = { name: String(r.name), namespace: 'default' };
  if (typeof annotation === 'string') {
    metadata.annotations = { [ANNOTATION_VCT_HASH]: annotation === 'current' ? currentHash : annotation };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata,
    data: equal ? revisionDataOf(cs) : otherTemplateData(),
    revision: Number(r.revision),
  };
}

/** How the chosen revision's claim-template hash relates to the one it had before. */
function describeClaimHash(before: string | undefined, after: string | undefined, currentHash: string): string | undefined {
  if (after !== currentHash) return after;
  if (before === undefined) return 'hash of the current volumeClaimTemplates';
  return before === after ? 'current' : 'overwritten with the current hash';
}

const adapter: TableAdapter = {
  test: 'TestGetActiveRevisions',
  evaluate(c: TableCase, meta: TableMeta) {
    const cs = cloneSetFromMeta(meta);
    const currentHash = volumeClaimTemplatesHash(cs.spec.volumeClaimTemplates);
    const existing = (Array.isArray(c.existing) ? c.existing : []).map((r) => existingRevision(r, cs, currentHash));
    const { updateRevision, change } = getActiveRevisions(cs, existing);
    const result: Record<string, unknown> = {
      updateRevisionName: change.kind === 'create' ? `${cs.metadata.name}-<hash> (new)` : updateRevision.metadata.name,
      updateRevisionNumber: updateRevision.revision,
    };
    // Only the rollback path rewrites an existing revision's claim-template hash.
    if (change.kind === 'update') {
      result.vctHashAnnotation = describeClaimHash(getVCTemplatesHash(change.previous), getVCTemplatesHash(updateRevision), currentHash);
    }
    return result;
  },
};

export default adapter;
