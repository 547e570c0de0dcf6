// Scenario steps run on a cluster that already exists: a lesson's start, then the learner's or
// the solution's steps on the same cluster. Each step is run by the scenario runner's own
// runStep (src/scenario/scenario.ts): a refused step is a failed step and the next one still
// runs; a snapshot step names a moment in a scenario report and changes nothing in a lesson.
import type { Cluster } from '../sim/cluster';
import { runStep, type Step, type StepResult } from '../scenario/scenario';

export { runStep };

/** Runs steps in order on the cluster. */
export function runSteps(cluster: Cluster, steps: readonly Step[]): StepResult[] {
  return steps.map((s, i) => runStep(cluster, s, i));
}
