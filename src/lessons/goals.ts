// Goals: declarative checks on the simulated cluster, each with an English and a Chinese label.
// A goal is one predicate (src/lessons/predicates.ts) or a composition of them (all / any / not),
// judged on (the state at the lesson's start, the state now, whether anything is still pending).
//
//   goals:
//     - label: {en: "2 pods updated in place", zh: "2 个 Pod 已原地升级"}
//       cloneSet: nginx-2            # optional: which CloneSet (default: the only / first one)
//       all:
//         - podCount: {revision: update, count: 2}
//         - noPodRecreated: {}
import { FieldError } from './compare';
import { bilingual, isRecord, type Path } from './params';
import { PREDICATES, type GoalContext, type Text, type Verdict } from './predicates';

export type { GoalContext, Text, Verdict } from './predicates';

export type Check =
  | { kind: 'all' | 'any'; of: Check[] }
  | { kind: 'not'; of: Check }
  | { kind: 'predicate'; name: string; params: unknown };

export interface Goal {
  /** Stable id for the page (`data-goal`) and the CLI report: the goal's position, from 1. */
  id: string;
  label: Text;
  cloneSet?: string;
  check: Check;
}

export interface GoalResult {
  id: string;
  label: Text;
  met: boolean;
  value: Text;
}

const COMBINATORS = ['all', 'any', 'not'];

/** A mapping with exactly one predicate or combinator key (plus the keys in `extra`). */
export function parseCheck(v: unknown, path: Path, extra: readonly string[] = []): Check {
  if (!isRecord(v)) throw new FieldError(path, `expected a mapping with one of ${[...COMBINATORS, ...Object.keys(PREDICATES)].join(', ')}`);
  const keys = Object.keys(v).filter((k) => !extra.includes(k));
  if (keys.length !== 1) {
    throw new FieldError(path, keys.length === 0 ? `no check given (use one of ${Object.keys(PREDICATES).join(', ')}, or all/any/not)` : `one check per entry, got ${keys.join(', ')} (combine them with all:)`);
  }
  const key = keys[0];
  const at = [...path, key];
  const value = v[key];
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value) || value.length === 0) throw new FieldError(at, `${key}: expected a non-empty list of checks`);
    return { kind: key, of: value.map((c, i) => parseCheck(c, [...at, i])) };
  }
  if (key === 'not') return { kind: 'not', of: parseCheck(value, at) };
  const def = PREDICATES[key];
  if (!def) throw new FieldError(at, `unknown check "${key}" (known: ${Object.keys(PREDICATES).join(', ')}, all, any, not)`);
  return { kind: 'predicate', name: key, params: def.parse(value, at) };
}

/** goals.yaml's value → goals; throws FieldError with the path of the first thing wrong. */
export function parseGoals(doc: unknown): Goal[] {
  if (!isRecord(doc) || !Array.isArray(doc.goals)) throw new FieldError([], 'expected `goals:` with a list of goals');
  for (const k of Object.keys(doc)) if (k !== 'goals') throw new FieldError([k], `unknown field "${k}" (only goals)`);
  if (doc.goals.length === 0) throw new FieldError(['goals'], 'a lesson needs at least one goal');
  return doc.goals.map((g, i): Goal => {
    const path = ['goals', i];
    if (!isRecord(g)) throw new FieldError(path, 'expected a mapping with label and a check');
    if (g.label === undefined) throw new FieldError(path, 'missing label: {en: …, zh: …}');
    const cloneSet = g.cloneSet;
    if (cloneSet !== undefined && typeof cloneSet !== 'string') throw new FieldError([...path, 'cloneSet'], 'cloneSet: expected a CloneSet name');
    return { id: String(i + 1), label: bilingual(g.label, [...path, 'label']), cloneSet, check: parseCheck(g, path, ['label', 'cloneSet']) };
  });
}

function evaluateCheck(check: Check, ctx: GoalContext, cloneSet: string | undefined): Verdict {
  if (check.kind === 'predicate') {
    const cs = cloneSet === undefined ? ctx.current.cloneSets[0] : ctx.current.cloneSets.find((c) => c.name === cloneSet);
    return PREDICATES[check.name].evaluate(check.params as never, ctx, cs);
  }
  if (check.kind === 'not') {
    const v = evaluateCheck(check.of, ctx, cloneSet);
    return { met: !v.met, value: v.value };
  }
  const parts = check.of.map((c) => evaluateCheck(c, ctx, cloneSet));
  const met = check.kind === 'all' ? parts.every((p) => p.met) : parts.some((p) => p.met);
  return { met, value: { en: parts.map((p) => p.value.en).join('; '), zh: parts.map((p) => p.value.zh).join('；') } };
}

/** Judges every goal; the results keep the goals' order. */
export function evaluateGoals(goals: readonly Goal[], ctx: GoalContext): GoalResult[] {
  return goals.map((g) => {
    const v = evaluateCheck(g.check, ctx, g.cloneSet);
    return { id: g.id, label: g.label, met: v.met, value: v.value };
  });
}
