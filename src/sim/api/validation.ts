// SPEC §2: the CloneSet validating webhook "vcloneset.kb.io" (kruise
// pkg/webhook/cloneset/validating/validation.go), with kruise's messages and field paths.
// validateCloneSet covers CREATE (and the common part of UPDATE); validateCloneSetUpdate adds the
// update-only rules first, exactly in kruise's order, so the first error is the one kruise
// reports first. Pods named in podsToDelete are looked up through a function, so the check stays
// pure. Deletion protection (gate ResourcesDeletionProtection, off by default) is not modelled.
import { setDefaultPodSpec } from './defaults';
import {
  forbidden,
  goIntOrStringSyntax,
  goLiteral,
  goMapSyntax,
  goStringSliceSyntax,
  invalid,
  notSupported,
  required,
  webhookDenialMessage,
  type FieldError,
} from './fieldErrors';
import { podSpecToGoJson } from './goJson';
import { semanticEqual } from './jsonEqual';
import { getScaledValueFromIntOrPercent } from './intstr';
import { validateNonnegativeField } from './k8sNames';
import {
  labelSelectorAsSelector,
  labelSelectorGoSyntax,
  selectorIsEmpty,
  selectorMatches,
  validateLabelSelector,
} from './labelSelector';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMetaValidation';
import { validatePodTemplateSpec } from './podTemplateValidation';
import type {
  CloneSet,
  CloneSetScaleStrategy,
  CloneSetSpec,
  CloneSetUpdateStrategy,
  IntOrString,
  ObjectMeta,
  Pod,
  UpdatePriorityStrategy,
  UpdateScatterTerm,
} from './types';
import { createPatch, type JsonPatchOperation } from '../controller/jsonPatch';
import { INT32_MAX } from './constants';

export const CLONESET_VALIDATING_WEBHOOK = 'vcloneset.kb.io';

export interface ValidationContext {
  /** The pod of that name in the CloneSet's namespace, or undefined when there is none. */
  getPod(name: string): Pod | undefined;
}

export interface AdmissionResult {
  allowed: boolean;
  errors: FieldError[];
  /** The API server's rejection text, when denied. */
  message?: string;
}

/** The whole admission decision for a CREATE or UPDATE of a CloneSet. */
export function admitCloneSet(
  operation: 'CREATE' | 'UPDATE',
  cs: CloneSet,
  oldCs: CloneSet | undefined,
  ctx: ValidationContext,
): AdmissionResult {
  const errors = operation === 'UPDATE' && oldCs ? validateCloneSetUpdate(cs, oldCs, ctx) : validateCloneSet(cs, undefined, ctx);
  if (errors.length === 0) return { allowed: true, errors };
  return { allowed: false, errors, message: formatValidationErrors(errors) };
}

/** `admission webhook "vcloneset.kb.io" denied the request: …` */
export function formatValidationErrors(errors: readonly FieldError[]): string {
  return webhookDenialMessage(CLONESET_VALIDATING_WEBHOOK, errors);
}

/** validateCloneSet: object metadata, then the spec. `oldCs` only narrows the podsToDelete check. */
export function validateCloneSet(cs: CloneSet, oldCs: CloneSet | undefined, ctx: ValidationContext): FieldError[] {
  return [...validateObjectMeta(cs.metadata), ...validateCloneSetSpec(cs, oldCs?.spec, ctx)];
}

/** validateCloneSetUpdate: metadata update rules, immutable fields, the InPlaceOnly rule, then all of validateCloneSet. */
export function validateCloneSetUpdate(cs: CloneSet, oldCs: CloneSet, ctx: ValidationContext): FieldError[] {
  const errs = validateObjectMetaUpdate(cs.metadata, oldCs.metadata);
  if (!semanticEqual(withoutMutableFields(cs.spec), withoutMutableFields(oldCs.spec))) {
    errs.push(
      forbidden(
        'spec',
        "updates to cloneset spec for fields other than 'replicas', 'template', 'lifecycle', 'scaleStrategy', 'updateStrategy', 'minReadySeconds', 'progressDeadlineSeconds', 'volumeClaimTemplates' and 'revisionHistoryLimit' are forbidden",
      ),
    );
  }
  const inPlaceOnlyError = validateInPlaceOnlyTemplateChange(oldCs, cs);
  if (inPlaceOnlyError) errs.push(forbidden('spec', inPlaceOnlyError));
  errs.push(...validateCloneSet(cs, oldCs, ctx));
  return errs;
}

// ---- update-only rules ------------------------------------------------------------------

const MUTABLE_SPEC_FIELDS: (keyof CloneSetSpec)[] = [
  'replicas',
  'template',
  'scaleStrategy',
  'updateStrategy',
  'minReadySeconds',
  'lifecycle',
  'revisionHistoryLimit',
  'volumeClaimTemplates',
  'progressDeadlineSeconds',
];

