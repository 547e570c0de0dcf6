// Scenario steps run on a cluster that already exists: a lesson's start, then the learner's or
// the solution's steps on the same cluster. Each step behaves exactly as in a scenario run
// (src/scenario/scenario.ts): a refused step is a failed step and the next one still runs.
import type { Cluster } from '../sim/cluster';
import { runKubectl } from '../kubectl/run';
import { substitutePods, type Step, type StepResult } from '../scenario/scenario';
import { parseDuration } from '../scenario/duration';

const DEFAULT_SETTLE = '30m';
const trimNewline = (s: string) => s.replace(/\n$/, '');

/** Runs one step; `index` numbers it in the report. */
export function runStep(cluster: Cluster, step: Step, index: number): StepResult {
  const [kind, value] = Object.entries(step)[0] as [StepResult['kind'], unknown];
  const result: StepResult = { index, kind, ok: true, output: '', error: null, exitCode: 0, time: Math.round(cluster.now() * 1000) / 1000 };
  try {
    if (kind === 'apply') {
      const outcome = cluster.apply(substitutePods(value as string, cluster));
      result.output = outcome.output;
      if (!outcome.ok) Object.assign(result, { ok: false, error: outcome.error ?? 'apply failed', exitCode: 1 });
    } else if (kind === 'kubectl') {
      const r = runKubectl(cluster, substitutePods(value as string, cluster));
      Object.assign(result, { ok: r.exitCode === 0, output: trimNewline(r.stdout), error: trimNewline(r.stderr) || null, exitCode: r.exitCode });
    } else if (kind === 'advance') {
      cluster.advance(parseDuration(value as string, 'advance'));
    } else if (kind === 'settle') {
      const max = parseDuration((value as string | null) ?? DEFAULT_SETTLE, 'settle');
      if (!cluster.settle(max)) result.output = `not at rest after ${value ?? DEFAULT_SETTLE}`;
    }
    // A snapshot step names a moment in a scenario report; in a lesson it changes nothing.
  } catch (e) {
    Object.assign(result, { ok: false, error: (e as Error).message, exitCode: 1 });
  }
  return result;
}

/** Runs steps in order on the cluster. */
export function runSteps(cluster: Cluster, steps: readonly Step[]): StepResult[] {
  return steps.map((s, i) => runStep(cluster, s, i));
}
