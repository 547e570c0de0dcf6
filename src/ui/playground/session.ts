// A learner's session with the simulated cluster: what they changed and when, virtual time played
// at a chosen speed, stepped, skipped to rest, and scrubbed back and forth.
//
// The session keeps a log of primitive operations: "advance the clock to t ms", "fire the next n
// timers" and "a change the learner made" (recorded as the cluster's own inputs). Replaying a
// prefix of the log on a fresh Cluster with the same options gives exactly the same objects,
// because the core is deterministic; so going back in time is a rebuild and a replay, and going
// forward again after going back replays the rest of the log, the learner's later changes included.
// A change made while behind the end of the log starts a new future: the rest is dropped.
// Moving the timeline does not replay anything by itself: every moment already simulated is kept
// as plain view data (history.ts), so a seek only changes which moment the page shows. The cluster
// is rebuilt at that moment when something needs the real one there (a change, Step, Skip to
// rest, a kubectl read through `cluster`), or bit by bit over the next frames when Play is pressed
// there or the page calls catchUp() while idle.
// Times in the log are whole virtual milliseconds (frame deltas are quantised), so a replay that
// stops half-way through an advance and resumes later lands on exactly the same timers.
import { Cluster, type ClusterInput, type ClusterOptions, type ClusterSnapshot } from '../../sim/cluster';
import type { ApplyOutcome } from '../../sim/apply';
import type { CloneSet, KubeEvent } from '../../sim/api/types';
import type { Decision } from '../../sim/cloneSetController';
import { History, type Moment } from './history';

/** A change the learner made, as the cluster records it. */
export type LearnerChange = Extract<ClusterInput, { op: 'apply' } | { op: 'call' }>;

export type LogEntry =
  /** Advance the clock to this virtual millisecond, firing every timer due on the way. */
  | { op: 'to'; ms: number }
  /** Fire the next `n` timers (Step, Skip to rest). */
  | { op: 'steps'; n: number }
  /** A learner's change at virtual millisecond `ms`. */
  | { op: 'change'; ms: number; change: LearnerChange };

export interface SessionOptions {
  cluster?: ClusterOptions;
  /**
   * Where the session begins (a lesson's start): the cluster is restored from this snapshot, on
   * creation and on every rebuild, and `cluster` is then ignored. The timeline begins there.
   */
  start?: ClusterSnapshot;
  /** Real milliseconds a frame may spend simulating before it gives up the rest of its time. */
  frameBudgetMs?: number;
  /** The real clock used for the frame budget (performance.now in the browser). */
  realNow?: () => number;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 20;
const DEFAULT_FRAME_BUDGET_MS = 7;
/** How often (in fired timers) a frame looks at the real clock: one timer can take milliseconds. */
const BUDGET_CHECK_EVERY = 1;
/** At most this much virtual time per frame, so a long pause between frames is not a jump. */
const MAX_FRAME_VIRTUAL_MS = 2_000;

/** Where replay has reached in the log: the next entry, and how many timers of it already fired. */
interface Cursor {
  index: number;
  done: number;
}

export class Session {
  #cluster: Cluster;
  readonly #options: ClusterOptions;
  readonly #start: ClusterSnapshot | undefined;
  readonly #log: LogEntry[] = [];
  #cursor: Cursor = { index: 0, done: 0 };
  #version = 0;
  #playing = false;
  #speed = 1;
  /** Virtual milliseconds owed by earlier frames (sub-millisecond remainders). */
  #carry = 0;
  #horizonMs = 0;
  readonly #listeners = new Set<() => void>();
  readonly #budgetMs: number;
  readonly #realNow: () => number;
  readonly #history: History;
  /** The moment shown when the cluster has not been brought there yet (after a seek). */
  #viewMs: number | undefined;
  /** A replay stopped by the frame budget before it reached its target. */
  #outOfBudget = false;
  #jumps = 0;

  constructor(options: SessionOptions = {}) {
    this.#options = structuredClone(options.cluster ?? {});
    this.#start = options.start ? structuredClone(options.start) : undefined;
    this.#cluster = this.#fresh();
    this.#budgetMs = options.frameBudgetMs ?? DEFAULT_FRAME_BUDGET_MS;
    this.#realNow = options.realNow ?? (() => globalThis.performance.now());
    this.#history = new History(this.#cluster);
  }