function withoutMutableFields(spec: CloneSetSpec): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...spec };
  for (const f of MUTABLE_SPEC_FIELDS) delete rest[f];
  return rest;
}

const IN_PLACE_ONLY_PATCH_PATH = /^\/containers\/([0-9]+)\/image$/;

/**
 * coreControl.ValidateCloneSetUpdate: with the new type InPlaceOnly, the JSON patch from the old
 * to the new template.spec may only replace container images. Returns the error text, if any.
 */
export function validateInPlaceOnlyTemplateChange(oldCs: CloneSet, cs: CloneSet): string | undefined {
  if (cs.spec.updateStrategy?.type !== 'InPlaceOnly') return undefined;
  let ops: JsonPatchOperation[];
  try {
    ops = createPatch(podSpecToGoJson(oldCs.spec.template?.spec), podSpecToGoJson(cs.spec.template?.spec));
  } catch {
    return 'failed calculate patches between old/new template spec';
  }
  const bad = ops.find((p) => p.op !== 'replace' || !IN_PLACE_ONLY_PATCH_PATH.test(p.path));
  return bad ? `only allowed to update images in spec for InPlaceOnly, but found ${bad.op} ${bad.path}` : undefined;
}

// ---- spec -------------------------------------------------------------------------------

function validateCloneSetSpec(cs: CloneSet, oldSpec: CloneSetSpec | undefined, ctx: ValidationContext): FieldError[] {
  const spec = cs.spec;
  // The mutating webhook always sets replicas before this runs.
  const replicas = spec.replicas ?? 1;
  const errs = validateNonnegativeField(replicas, 'spec.replicas');

  const selector = spec.selector;
  if (!selector) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid('spec.selector', labelSelectorGoSyntax(selector), 'empty selector is invalid for cloneset'));
    }
  }

  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok) {
    errs.push(invalid('spec.selector', selector ? labelSelectorGoSyntax(selector) : null, ''));
  } else {
    const labels = spec.template?.metadata?.labels;
    if (!selectorIsEmpty(parsed.selector) && !selectorMatches(parsed.selector, labels)) {
      errs.push(invalid('spec.template.metadata.labels', goLiteral(goMapSyntax(labels)), '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplateSpec(templateForValidation(cs), 'spec.template'));
  }

  const podSpec = spec.template?.spec;
  if (podSpec?.restartPolicy && podSpec.restartPolicy !== 'Always') {
    errs.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']));
  }
  if (podSpec?.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in cloneset is not Supported'));
  }

  errs.push(...validateScaleStrategy(spec.scaleStrategy ?? {}, oldSpec ? (oldSpec.scaleStrategy ?? {}) : undefined, cs.metadata, ctx));
  errs.push(...validateUpdateStrategy(spec.updateStrategy ?? {}, replicas));

  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined && pds !== null) {
    errs.push(...validateNonnegativeField(pds, 'spec.progressDeadlineSeconds'));
    if (pds !== INT32_MAX && pds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

// kruise converts the template (defaulting its pod spec on the way) and mounts each
// volumeClaimTemplate as a PVC volume of the same name, so volumeMounts may name them.
function templateForValidation(cs: CloneSet) {
  const template = cs.spec.template ?? { spec: { containers: [] } };
  const podSpec = setDefaultPodSpec(template.spec ?? { containers: [] });
  const claimVolumes = (cs.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name,
    persistentVolumeClaim: { claimName: t.metadata?.name, readOnly: false },
  }));
  return { ...template, spec: { ...podSpec, volumes: [...(podSpec.volumes ?? []), ...claimVolumes] } };
}

function validateScaleStrategy(
  strategy: CloneSetScaleStrategy,
  oldStrategy: CloneSetScaleStrategy | undefined,
  meta: ObjectMeta,
  ctx: ValidationContext,
): FieldError[] {
  const path = 'spec.scaleStrategy.podsToDelete';
  const names = strategy.podsToDelete ?? [];
  const seen = new Set<string>();
  const duplicates = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (duplicates.length > 0) {
    return [invalid(path, goLiteral(goStringSliceSyntax(strategy.podsToDelete)), `duplicated items [${duplicates.join(' ')}]`)];
  }
  // Only names added by this request are checked.
  const previous = new Set(oldStrategy?.podsToDelete ?? []);
  const added = [...new Set(names)].filter((n) => !previous.has(n)).sort();
  const errs: FieldError[] = [];
  for (const name of added) {
    const pod = ctx.getPod(name);
    const owner = pod?.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!pod) errs.push(invalid(path, name, `find pod ${name} failed: pods "${name}" not found`));
    else if (pod.metadata.deletionTimestamp !== undefined) errs.push(invalid(path, name, `find pod ${name} already terminating`));
    else if (!owner || owner.uid !== meta.uid) errs.push(invalid(path, name, `find pod ${name} owner is not this CloneSet`));
  }
  return errs;
}

/** IntOrString.String(): the text of the value, "<nil>" when unset. */
function intOrStringText(v: IntOrString | undefined | null): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

/** kruise util.GetScaledValueFromIntOrPercent as [value, error]. */
function scaled(v: IntOrString | undefined | null, total: number): [number, string | undefined] {
  try {
    return [getScaledValueFromIntOrPercent(v, total, true), undefined];
  } catch (e) {
    return [0, (e as Error).message];
  }
}

function validateUpdateStrategy(strategy: CloneSetUpdateStrategy, replicas: number): FieldError[] {
  const path = 'spec.updateStrategy';
  const errs: FieldError[] = [];
  const type = strategy.type ?? '';
  if (type !== 'ReCreate' && type !== 'InPlaceIfPossible' && type !== 'InPlaceOnly') {
    errs.push(invalid(`${path}.type`, type, "must be 'ReCreate', InPlaceIfPossible or 'InPlaceOnly'"));
  }

  const [partition, partitionErr] = scaled(strategy.partition, replicas);
  if (partitionErr) {
    errs.push(invalid(`${path}.partition`, intOrStringText(strategy.partition), `failed GetScaledValueFromIntOrPercent for partition: ${partitionErr}`));
  }
  errs.push(...validateNonnegativeField(partition, `${path}.partition`));

  const priorityErr = priorityStrategyError(strategy.priorityStrategy);
  if (priorityErr) errs.push(required(`${path}.priorityStrategy`, priorityErr));
  const scatterErr = scatterStrategyError(strategy.scatterStrategy);
  if (scatterErr) errs.push(required(`${path}.scatterStrategy`, scatterErr));

  let maxUnavailable = 0;
  if (strategy.maxUnavailable !== undefined && strategy.maxUnavailable !== null) {
    const [v, err] = scaled(strategy.maxUnavailable, replicas);
    maxUnavailable = v;
    if (err) {
      errs.push(invalid(`${path}.maxUnavailable`, intOrStringText(strategy.maxUnavailable), `failed GetScaledValueFromIntOrPercent for maxUnavailable: ${err}`));
    }
  }
  let maxSurge = 0;
  if (strategy.maxSurge !== undefined && strategy.maxSurge !== null) {
    const [v, err] = scaled(strategy.maxSurge, replicas);
    maxSurge = v;
    if (err) {
      errs.push(invalid(`${path}.maxSurge`, intOrStringText(strategy.maxSurge), `failed GetScaledValueFromIntOrPercent for maxSurge: ${err}`));
    }
    if (type === 'InPlaceOnly' && maxSurge > 0) {
      errs.push(invalid(`${path}.maxSurge`, intOrStringText(strategy.maxSurge), 'can not use maxSurge with strategy type InPlaceOnly'));
    }
  }
  if (replicas > 0 && maxUnavailable < 1 && maxSurge < 1) {
    const mu = strategy.maxUnavailable;
    const shown = mu === undefined || mu === null ? null : goLiteral(goIntOrStringSyntax(mu));
    errs.push(invalid(`${path}.maxUnavailable`, shown, 'maxUnavailable and maxSurge should not both be less than 1'));
  }
  return errs;
}

/** UpdatePriorityStrategy.FieldsValidation. */
function priorityStrategyError(s: UpdatePriorityStrategy | undefined): string | undefined {
  if (!s) return undefined;
  const weights = s.weightPriority ?? [];
  const orders = s.orderPriority ?? [];
  if (weights.length > 0 && orders.length > 0) return 'only one of weightPriority and orderPriority can be used';
  for (const w of weights) {
    if (w.weight < 0 || w.weight > 100) return 'weight must be valid number in the range 1-100';
    const sel = w.matchSelector ?? {};
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) return 'selector can not be empty';
    const parsed = labelSelectorAsSelector(sel);
    if (!parsed.ok) return `invalid selector ${parsed.error}`;
  }
  for (const o of orders) if (!o.orderedKey) return 'order key can not be empty';
  return undefined;
}

/** UpdateScatterStrategy.FieldsValidation. */
function scatterStrategyError(terms: UpdateScatterTerm[] | undefined): string | undefined {
  const seen = new Set<string>();
  for (const t of terms ?? []) {
    if (!t.key) return 'key should not be empty';
    const id = `${t.key}:${t.value}`;
    if (seen.has(id)) return `duplicated key=${t.key} value=${t.value}`;
    seen.add(id);
  }
  return undefined;
}
