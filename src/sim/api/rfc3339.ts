// Reading back the RFC 3339 timestamps kruise writes into annotations (SPEC §11.2, §13): the
// inverse of toRFC3339 in virtualTime.ts, so a timestamp the simulation wrote turns back into the
// virtual second it came from. Pure arithmetic, no Date.
import { VIRTUAL_EPOCH_UNIX_SECONDS } from './virtualTime';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Virtual seconds of an RFC 3339 timestamp (fractions kept), or undefined when the text is not
 * one. Go's metav1.Time writes whole seconds, so what kruise wrote comes back floored.
 */
export function fromRFC3339(text: string): number | undefined {
  // The same few timestamps are read back by every reconcile: keep what they parsed to.
  if (parsed.has(text)) return parsed.get(text);
  const value = parse(text);
  if (parsed.size >= PARSED_CACHE_SIZE) parsed.clear();
  parsed.set(text, value);
  return value;
}

const PARSED_CACHE_SIZE = 4096;
const parsed = new Map<string, number | undefined>();

function parse(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let unix = daysFromCivil(Number(y), Number(mo), Number(d)) * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    unix -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  return unix - VIRTUAL_EPOCH_UNIX_SECONDS + (frac ? Number(`0${frac}`) : 0);
}
