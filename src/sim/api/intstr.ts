// Int-or-string arithmetic, as the three parsers kruise relies on (SPEC §7).
// - kruise's util.GetScaledValueFromIntOrPercent: a string must end in "%", the rest is a float
//   (so "12.5%" works); used for partition and by the validating webhook.
// - apimachinery's deprecated intstr.GetValueFromIntOrPercent (v0.32): every "%" is stripped and
//   the rest must be an integer, so "5" means 5% and "12.5%" is an error; used by the controller
//   for maxSurge, maxUnavailable and scaleStrategy.maxUnavailable, which ignores the error (→ 0).
// - apimachinery's GetScaledValueFromIntOrPercent: "%" suffix required, integer percent.
import type { IntOrString } from './types';

export class IntOrStringError extends Error {}

const GO_INT = /^[+-]?\d+$/;
// Go's strconv.ParseFloat: decimal with optional exponent, underscores between digits only with a
// base prefix (not accepted here), hex floats, and inf/infinity/nan in any case.
const GO_DEC_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GO_HEX_FLOAT = /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/;
const GO_SPECIAL = /^[+-]?(inf|infinity|nan)$/i;

/** strconv.Atoi, including its range check on 64-bit platforms. */
export function goAtoi(s: string): number {
  if (!GO_INT.test(s)) throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const v = Number(s);
  if (!Number.isSafeInteger(v) && Math.abs(v) >= 2 ** 63) {
    throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return v;
}

/** strconv.ParseFloat(s, 64). */
export function goParseFloat(s: string): number {
  if (GO_SPECIAL.test(s)) {
    const neg = s.startsWith('-');
    if (/nan/i.test(s)) return NaN;
    return neg ? -Infinity : Infinity;
  }
  if (GO_DEC_FLOAT.test(s)) return Number(s);
  if (GO_HEX_FLOAT.test(s)) return parseHexFloat(s);
  throw new IntOrStringError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

function parseHexFloat(s: string): number {
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]?0[xX]/, '');
  const [mant, exp] = body.split(/[pP]/);
  const [whole, frac = ''] = mant.split('.');
  const digits = whole + frac;
  let v = 0;
  for (const d of digits) v = v * 16 + parseInt(d, 16);
  v = v * 2 ** (Number(exp) - 4 * frac.length);
  return neg ? -v : v;
}

/** Go's int(f) for a float64 on amd64: truncation; NaN and out-of-range give the minimum int64. */
function goIntFromFloat(f: number): number {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return -(2 ** 63);
  return Math.trunc(f) + 0; // Go ints have no negative zero
}

function roundPercent(percent: number, total: number, roundUp: boolean): number {
  const raw = (percent * total) / 100;
  return goIntFromFloat(roundUp ? Math.ceil(raw) : Math.floor(raw));
}

/** Whether a value is the percent (string) form. */
export function isPercent(v: IntOrString): v is string {
  return typeof v === 'string';
}

/** kruise pkg/util/tools.go GetScaledValueFromIntOrPercent (float percents allowed). */
export function getScaledValueFromIntOrPercent(v: IntOrString | null | undefined, total: number, roundUp: boolean): number {
  if (v === null || v === undefined) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new IntOrStringError('invalid type: string is not a percentage');
  return roundPercent(goParseFloat(v.slice(0, -1)), total, roundUp);
}

/** apimachinery intstr.GetScaledValueFromIntOrPercent (integer percents only). */
export function getScaledValueFromIntOrPercentStrict(v: IntOrString | null | undefined, total: number, roundUp: boolean): number {
  if (v === null || v === undefined) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) {
    throw new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage');
  }
  let pct: number;
  try {
    pct = goAtoi(v.slice(0, -1));
  } catch (e) {
    throw new IntOrStringError(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}: ${(e as Error).message}`);
  }
  return roundPercent(pct, total, roundUp);
}

/** apimachinery's deprecated intstr.GetValueFromIntOrPercent: strips every "%", integer only. */
export function getValueFromIntOrPercentLegacy(v: IntOrString | null | undefined, total: number, roundUp: boolean): number {
  if (v === null || v === undefined) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return v;
  let pct: number;
  try {
    pct = goAtoi(v.replaceAll('%', ''));
  } catch (e) {
    throw new IntOrStringError(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}: ${(e as Error).message}`);
  }
  return roundPercent(pct, total, roundUp);
}

/** The controller's reading: a parse error silently gives 0, as kruise discards the error. */
export function controllerValueFromIntOrPercent(v: IntOrString, total: number, roundUp: boolean): number {
  try {
    return getValueFromIntOrPercentLegacy(v, total, roundUp);
  } catch {
    return 0;
  }
}
