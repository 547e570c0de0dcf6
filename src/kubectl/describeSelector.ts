// `-l` label selectors as kubectl reads them (apimachinery labels.Parse): comma-separated
// requirements `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`.
import type { Labels } from '../sim/api/types';

export type LabelPredicate = (labels: Labels | undefined) => boolean;

/** Splits at commas that are not inside parentheses. */
function requirementsOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

/** The selector as a predicate, or an error message in kubectl's words. */
export function parseLabelSelector(text: string): LabelPredicate | { error: string } {
  const tests: LabelPredicate[] = [];
  if (text.trim() === '') return () => true;
  for (const req of requirementsOf(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(req)) && KEY.test(m[1])) {
      const [, key, op, value] = m;
      tests.push(op === '!=' ? (l) => l?.[key] !== value : (l) => l?.[key] === value);
    } else if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req)) && KEY.test(m[1])) {
      const [, key, op, list] = m;
      const values = list.split(',').map((v) => v.trim());
      tests.push(op === 'in' ? (l) => l?.[key] !== undefined && values.includes(l[key]) : (l) => l?.[key] === undefined || !values.includes(l[key]));
    } else if ((m = /^!\s*(\S+)$/.exec(req)) && KEY.test(m[1])) {
      const key = m[1];
      tests.push((l) => l?.[key] === undefined);
    } else if (KEY.test(req)) {
      tests.push((l) => l?.[req] !== undefined);
    } else {
      return { error: `error: unable to parse requirement: found '${req}', expected: identifier` };
    }
  }
  return (labels) => tests.every((t) => t(labels));
}
