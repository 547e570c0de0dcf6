// Reading an int-or-string field typed into a form the way YAML would read it unquoted:
// a bare integer is a number, anything else stays a string (so "5" typed as `5` is 5 pods, and
// "40%" is a percent). An empty field means "not set".
import type { IntOrString } from '../../sim/api/types';

export function parseIntOrStringField(text: string): IntOrString | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (Number.isSafeInteger(n)) return n;
  }
  return t;
}

/** A non-negative whole number from a number input, or 0. */
export function countField(value: unknown, max = 100_000): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return 0;
  return Math.min(Math.floor(n), max);
}
