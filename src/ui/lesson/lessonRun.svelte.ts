// One run of a lesson on the page: the playground's state started from the lesson's start
// (start.yaml's steps run once, the session restores that snapshot whenever it rebuilds), the
// goals judged against the start state, and the solution player. Reset makes a new run.
import { Cluster } from '../../sim/cluster';
import type { ClusterState } from '../../sim/state';
import { runSteps } from '../../lessons/run';
import { evaluateGoals, type GoalResult } from '../../lessons/goals';
import { PlaygroundState } from '../playground/playgroundState.svelte';
import { SolutionPlayer } from './solutionPlayer';
import type { PageLesson } from '../site/course';

export type SolutionState = 'idle' | 'playing' | 'shown';

export class LessonRun {
  readonly lesson: PageLesson;
  readonly pg: PlaygroundState;
  /** The cluster's STATE when the learner takes over (history goals compare with it). */
  readonly start: ClusterState;
  goals = $state.raw<GoalResult[]>([]);
  solution = $state<SolutionState>('idle');
  #player: SolutionPlayer | null = null;

  constructor(lesson: PageLesson, speed = 1) {
    this.lesson = lesson;
    const cluster = new Cluster(lesson.start.cluster);
    runSteps(cluster, lesson.start.steps);
    this.start = cluster.state();
    this.pg = new PlaygroundState({ start: cluster.snapshot() });
    this.pg.session.setSpeed(speed);
    this.goals = this.evaluate();
  }

  /** Every goal judged on the cluster as it is at the current moment of the timeline. */
  evaluate(): GoalResult[] {
    const cluster = this.pg.session.cluster;
    return evaluateGoals(this.lesson.goals, { start: this.start, current: cluster.state(), atRest: cluster.atRest() });
  }

  refreshGoals(): GoalResult[] {
    this.goals = this.evaluate();
    return this.goals;
  }

  /** Starts the animation loop; the returned function stops it and any solution being played. */
  mount(): () => void {
    const stop = this.pg.start();
    return () => {
      stop();
      this.#player?.stop();
    };
  }

  /** Plays the solution on the timeline; `onapply` sees each applied manifest (for the editor). */
  showSolution(onapply: (text: string) => void, ondone: () => void): void {
    if (this.solution === 'playing') return;
    this.solution = 'playing';
    const steps = this.lesson.solution;
    this.#player = new SolutionPlayer(this.pg.session, steps, {
      onstep: (i) => {
        const step = steps[i];
        if ('apply' in step) onapply(step.apply);
      },
      ondone: () => {
        this.solution = 'shown';
        this.refreshGoals();
        ondone();
      },
    });
    this.#player.start();
  }
}
