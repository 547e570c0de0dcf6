// The page's state: the session, and the views read from its cluster, replaced (never deeply
// proxied) whenever the cluster changes. Animation frames drive the session's virtual time.
import { Session, type SessionOptions } from './session';
import { clusterView, eventViews, type ClusterView, type EventView } from './view';
import type { Decision } from '../../sim/cloneSetController';

export type Selection = { kind: 'pod'; name: string } | { kind: 'event'; key: string; time: number; object: string } | null;

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
  /** Bumped when the cluster's objects change (the editor's completion and preview read it). */
  clusterVersion = $state(0);
  selection = $state<Selection>(null);
  /** The last refresh jumped in time (a rebuild, a seek): the view changes without animation. */
  jumped = $state(false);

  #seen = { cluster: undefined as unknown, rv: -1, events: -1, lastCount: -1, decisions: -1, age: -1 };
  #raf = 0;
  #last = 0;

  constructor(options: SessionOptions = {}) {
    this.session = new Session(options);
    this.session.subscribe(() => this.refresh());
    this.refresh();
  }

  /** Reads the session into the page's state, replacing only what changed. */
  refresh(): void {
    const s = this.session;
    const cluster = s.cluster;
    const previous = this.time;
    this.horizon = s.horizon();
    this.playing = s.playing;
    this.speed = s.speed;
    this.atRest = s.atRest();
    this.behind = s.behind();
    const rv = cluster.store.resourceVersion();
    const rebuilt = this.#seen.cluster !== cluster;
    this.jumped = rebuilt || Math.abs(s.time() - previous) > 5;
    this.time = s.time();
    // ages shown in whole seconds: the status table needs a new view when a second passes
    const age = Math.floor(this.time);
    if (rebuilt || rv !== this.#seen.rv || age !== this.#seen.age) {
      this.view = clusterView(cluster);
      if (rebuilt || rv !== this.#seen.rv) this.clusterVersion++;
      this.#seen.rv = rv;
      this.#seen.age = age;
    }
    const events = cluster.eventList();
    const lastCount = events.length > 0 ? events[events.length - 1].count + events.reduce((n, e) => n + e.count, 0) : 0;
    if (rebuilt || events.length !== this.#seen.events || lastCount !== this.#seen.lastCount) {
      this.events = eventViews(events);
      this.#seen.events = events.length;
      this.#seen.lastCount = lastCount;
    }
    if (rebuilt || cluster.decisions.length !== this.#seen.decisions) {
      this.decisions = cluster.decisions.slice();
      this.#seen.decisions = cluster.decisions.length;
    }
    this.#seen.cluster = cluster;
  }

  /** Starts the animation loop (the browser only). Returns a function that stops it. */
  start(): () => void {
    const tick = (now: number) => {
      const delta = this.#last === 0 ? 0 : now - this.#last;
      this.#last = now;
      if (this.session.playing) this.session.frame(Math.min(delta, 100));
      this.#raf = requestAnimationFrame(tick);
    };
    this.#raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(this.#raf);
  }

  togglePlay(): void {
    if (this.session.playing) this.session.pause();
    else {
      this.#last = 0;
      this.session.play();
    }
  }
}
