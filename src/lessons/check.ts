// `sim lesson check`: the start must leave at least one goal unmet, the solution must meet them
// all. The tests call the same function, so what CI checks is what an author runs.
import type { StepResult } from '../scenario/scenario';
import type { GoalResult } from './goals';
import { allMet, checkGoals, showSolution, startLesson, SOLUTION_SETTLE_SECONDS } from './run';
import type { Lesson } from './schema';

export interface LessonCheckReport {
  lesson: string;
  /** The start leaves a goal unmet, every step ran, and the solution meets every goal. */
  ok: boolean;
  start: { time: number; allMet: boolean; failedSteps: StepResult[]; goals: GoalResult[] };
  solution: { time: number; settled: boolean; allMet: boolean; failedSteps: StepResult[]; goals: GoalResult[] };
}

export function checkLesson(lesson: Lesson, settleSeconds = SOLUTION_SETTLE_SECONDS): LessonCheckReport {
  const begun = startLesson(lesson);
  const startGoals = checkGoals(begun);
  const solved = showSolution(lesson, settleSeconds);
  const solutionGoals = checkGoals(solved);
  const failed = (steps: StepResult[]) => steps.filter((s) => !s.ok);
  const start = { time: begun.start.time, allMet: allMet(startGoals), failedSteps: failed(begun.startSteps), goals: startGoals };
  const solution = { time: solved.cluster.state().time, settled: solved.settled, allMet: allMet(solutionGoals), failedSteps: failed(solved.solutionSteps), goals: solutionGoals };
  const ok = !start.allMet && solution.allMet && start.failedSteps.length === 0 && solution.failedSteps.length === 0;
  return { lesson: lesson.name, ok, start, solution };
}
