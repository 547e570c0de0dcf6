// The page's state: the session, and the views read from the moment it shows, replaced (never
// deeply proxied) only when what they show changed. Animation frames drive the session's virtual
// time, and after a seek, while idle, bring the real cluster to the moment shown a slice at a time
// (each frame's share of that work runs in a task after the frame).
import { Session, type SessionOptions } from './session';
import { soonTask } from './frameTask';
import { ViewReader, type ClusterView, type EventView } from './view';
import type { Decision } from '../../sim/cloneSetController';
import type { Moment } from './history';

export type Selection = { kind: 'pod'; name: string } | { kind: 'event'; key: string; time: number; object: string } | null;

/** Real milliseconds after the last seek before the cluster is brought to the moment shown. */
const CATCH_UP_AFTER_MS = 250;
/** Real milliseconds of each frame spent bringing it there. */
const CATCH_UP_SLICE_MS = 6;

export class PlaygroundState {
  readonly session: Session;
  view = $state.raw<ClusterView>({ time: 0, nodes: [], pods: [], cloneSets: [] });
  events = $state.raw<EventView[]>([]);
  decisions = $state.raw<readonly Decision[]>([]);
  time = $state(0);
  horizon = $state(0);
  playing = $state(false);
  speed = $state(1);
  atRest = $state(true);
  behind = $state(false);
  /**
   * Bumped when the real cluster's objects change (the editor's completion and preview, the
   * terminal's watches read it). Not while the page shows a moment the cluster is not at yet.
   */
  clusterVersion = $state(0);
  /** Bumped when the real cluster or its time changes (the model view reads its machines). */
  modelVersion = $state(0);
  selection = $state<Selection>(null);
  /** The last refresh jumped in time (a rebuild, a seek): the view changes without animation. */
  jumped = $state(false);

  readonly #reader = new ViewReader();
  #seen = { moment: undefined as Moment | undefined, second: -1, eventSeq: -1, decisions: -1, jumps: 0, cluster: undefined as unknown, rv: -1, clock: -1 };
  #raf = 0;
  #last = 0;
  #seekedAt = 0;

  constructor(options: SessionOptions = {}) {
    this.session = new Session(options);
    this.session.subscribe(() => this.refresh());
    this.refresh();
  }

  /** Reads the session into the page's state, replacing only what changed. */
  refresh(): void {
    const s = this.session;
    const seen = this.#seen;
    const previous = this.time;
    this.horizon = s.horizon();
    this.playing = s.playing;
    this.speed = s.speed;
    this.atRest = s.atRest();
    this.behind = s.behind();
    this.time = s.time();
    const jumped = s.jumps !== seen.jumps;
    if (jumped) this.#seekedAt = performance.now();
    this.jumped = jumped || Math.abs(this.time - previous) > 5;
    seen.jumps = s.jumps;
    const moment = s.moment();
    const second = Math.floor(this.time);
    if (moment !== seen.moment || second !== seen.second) {
      this.view = this.#reader.clusterView(moment, this.time);
      seen.second = second;
    }
    if (moment.eventSeq !== seen.eventSeq || moment !== seen.moment) {
      if (moment.eventSeq !== seen.eventSeq) this.events = this.#reader.eventViews(s.eventsAt(moment));
      seen.eventSeq = moment.eventSeq;
    }
    if (moment.decisionCount !== seen.decisions) {
      this.decisions = s.decisionsAt(moment);
      seen.decisions = moment.decisionCount;
    }
    seen.moment = moment;
    if (!s.pending) {
      // the real cluster is at the moment shown: readers of the cluster may look again
      const cluster = s.cluster;
      const rv = cluster.store.resourceVersion();
      if (cluster !== seen.cluster || rv !== seen.rv) this.clusterVersion++;
      if (cluster !== seen.cluster || rv !== seen.rv || this.time !== seen.clock) this.modelVersion++;
      seen.cluster = cluster;
      seen.rv = rv;
      seen.clock = this.time;
    }
  }

  /**
   * Starts the animation loop (the browser only). Returns a function that stops it. Frames measure
   * the time; the simulation's share of each frame runs in a task of its own after the frame is
   * drawn, so that one task never holds both the simulation and the drawing of what it changed.
   */
  start(): () => void {
    let cancelWork = () => {};
    const tick = (now: number) => {
      const delta = this.#last === 0 ? 0 : now - this.#last;
      this.#last = now;
      this.#raf = requestAnimationFrame(tick);
      if (this.session.playing || this.session.pending) cancelWork = soonTask(() => this.#frameWork(delta, now));
    };
    this.#raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(this.#raf);
      cancelWork();
    };
  }

  #frameWork(delta: number, now: number): void {
    if (this.session.playing) this.session.frame(Math.min(delta, 100));
    else if (this.session.pending && now - this.#seekedAt > CATCH_UP_AFTER_MS) this.session.catchUp(performance.now() + CATCH_UP_SLICE_MS);
  }

  togglePlay(): void {
    if (this.session.playing) this.session.pause();
    else {
      this.#last = 0;
      this.session.play();
    }
  }
}