  // ---- reading ------------------------------------------------------------------------------

  /**
   * The cluster as it is at the current moment (a new object after going back in time). After a
   * seek, reading it brings the cluster to the moment shown first (a rebuild and a replay).
   */
  get cluster(): Cluster {
    this.#catchUp(Infinity);
    return this.#cluster;
  }

  /** The moment shown, as plain view data (no rebuild, whatever the timeline did). */
  moment(): Moment {
    return this.#history.at(this.#viewMs ?? this.#clockMs());
  }

  /** The events at a moment, oldest first. */
  eventsAt(moment: Moment): readonly KubeEvent[] {
    return this.#history.eventsAt(moment);
  }

  /** The decisions (why-records) made up to a moment. */
  decisionsAt(moment: Moment): readonly Decision[] {
    return this.#history.decisionsAt(moment);
  }

  /** Whether the real cluster is not yet at the moment shown (a seek not caught up with). */
  get pending(): boolean {
    return this.#viewMs !== undefined;
  }

  /** Bumped on each seek: the view jumped rather than moved. */
  get jumps(): number {
    return this.#jumps;
  }

  /**
   * Brings the real cluster to the moment shown, replaying until the real clock reaches `deadline`
   * (performance.now milliseconds). Returns whether it got there; call again on a later frame
   * if not.
   */
  catchUp(deadline: number): boolean {
    const done = this.#catchUp(deadline);
    if (done) this.#notify();
    return done;
  }

  /** Bumped on every change of what the cluster shows or of the session's own state. */
  get version(): number {
    return this.#version;
  }

  get playing(): boolean {
    return this.#playing;
  }

  get speed(): number {
    return this.#speed;
  }

