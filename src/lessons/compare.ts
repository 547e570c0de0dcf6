// A goal's number test: `2` (equal), "= 2", ">= 2", "<= 2", "> 2", "< 2", "!= 2".

export type Operator = '=' | '>=' | '<=' | '>' | '<' | '!=';

export interface Comparison {
  op: Operator;
  value: number;
}

/** Where in a goals file a parameter is wrong, and why (the schema turns the path into a line). */
export class FieldError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

const PATTERN = /^\s*(>=|<=|!=|==|=|>|<)?\s*(-?\d+(?:\.\d+)?)\s*$/;

export function parseComparison(v: unknown, path: (string | number)[]): Comparison {
  if (typeof v === 'number' && Number.isFinite(v)) return { op: '=', value: v };
  const m = typeof v === 'string' ? PATTERN.exec(v) : null;
  if (!m) throw new FieldError(path, `${String(path[path.length - 1] ?? 'value')}: expected a number or a comparison such as ">= 2" or "<= 1", got ${JSON.stringify(v)}`);
  const op = (m[1] === '==' ? '=' : (m[1] ?? '=')) as Operator;
  return { op, value: Number(m[2]) };
}

export function compare(actual: number, c: Comparison): boolean {
  switch (c.op) {
    case '=':
      return actual === c.value;
    case '>=':
      return actual >= c.value;
    case '<=':
      return actual <= c.value;
    case '>':
      return actual > c.value;
    case '<':
      return actual < c.value;
    case '!=':
      return actual !== c.value;
  }
}

/**
 * The current value next to what the goal wants: "1 of 2" while an exact count is being reached,
 * "3 (want ≤ 1)" otherwise. Chinese uses "1/2" and "3（目标 ≤ 1）".
 */
export function progressText(actual: number, c: Comparison): { en: string; zh: string } {
  if (c.op === '=' && actual === c.value && c.value === 0) return { en: '0', zh: '0' };
  if (c.op === '=' && actual <= c.value && c.value > 0) return { en: `${actual} of ${c.value}`, zh: `${actual}/${c.value}` };
  const want = c.op === '=' ? `${c.value}` : `${c.op.replace('>=', '≥').replace('<=', '≤').replace('!=', '≠')} ${c.value}`;
  return { en: `${actual} (want ${want})`, zh: `${actual}（目标 ${want}）` };
}
