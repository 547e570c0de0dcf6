// Reading an int-or-string field typed into a form the way YAML reads a scalar: a bare integer is
// a number, a quoted value is a string (`"5"` is the string 5, which kruise refuses), anything else
// stays a string ("40%" is a percent). An empty field means "not set".
import type { IntOrString } from '../../sim/api/types';

export function parseIntOrStringField(text: string): IntOrString | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const quoted = /^"(.*)"$|^'(.*)'$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2];
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