  /** Virtual seconds now. */
  time(): number {
    return (this.#viewMs ?? this.#clockMs()) / 1000;
  }

  /** The furthest virtual second reached so far: the end of the timeline. */
  horizon(): number {
    return Math.max(this.#horizonMs, this.#clockMs()) / 1000;
  }

  /** Whether the current moment is before the end of the recorded log (after going back in time). */
  behind(): boolean {
    if (this.#viewMs !== undefined) return this.#viewMs < this.#horizonMs;
    return this.#cursor.index < this.#log.length;
  }

  /** Nothing but background retries is pending. */
  atRest(): boolean {
    if (this.#viewMs !== undefined) return this.moment().atRest;
    return this.#cluster.atRest();
  }

  /** The log (a copy), for tests and share links. */
  log(): LogEntry[] {
    return structuredClone(this.#log);
  }

  /** The learner's changes with their virtual times in seconds. */
  changes(): { time: number; change: LearnerChange }[] {
    return this.#log.flatMap((e) => (e.op === 'change' ? [{ time: e.ms / 1000, change: structuredClone(e.change) }] : []));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- the learner's changes ----------------------------------------------------------------

  /** `kubectl apply -f -` from the editor. */
  apply(text: string): ApplyOutcome {
    return this.change((c) => c.apply(text));
  }

  scale(namespace: string, name: string, replicas: number): CloneSet {
    return this.change((c) => c.scale(namespace, name, replicas));
  }

  deletePod(namespace: string, name: string): void {
    this.change((c) => c.deletePod(namespace, name));
  }

  /**
   * Runs anything that may change the cluster (a kubectl line, an editor apply) and records the
   * changes it made, in the cluster's own input form, at the current virtual time. Made while
   * behind the end of the log, the change starts a new future and the rest of the log is dropped.
   */
  change<T>(run: (cluster: Cluster) => T): T {
    const cluster = this.cluster;
    const before = cluster.inputCount();
    try {
      return run(cluster);
    } finally {
      const made = cluster.inputsSince(before).filter(isLearnerChange);
      if (made.length > 0) {
        if (this.behind()) this.#history.truncateAfter(this.#clockMs());
        this.#truncateAtCursor();
        const ms = this.#clockMs();
        for (const change of made) this.#append({ op: 'change', ms, change });
        this.#history.record(cluster);
      }
      this.#notify();
    }
  }

  // ---- time ---------------------------------------------------------------------------------

  play(): void {
    if (this.#playing) return;
    this.#playing = true;
    this.#carry = 0;
    this.#notify();
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    this.#notify();
  }

  setSpeed(speed: number): void {
    const s = Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;
    if (s === this.#speed) return;
    this.#speed = s;
    this.#notify();
  }

  /**
   * One animation frame: `realDeltaMs` of wall time at the chosen speed becomes virtual time.
   * Work is capped by the frame budget; virtual time not reached is dropped, not owed.
   */
  frame(realDeltaMs: number): void {
    if (!this.#playing || !(realDeltaMs > 0)) return;
    this.#carry += Math.min(realDeltaMs * this.#speed, MAX_FRAME_VIRTUAL_MS);
    const whole = Math.floor(this.#carry);
    if (whole < 1) return;
    this.#carry -= whole;
    const deadline = this.#realNow() + this.#budgetMs;
    // after a seek, the cluster is first brought to the moment shown; time moves on after that
    if (!this.#catchUp(deadline)) {
      this.#carry = 0;
      this.#notify();
      return;
    }
    this.#forwardTo(this.#clockMs() + whole, deadline);
    this.#notify();
  }

  /** One event: the next timer fires (or, when going over the log again, the next recorded moment). */
  step(): boolean {
    this.#playing = false;
    this.#catchUp(Infinity);
    let moved: boolean;
    if (this.behind()) {
      const next = this.#cluster.clock.nextAt();
      const entry = this.#log[this.#cursor.index];
      const changeAt = entry.op === 'change' ? entry.ms : undefined;
      const target = Math.min(next ?? Infinity, changeAt ?? Infinity, this.#horizonMs);
      moved = this.#replayTo(target) || target > this.#clockMs();
    } else {
      moved = this.#cluster.clock.runNext();
      if (moved) {
        this.#append({ op: 'steps', n: 1 });
        this.#history.record(this.#cluster);
      }
    }
    this.#notify();
    return moved;
  }

  /**
   * Advances until nothing is under way (at most `maxSeconds` of virtual time). Behind the end
   * of the log, the recorded future is replayed first. Returns whether it came to rest.
   */
  skipToRest(maxSeconds = 1800): boolean {
    this.#playing = false;
    this.#catchUp(Infinity);
    if (this.behind()) this.#replayTo(this.#horizonMs);
    const clock = this.#cluster.clock;
    const deadline = this.#clockMs() + maxSeconds * 1000;
    let fired = 0;
    let rest = true;
    while (clock.pendingForeground() > 0) {
      const at = clock.nextAt();
      if (at === undefined || at > deadline) {
        rest = false;
        break;
      }
      clock.runNext();
      fired++;
      this.#history.record(this.#cluster);
    }
    if (fired > 0) this.#append({ op: 'steps', n: fired });
    if (!rest) this.#advanceLive(Math.ceil(deadline));
    this.#notify();
    return rest;
  }

  /**
   * Goes to virtual second `seconds` (clamped to the timeline). Only the moment shown changes;
   * the cluster follows when something needs it there (see `cluster` and catchUp()).
   */
  seek(seconds: number): void {
    const target = Math.round(Math.min(Math.max(0, Number.isFinite(seconds) ? seconds : 0), this.horizon()) * 1000);
    this.#viewMs = target;
    this.#jumps++;
    this.#notify();
  }

  // ---- internals ----------------------------------------------------------------------------

  #clockMs(): number {
    return this.#cluster.clock.now();
  }

  #notify(): void {
    this.#version++;
    for (const l of this.#listeners) l();
  }

  #fresh(): Cluster {
    return this.#start ? Cluster.restore(this.#start) : new Cluster(this.#options);
  }

  /**
   * Brings the cluster to the moment shown after a seek: back in time by rebuilding it and
   * replaying the log up to that moment, forward by replaying the rest of the log, until the
   * real-clock deadline. Returns whether it got there.
   */
  #catchUp(deadline: number): boolean {
    const target = this.#viewMs;
    if (target === undefined) return true;
    if (target < this.#clockMs()) this.#rebuild();
    this.#outOfBudget = false;
    this.#replayTo(target, deadline);
    if (this.#outOfBudget) return false;
    this.#viewMs = undefined;
    return true;
  }

  #rebuild(): void {
    this.#cluster = this.#fresh();
    this.#cursor = { index: 0, done: 0 };
  }

  #append(entry: LogEntry): void {
    const last = this.#log[this.#log.length - 1];
    if (entry.op === 'steps' && last?.op === 'steps') last.n += entry.n;
    else if (entry.op === 'to' && last?.op === 'to') last.ms = entry.ms;
    else this.#log.push(entry);
    this.#cursor = { index: this.#log.length, done: 0 };
    this.#horizonMs = Math.max(this.#horizonMs, this.#clockMs());
  }

  /** Drops the log after the current moment (a change made while behind starts a new future). */
  #truncateAtCursor(): void {
    if (!this.behind()) return;
    const { index, done } = this.#cursor;
    const entry = this.#log[index];
    this.#log.length = index;
    if (entry.op === 'steps' && done > 0) this.#log.push({ op: 'steps', n: done });
    else if (entry.op === 'to' && this.#clockMs() > this.#lastLoggedMs()) this.#log.push({ op: 'to', ms: this.#clockMs() });
    this.#cursor = { index: this.#log.length, done: 0 };
    this.#horizonMs = this.#clockMs();
  }

  #lastLoggedMs(): number {
    for (let i = this.#log.length - 1; i >= 0; i--) {
      const e = this.#log[i];
      if (e.op !== 'steps') return e.ms;
    }
    return 0;
  }

  /** Live time: advance the clock, firing timers, and log it. */
  #advanceLive(ms: number, deadline = Infinity): void {
    const clock = this.#cluster.clock;
    let fired = 0;
    for (;;) {
      const at = clock.nextAt();
      if (at === undefined || at > ms) break;
      clock.runNext();
      fired++;
      this.#history.record(this.#cluster);
      if (fired % BUDGET_CHECK_EVERY === 0 && this.#realNow() > deadline) {
        this.#append({ op: 'steps', n: fired });
        return;
      }
    }
    if (fired > 0) this.#append({ op: 'steps', n: fired });
    if (ms > clock.now()) clock.advance(ms - clock.now());
    this.#append({ op: 'to', ms: clock.now() });
  }

  /** Forward to `ms`: replaying the log while behind, then live. */
  #forwardTo(ms: number, deadline: number): void {
    if (this.behind()) {
      this.#replayTo(ms, deadline);
      if (this.behind() || this.#realNow() > deadline) return;
    }
    if (ms > this.#clockMs()) this.#advanceLive(ms, deadline);
  }

  /**
   * Replays log entries up to virtual millisecond `ms` (or the real deadline), ending exactly at
   * `ms` when the log reaches that far. Returns whether anything ran.
   */
  #replayTo(ms: number, deadline = Infinity): boolean {
    const clock = this.#cluster.clock;
    let ran = false;
    let checks = 0;
    const overBudget = () => {
      this.#outOfBudget = ++checks % BUDGET_CHECK_EVERY === 0 && this.#realNow() > deadline;
      return this.#outOfBudget;
    };
    while (this.#cursor.index < this.#log.length) {
      const entry = this.#log[this.#cursor.index];
      if (entry.op === 'change') {
        if (entry.ms > ms) break;
        this.#cluster.replayInput(entry.change);
        ran = true;
      } else if (entry.op === 'steps') {
        while (this.#cursor.done < entry.n) {
          const at = clock.nextAt();
          if (at === undefined || at > ms) {
            // Nothing fires before `ms`: moving the clock there changes nothing the next timer sees.
            if (ms > clock.now() && Number.isFinite(ms)) {
              clock.advance(ms - clock.now());
              ran = true;
            }
            return ran;
          }
          clock.runNext();
          ran = true;
          this.#cursor.done++;
          if (overBudget()) return ran;
        }
      } else {
        const until = Math.min(entry.ms, ms);
        for (;;) {
          const at = clock.nextAt();
          if (at === undefined || at > until) break;
          clock.runNext();
          ran = true;
          if (overBudget()) return ran;
        }
        if (until > clock.now()) {
          clock.advance(until - clock.now());
          ran = true;
        }
        if (entry.ms > ms) return ran;
      }
      this.#cursor = { index: this.#cursor.index + 1, done: 0 };
    }
    if (!this.behind() && ms > clock.now() && ms <= this.#horizonMs) {
      clock.advance(ms - clock.now());
      this.#append({ op: 'to', ms });
      ran = true;
    }
    return ran;
  }
}

const isLearnerChange = (input: ClusterInput): input is LearnerChange => input.op === 'apply' || input.op === 'call';

