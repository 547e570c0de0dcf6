// Fixtures of the in-place decision tables: pod templates (`oldTemplate`/`newTemplate`) become
// ControllerRevisions whose data is `{"spec":{"template":{"$patch":"replace", …}}}`, as kruise
// stores them. A template given as a string is stored bytes that are not valid JSON; null = no
// revision. `revisionDataExtra` is merged into both revisions' data outside the template.
import { ANNOTATION_VCT_HASH } from '../../api/constants';
import type { ControllerRevision } from '../../api/types';
import { withFeatureGates, type FeatureGates } from '../../controller/featureGates';
import type { UpdateSpec } from '../../controller/inplaceSpec';
import { CaseFormatError, type TableCase } from '../types';
import { isRecord } from './inplaceFixtures';

export function revisionFromTemplate(name: string, template: unknown, extra: Record<string, unknown> = {}, annotations?: Record<string, string>): ControllerRevision | null {
  if (template === null || template === undefined) return null;
  // Stored bytes that do not parse: the revision's data is kept as that raw text.
  const data = typeof template === 'string' ? template : { ...extra, spec: { template: { $patch: 'replace', ...(template as object) } } };
  if (typeof template !== 'string' && !isRecord(template)) throw new CaseFormatError(`${name}: expected a pod template, a string or null`);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    data: data as ControllerRevision['data'],
    revision: name === 'old-revision' ? 1 : 2,
  };
}

export function featureGatesOf(c: TableCase): FeatureGates {
  if (c.featureGates !== undefined && c.featureGates !== null && !isRecord(c.featureGates)) throw new CaseFormatError('featureGates: expected an object');
  return withFeatureGates(c.featureGates as Record<string, boolean> | undefined);
}

/** The VCT-hash annotation of a revision: `{annotationPresent, value}`. */
export function vctAnnotations(v: unknown, what: string): Record<string, string> {
  if (!isRecord(v)) throw new CaseFormatError(`${what}: expected an object`);
  if (v.annotationPresent !== true) return {};
  if (typeof v.value !== 'string') throw new CaseFormatError(`${what}.value: expected a string`);
  return { [ANNOTATION_VCT_HASH]: v.value };
}

/** containerResources as the tables list them: only non-empty limits/requests. */
export function renderContainerResources(spec: UpdateSpec): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [name, r] of Object.entries(spec.containerResources)) {
    const entry: Record<string, Record<string, string>> = {};
    if (Object.keys(r.limits).length > 0) entry.limits = r.limits;
    if (Object.keys(r.requests).length > 0) entry.requests = r.requests;
    out[name] = entry;
  }
  return out;
}
