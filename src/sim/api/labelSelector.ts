// metav1.LabelSelector semantics (SPEC §2 item 3, §5 step 6): conversion to a selector
// (LabelSelectorAsSelector), matching, its string form (status.labelSelector, `kubectl -o wide`)
// and the field validation of a selector (ValidateLabelSelector).
import {
  goLiteral,
  goMapSyntax,
  goQuote,
  goStringSliceSyntax,
  forbidden,
  invalid,
  required,
  type FieldError,
  type GoLiteral,
} from './fieldErrors';
import { isQualifiedName, isValidLabelValue, validateLabelName, validateLabels } from './k8sNames';
import type { LabelSelector, Labels } from './types';

type Operator = 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/**
 * A parsed selector. `nothing` matches no object (a nil selector); an empty requirement list
 * matches everything.
 */
export interface Selector {
  nothing: boolean;
  requirements: Requirement[];
}

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

const EXPRESSION_OPERATORS: Record<string, Operator> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

/** labels.NewRequirement's checks, as one error message (apimachinery aggregates them). */
function requirementError(key: string, op: Operator, values: string[]): string | undefined {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(`key: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
  const vals = goStringSliceSyntax(values);
  if ((op === 'In' || op === 'NotIn') && values.length === 0) {
    errs.push(`values: Invalid value: ${vals}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if (op === 'Equals' && values.length !== 1) {
    errs.push(`values: Invalid value: ${vals}: exact-match compatibility requires one single value`);
  }
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length !== 0) {
    errs.push(`values: Invalid value: ${vals}: values set must be empty for exists and does not exist`);
  }
  values.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${valueErrs.join('; ')}`);
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${[...new Set(errs)].join(', ')}]`;
}

/** metav1.LabelSelectorAsSelector. */
export function labelSelectorAsSelector(ps: LabelSelector | undefined | null): SelectorResult {
  if (!ps) return { ok: true, selector: { nothing: true, requirements: [] } };
  const matchLabels = ps.matchLabels ?? {};
  const expressions = ps.matchExpressions ?? [];
  const requirements: Requirement[] = [];
  for (const key of Object.keys(matchLabels).sort()) {
    const values = [String(matchLabels[key])];
    const err = requirementError(key, 'Equals', values);
    if (err) return { ok: false, error: err };
    requirements.push({ key, operator: 'Equals', values });
  }
  for (const expr of expressions) {
    const op = EXPRESSION_OPERATORS[expr.operator];
    if (!op) return { ok: false, error: `${goQuote(String(expr.operator))} is not a valid label selector operator` };
    const values = [...(expr.values ?? [])];
    const err = requirementError(expr.key, op, values);
    if (err) return { ok: false, error: err };
    requirements.push({ key: expr.key, operator: op, values });
  }
  // The selector keeps its requirements sorted by key (a stable sort keeps equal keys in order).
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ok: true, selector: { nothing: false, requirements } };
}

/**
 * kruise util.ValidatedLabelSelectorAsSelector: like labelSelectorAsSelector but only the operator
 * is checked (keys and values are taken as they are). The controller uses this form.
 */
export function validatedLabelSelectorAsSelector(ps: LabelSelector | undefined | null): SelectorResult {
  if (!ps) return { ok: true, selector: { nothing: true, requirements: [] } };
  const matchLabels = ps.matchLabels ?? {};
  const requirements: Requirement[] = Object.keys(matchLabels).map((key) => ({
    key,
    operator: 'Equals' as Operator,
    values: [String(matchLabels[key])],
  }));
  for (const expr of ps.matchExpressions ?? []) {
    const op = EXPRESSION_OPERATORS[expr.operator];
    if (!op) return { ok: false, error: `${goQuote(String(expr.operator))} is not a valid pod selector operator` };
    requirements.push({ key: expr.key, operator: op, values: [...(expr.values ?? [])] });
  }
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ok: true, selector: { nothing: false, requirements } };
}

/**
 * Does a selector (read the controller's way, validatedLabelSelectorAsSelector) match these
 * labels? `undefined` when the selector has an unknown operator and cannot be used at all.
 */
export function validatedSelectorMatches(ps: LabelSelector | undefined | null, labels: Labels | undefined): boolean | undefined {
  const r = validatedLabelSelectorAsSelector(ps);
  return r.ok ? selectorMatches(r.selector, labels) : undefined;
}

/** True when the selector has no requirements (it matches everything, or is nil). */
export function selectorIsEmpty(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

export function selectorMatches(s: Selector, labels: Labels | undefined): boolean {
  if (s.nothing) return false;
  const l = labels ?? {};
  return s.requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case 'Equals':
      case 'In':
        return has && r.values.includes(l[r.key]);
      case 'NotIn':
        return !has || !r.values.includes(l[r.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** Convenience: does this LabelSelector (as written in a spec) select these labels? */
export function labelSelectorMatches(ps: LabelSelector | undefined | null, labels: Labels | undefined): boolean {
  const r = labelSelectorAsSelector(ps);
  return r.ok && selectorMatches(r.selector, labels);
}

function requirementString(r: Requirement): string {
  const values = [...r.values].sort().join(',');
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${values}`;
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** Selector.String(): `app=nginx,tier in (a,b)`; "" for nil or empty selectors. */
export function selectorString(s: Selector): string {
  return s.requirements.map(requirementString).join(',');
}

/** status.labelSelector of a CloneSet ("" when the selector cannot be parsed). */
export function labelSelectorString(ps: LabelSelector | undefined | null): string {
  const r = validatedLabelSelectorAsSelector(ps);
  return r.ok ? selectorString(r.selector) : '';
}

/** %#v of a metav1.LabelSelector value, as webhook messages print it. */
export function labelSelectorGoSyntax(ps: LabelSelector): GoLiteral {
  const exprs = ps.matchExpressions;
  const exprText = !exprs
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(String(e.operator))}, Values:${goStringSliceSyntax(e.values)}}`,
        )
        .join(', ')}}`;
  return goLiteral(`v1.LabelSelector{MatchLabels:${goMapSyntax(ps.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** metav1 validation ValidateLabelSelector (default options: unknown operators are errors). */
export function validateLabelSelector(ps: LabelSelector | undefined | null, path: string): FieldError[] {
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, `${path}.matchLabels`);
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(invalid(`${p}.operator`, String(expr.operator), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, `${p}.key`));
    values.forEach((v, j) => {
      errs.push(...isValidLabelValue(v).map((m) => invalid(`${p}.values[${j}]`, v, m)));
    });
  });
  return errs;
}
