// Kubernetes resource quantities ("500m", "2", "4Gi", "1e3"), as far as the controller compares
// them: the pod QoS class (SPEC §11.1, in-place resource resize). Values are exact BigInts of
// nano-units, so "1" and "1000m" and "1e0" are equal and binary suffixes stay exact.

export class QuantityError extends Error {}

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;

const BINARY_POWER: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const pow10 = (e: number): bigint => 10n ** BigInt(e);

/** resource.ParseQuantity, as a count of nano-units; precision below 1n rounds up, as Kubernetes does. */
export function parseQuantity(text: string): bigint {
  const m = QUANTITY.exec(text.trim());
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const [, sign, number, suffix = ''] = m;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole || '0'}${fraction}`) * pow10(9);
  let denominator = pow10(fraction.length);
  if (suffix in BINARY_POWER) numerator *= 1024n ** BigInt(BINARY_POWER[suffix]);
  else {
    const exponent = suffix in DECIMAL_EXPONENT ? DECIMAL_EXPONENT[suffix] : suffix ? Number(suffix.slice(1)) : 0;
    if (exponent >= 0) numerator *= pow10(exponent);
    else denominator *= pow10(-exponent);
  }
  const nano = (numerator + denominator - 1n) / denominator;
  return sign === '-' ? -nano : nano;
}

/** Whether the text parses as a quantity. */
export function isQuantity(text: string): boolean {
  try {
    parseQuantity(text);
    return true;
  } catch {
    return false;
  }
}
