// "Show solution": the lesson's solution steps played on the learner's timeline, through the
// session, so the learner watches them happen. The session goes back to the lesson's start (the
// learner's own later changes become a dropped future), then each step runs in turn: apply and
// kubectl as recorded changes, `advance` by playing time until the moment is reached, `settle`
// by playing until nothing is pending. Time is played, not jumped: a settle is animated for at
// most `maxAnimatedSeconds` of virtual time, and the rest of it (a long rollout) is skipped to rest.
import type { Session } from '../playground/session';
import type { Step, StepResult } from '../../scenario/scenario';
import { parseDuration } from '../../scenario/duration';
import { runStep } from '../../lessons/steps';

export interface SolutionPlayerOptions {
  /** The solution plays at least this fast (the learner's speed when it is faster). */
  minSpeed?: number;
  /** Virtual seconds of a settle shown playing before the rest of it is skipped. */
  maxAnimatedSeconds?: number;
  /** Each step's result, as it runs. */
  onstep?: (index: number, result: StepResult) => void;
  /** Every step has run (or the player was stopped: `finished` false). */
  ondone?: (finished: boolean) => void;
}

const DEFAULT_SETTLE_SECONDS = 1800;

interface Waiting {
  /** Virtual second at which the step is over. */
  until: number;
  /** A settle: over as soon as the cluster is at rest. */
  rest: boolean;
  /** A settle still short of rest at this virtual second skips the rest of the way. */
  animateUntil: number;
}

export class SolutionPlayer {
  readonly #session: Session;
  readonly #steps: readonly Step[];
  readonly #options: SolutionPlayerOptions;
  #index = 0;
  #waiting: Waiting | null = null;
  #unsubscribe: (() => void) | null = null;
  #busy = false;
  #running = false;
  #speedBefore = 1;

  constructor(session: Session, steps: readonly Step[], options: SolutionPlayerOptions = {}) {
    this.#session = session;
    this.#steps = steps;
    this.#options = options;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Goes back to the lesson's start and starts playing the steps. */
  start(): void {
    if (this.#running) return;
    const s = this.#session;
    this.#running = true;
    this.#index = 0;
    this.#speedBefore = s.speed;
    this.#busy = true;
    try {
      s.pause();
      s.seek(0);
      s.setSpeed(Math.max(s.speed, this.#options.minSpeed ?? 4));
    } finally {
      this.#busy = false;
    }
    this.#unsubscribe = s.subscribe(() => this.#check());
    this.#advance();
  }

  /** Stops where it is (the learner takes over). */
  stop(): void {
    if (!this.#running) return;
    this.#finish(false);
  }

  #finish(finished: boolean): void {
    this.#running = false;
    this.#waiting = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#busy = true;
    try {
      this.#session.pause();
      this.#session.setSpeed(this.#speedBefore);
    } finally {
      this.#busy = false;
    }
    this.#options.ondone?.(finished);
  }

  /** Runs steps until one has to wait for time to pass, or the end. */
  #advance(): void {
    const s = this.#session;
    while (this.#running && this.#index < this.#steps.length) {
      const step = this.#steps[this.#index];
      const index = this.#index;
      if ('advance' in step) {
        const until = s.time() + parseDuration(step.advance, 'advance');
        this.#waiting = { until, rest: false, animateUntil: until };
      } else if ('settle' in step) {
        const max = step.settle === null ? DEFAULT_SETTLE_SECONDS : parseDuration(step.settle, 'settle');
        this.#waiting = { until: s.time() + max, rest: true, animateUntil: s.time() + Math.min(max, this.#options.maxAnimatedSeconds ?? 120) };
        this.#options.onstep?.(index, { index, kind: 'settle', ok: true, output: '', error: null, exitCode: 0, time: s.time() });
      } else {
        this.#busy = true;
        let result: StepResult;
        try {
          result = s.change((cluster) => runStep(cluster, step, index));
        } finally {
          this.#busy = false;
        }
        this.#options.onstep?.(index, result);
        this.#index++;
        continue;
      }
      this.#busy = true;
      try {
        s.play();
      } finally {
        this.#busy = false;
      }
      this.#check();
      return;
    }
    if (this.#running) this.#finish(true);
  }

  /** After each session change: is the waiting step over? */
  #check(): void {
    const w = this.#waiting;
    if (this.#busy || !w || !this.#running) return;
    const s = this.#session;
    const rested = w.rest && s.atRest();
    if (!rested && s.time() < w.until) {
      if (!w.rest || s.time() < w.animateUntil) return;
      this.#busy = true;
      try {
        s.skipToRest(Math.max(0, w.until - s.time()));
      } finally {
        this.#busy = false;
      }
    }
    this.#waiting = null;
    this.#index++;
    this.#busy = true;
    try {
      s.pause();
    } finally {
      this.#busy = false;
    }
    this.#advance();
  }
}
