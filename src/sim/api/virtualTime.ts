// Virtual time as wall-clock text, for the few fields kruise writes as RFC 3339 strings (e.g. the
// lifecycle.apps.kruise.io/timestamp annotation, SPEC §3.1). Pure arithmetic: src/sim never reads
// Date.

/** Unix seconds of virtual time 0: 2026-07-01T00:00:00Z (any fixed instant would do). */
export const VIRTUAL_EPOCH_UNIX_SECONDS = 1_782_864_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days since 1970-01-01 → proleptic Gregorian [year, month 1–12, day 1–31]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Go's time.Format(time.RFC3339) in UTC, whole seconds: "2026-07-01T00:01:35Z". */
export function toRFC3339(virtualSeconds: number): string {
  const whole = Math.floor(virtualSeconds);
  // Writers stamp many objects at one instant: the last text is kept.
  if (whole === lastText.seconds) return lastText.text;
  lastText = { seconds: whole, text: formatRFC3339(whole) };
  return lastText.text;
}

let lastText = { seconds: Number.NaN, text: '' };

function formatRFC3339(wholeSeconds: number): string {
  const unix = VIRTUAL_EPOCH_UNIX_SECONDS + wholeSeconds;
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}Z`;
}
