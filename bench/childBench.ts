// Runs one of the browser benchmarks (bench/page.ts, bench/hostile.ts) in a process of its own —
// each builds the site and drives Chromium — and returns the JSON line it prints, or why not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function childBench<T>(script: string, timeoutMs: number): T | string {
  if (process.env.BENCH_SKIP_PAGE) return 'skipped (BENCH_SKIP_PAGE set)';
  if (!existsSync('/usr/bin/chromium')) return 'not measured: /usr/bin/chromium is missing (bash scripts/ensure-chromium.sh installs it)';
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: new URL('..', import.meta.url), encoding: 'utf8', timeout: timeoutMs });
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (run.status !== 0 || !line) return `not measured: ${script} failed (${(run.stderr || run.stdout).trim().split('\n').pop() ?? run.status})`;
  return JSON.parse(line) as T;
}
