// Go's time.ParseDuration, returning seconds: "500ms", "10s", "2m", "1h30m", "1.5h", "90s".
// A bare number means seconds (YAML `advance: 30`).

const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export function parseDuration(value: string | number, where: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${where}: expected a non-negative duration, got ${value}`);
    return value;
  }
  const text = value.trim();
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]];
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== text.length) throw new Error(`${where}: invalid duration "${value}" (use Go durations such as 500ms, 30s, 2m, 1h30m)`);
  return total;
}
