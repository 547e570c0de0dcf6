// What the page showed at every virtual moment already simulated, kept so that moving the timeline
// within the simulated past only swaps the view instead of rebuilding and replaying the cluster.
//
// A moment is plain data: the store's objects at that moment (frozen by the store, so keeping the
// references is cheap and identity says "unchanged"), how far the event and decision records had
// come, and whether anything was still pending. Events are kept as one trail of writes (the
// recorder only appends events or replaces one in place), so a moment holds a trail length, not
// a copy of the list. A moment stands for the cluster once every timer due at or before its time
// has fired, which is what replaying the session's log to that time gives.
import type { Cluster } from '../../sim/cluster';
import type { EventRecorder } from '../../sim/events';
import type { Decision } from '../../sim/cloneSetController';
import type { CloneSet, ControllerRevision, KubeEvent, Node, Pod } from '../../sim/api/types';

export interface Moment {
  /** Virtual milliseconds. */
  readonly ms: number;
  /** The store's resourceVersion. */
  readonly rv: number;
  readonly pods: readonly Pod[];
  readonly cloneSets: readonly CloneSet[];
  readonly revisions: readonly ControllerRevision[];
  readonly nodes: readonly Node[];
  /** How many event writes of the trail had happened. */
  readonly eventSeq: number;
  /** How many decisions (why-records) had been made. */
  readonly decisionCount: number;
  /** Nothing but background retries was pending. */
  readonly atRest: boolean;
}

interface EventWrite {
  index: number;
  event: KubeEvent;
}

/** The same array when nothing in it changed, so unchanged lists are shared between moments. */
function sameOr<T>(previous: readonly T[] | undefined, next: T[]): readonly T[] {
  if (previous === undefined || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

export class History {
  readonly #moments: Moment[] = [];
  readonly #trail: EventWrite[] = [];
  /** The event list as of the last moment. */
  #events: readonly KubeEvent[] = [];
  readonly #decisions: Decision[] = [];
  #eventsCache: { seq: number; list: readonly KubeEvent[] } = { seq: 0, list: [] };
  #decisionsCache: { count: number; list: readonly Decision[] } = { count: 0, list: [] };

  constructor(cluster: Cluster) {
    this.record(cluster);
  }

  get size(): number {
    return this.#moments.length;
  }

  /** The last moment recorded. */
  latest(): Moment {
    return this.#moments[this.#moments.length - 1];
  }

  /**
   * Notes the cluster as it is now, at its clock's time. A new moment only when something shown
   * changed; a second change at the same millisecond replaces that millisecond's moment.
   */
  record(cluster: Cluster): void {
    const ms = cluster.clock.now();
    const last = this.#moments[this.#moments.length - 1] as Moment | undefined;
    const rv = cluster.store.resourceVersion();
    const atRest = cluster.atRest();
    // The recorder counts its writes: the same recorder at the same count has the same events.
    const unchanged = cluster.events === this.#eventsSeen.recorder && cluster.events.version === this.#eventsSeen.version;
    const eventsChanged = !unchanged && this.#noteEvents(cluster.eventList());
    this.#eventsSeen = { recorder: cluster.events, version: cluster.events.version };
    const decisions = cluster.decisions;
    for (let i = this.#decisions.length; i < decisions.length; i++) this.#decisions.push(decisions[i]);
    if (last && !eventsChanged && last.rv === rv && last.decisionCount === decisions.length && last.atRest === atRest) return;
    const store = cluster.store;
    const changed = !last || last.rv !== rv;
    const moment: Moment = {
      ms,
      rv,
      pods: changed ? sameOr(last?.pods, store.list('Pod')) : last.pods,
      cloneSets: changed ? sameOr(last?.cloneSets, store.list('CloneSet')) : last.cloneSets,
      revisions: changed ? sameOr(last?.revisions, store.list('ControllerRevision')) : last.revisions,
      nodes: changed ? sameOr(last?.nodes, store.list('Node')) : last.nodes,
      eventSeq: this.#trail.length,
      decisionCount: decisions.length,
      atRest,
    };
    if (last && last.ms === ms) this.#moments[this.#moments.length - 1] = moment;
    else this.#moments.push(moment);
  }

  /** The moment shown at virtual millisecond `ms`: the last one recorded at or before it. */
  at(ms: number): Moment {
    const moments = this.#moments;
    let lo = 0;
    let hi = moments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (moments[mid].ms <= ms) lo = mid;
      else hi = mid - 1;
    }
    return moments[lo];
  }

  /** The event list (oldest first) at a moment. */
  eventsAt(moment: Moment): readonly KubeEvent[] {
    if (moment.eventSeq === this.#trail.length) return this.#events;
    if (this.#eventsCache.seq === moment.eventSeq) return this.#eventsCache.list;
    const list = this.#replayTrail(moment.eventSeq);
    this.#eventsCache = { seq: moment.eventSeq, list };
    return list;
  }

  /** The decisions made up to a moment. */
  decisionsAt(moment: Moment): readonly Decision[] {
    if (this.#decisionsCache.count !== moment.decisionCount) {
      this.#decisionsCache = { count: moment.decisionCount, list: this.#decisions.slice(0, moment.decisionCount) };
    }
    return this.#decisionsCache.list;
  }

  /** Forgets every moment after virtual millisecond `ms` (a change there starts a new future). */
  truncateAfter(ms: number): void {
    while (this.#moments.length > 1 && this.latest().ms > ms) this.#moments.pop();
    const last = this.latest();
    this.#trail.length = last.eventSeq;
    this.#decisions.length = last.decisionCount;
    this.#events = this.#replayTrail(last.eventSeq);
    this.#eventsSeen = { version: -1 };
    this.#eventsCache = { seq: 0, list: [] };
    this.#decisionsCache = { count: 0, list: [] };
  }

  /** Appends the writes that turn the last list into `list`; whether there were any. */
  /** Which event recorder was last read, at which of its versions. */
  #eventsSeen: { recorder?: EventRecorder; version: number } = { version: -1 };

  #noteEvents(list: KubeEvent[]): boolean {
    const previous = this.#events;
    let changed = false;
    for (let i = 0; i < list.length; i++) {
      if (previous[i] !== list[i]) {
        this.#trail.push({ index: i, event: list[i] });
        changed = true;
      }
    }
    if (changed) this.#events = list;
    return changed;
  }

  #replayTrail(seq: number): readonly KubeEvent[] {
    const list: KubeEvent[] = [];
    for (let i = 0; i < seq; i++) {
      const w = this.#trail[i];
      list[w.index] = w.event;
    }
    return list;
  }
}
