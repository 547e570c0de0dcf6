// Go's time.Duration.String(), for the kubelet's messages ("Successfully pulled image "nginx" in
// 29.136659264s"): "1.5s", "500ms", "1m30s", "0s". Input in seconds, rounded to nanoseconds.

const UNITS_BELOW_SECOND: [number, string][] = [
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

/** Decimal text of `value / scale` with trailing zeros dropped (`1500, 1000` → "1.5"). */
function fraction(value: number, scale: number): string {
  const whole = Math.floor(value / scale);
  const rest = value - whole * scale;
  if (rest === 0) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

export function goDurationString(seconds: number): string {
  let ns = Math.round(seconds * 1e9);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  ns = Math.abs(ns);
  if (ns < 1e9) {
    for (const [scale, unit] of UNITS_BELOW_SECOND) {
      if (ns >= scale) return `${sign}${fraction(ns, scale)}${unit}`;
    }
  }
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns - hours * 3.6e12) / 6e10);
  const secondsText = `${fraction(ns - hours * 3.6e12 - minutes * 6e10, 1e9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${sign}${minutes}m${secondsText}`;
  return `${sign}${secondsText}`;
}
