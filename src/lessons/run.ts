// The lesson runner: what the page's lesson pane and `sim lesson check` both call.
//
//   const lesson = parseLesson('05-partition-canary', files)   // src/lessons/schema.ts
//                                                                // (Node: loadLessonDir, src/lessons/fsLessons.ts)
//   const session = startLesson(lesson)       // a fresh cluster with start.yaml's steps run;
//                                             // session.start is the STATE at that moment
//   session.cluster.apply(editorText)         // the learner's changes (Apply button), or
//   runKubectl(session.cluster, 'scale …')    // a terminal command; time moves as the page wants
//   checkGoals(session)                       // → GoalResult[] for the Goals checklist:
//                                             //   {id, label {en, zh}, met, value {en, zh}}
//   hintsUpTo(lesson, 2)                      // the first two hints (the Hint button reveals one more)
//   const shown = showSolution(lesson)        // "Show solution": a new session from the start,
//                                             // the solution's steps replayed, then settled
//   runSteps(session.cluster, lesson.solution) // or replay them into the learner's own session
//
// Goals compare the current STATE with session.start (history goals: "no pod was recreated",
// "events since the start"), so a session keeps its start state for as long as it lives.
import { Cluster } from '../sim/cluster';
import type { ClusterState } from '../sim/state';
import type { StepResult } from '../scenario/scenario';
import { evaluateGoals, type GoalResult, type Text } from './goals';
import type { Lesson } from './schema';
import { runSteps } from './steps';

export { runSteps, runStep } from './steps';

export interface LessonSession {
  lesson: Lesson;
  cluster: Cluster;
  /** The cluster's STATE when the learner took over. */
  start: ClusterState;
  /** How the start's steps went (a failed one is a broken lesson; tests check there are none). */
  startSteps: StepResult[];
}

/** A new cluster for the lesson, with its start steps run. */
export function startLesson(lesson: Lesson): LessonSession {
  const cluster = new Cluster(lesson.start.cluster);
  const startSteps = runSteps(cluster, lesson.start.steps);
  return { lesson, cluster, start: cluster.state(), startSteps };
}

/** Every goal judged on the session's cluster as it is now. */
export function checkGoals(session: LessonSession): GoalResult[] {
  return evaluateGoals(session.lesson.goals, { start: session.start, current: session.cluster.state(), atRest: session.cluster.atRest() });
}

export const allMet = (results: readonly GoalResult[]): boolean => results.every((r) => r.met);

/** The first `n` hints (all of them when n is larger). */
export const hintsUpTo = (lesson: Lesson, n: number): Text[] => lesson.hints.slice(0, Math.max(0, n));

/** Settling limit after a solution: long enough for any lesson's rollout, short enough for a stuck one. */
export const SOLUTION_SETTLE_SECONDS = 3600;

/** A fresh session with the solution's steps run and the cluster then settled. */
export function showSolution(lesson: Lesson, settleSeconds = SOLUTION_SETTLE_SECONDS): LessonSession & { solutionSteps: StepResult[]; settled: boolean } {
  const session = startLesson(lesson);
  const solutionSteps = runSteps(session.cluster, lesson.solution);
  const settled = session.cluster.settle(settleSeconds);
  return { ...session, solutionSteps, settled };
}
