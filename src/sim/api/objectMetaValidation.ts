// SPEC §2 item 1: object metadata checks of the CloneSet webhook (apimachinery
// ValidateObjectMeta / ValidateObjectMetaUpdate, name as a DNS subdomain).
import { invalid, required, type FieldError } from './fieldErrors';
import { isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain, validateAnnotations, validateLabels, validateNonnegativeField } from './k8sNames';
import type { ObjectMeta } from './types';

// The API server fills in the namespace and resourceVersion before admission, so their
// "required" checks cannot fire here and are left out.
export function validateObjectMeta(meta: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    errs.push(...nameIsDNSSubdomain(meta.generateName, true).map((m) => invalid('metadata.generateName', meta.generateName as string, m)));
  }
  if (!meta.name) errs.push(required('metadata.name', 'name or generateName is required'));
  else errs.push(...nameIsDNSSubdomain(meta.name, false).map((m) => invalid('metadata.name', meta.name, m)));
  if (meta.namespace) errs.push(...nameIsDNSLabel(meta.namespace, false).map((m) => invalid('metadata.namespace', meta.namespace as string, m)));
  errs.push(...validateNonnegativeField(meta.generation ?? 0, 'metadata.generation'));
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  for (const f of meta.finalizers ?? []) errs.push(...isQualifiedName(f).map((m) => invalid('metadata.finalizers', f, m)));
  return errs;
}

export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid('metadata.generation', meta.generation ?? 0, 'must not be decremented'));
  const immutable: [keyof ObjectMeta, string][] = [
    ['name', 'metadata.name'],
    ['namespace', 'metadata.namespace'],
    ['uid', 'metadata.uid'],
  ];
  for (const [key, path] of immutable) {
    if ((meta[key] ?? '') !== (old[key] ?? '')) errs.push(invalid(path, String(meta[key] ?? ''), 'field is immutable'));
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return errs;
}
