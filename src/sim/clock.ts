// The virtual clock: a priority queue of timers on simulated milliseconds. Nothing in the
// simulation waits on real time; `advance` and `runNext` move time forward by firing timers in
// order. Timers due at the same instant fire in the order they were scheduled, so a run is a pure
// function of its inputs. The clock also serves as XState's `clock` (setTimeout/clearTimeout).

export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fn: () => void;
  /** A background timer (e.g. an image-pull back-off retry) does not keep the cluster from being at rest. */
  background: boolean;
  /** Cleared while still in the heap (lazy deletion). */
  cancelled: boolean;
}

/** A binary min-heap of timers ordered by (at, seq). */
class TimerHeap {
  private items: Timer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  /** The earliest `at` among timers that pass the filter (a scan: used when stopping, not per tick). */
  minAt(keep: (t: Timer) => boolean): number | undefined {
    let min: number | undefined;
    for (const t of this.items) if (keep(t) && (min === undefined || t.at < min)) min = t.at;
    return min;
  }

  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): Timer | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as Timer;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

const before = (x: Timer, y: Timer) => x.at < y.at || (x.at === y.at && x.seq < y.seq);

export class VirtualClock {
  private nowMs = 0;
  private seq = 0;
  private nextId = 1;
  private heap = new TimerHeap();
  /** Timers scheduled and neither fired nor cancelled, by id. */
  private live = new Map<TimerId, Timer>();
  /** How many of them are background timers. */
  private liveBackground = 0;

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  /** Virtual milliseconds since the start. */
  now(): number {
    return this.nowMs;
  }

  /** Virtual seconds since the start (the unit objects use). */
  seconds(): number {
    return this.nowMs / 1000;
  }

  setTimeout(fn: () => void, delayMs: number, options?: { background?: boolean }): TimerId {
    const id = this.nextId++;
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const background = options?.background === true;
    const timer: Timer = { id, at: this.nowMs + delay, seq: this.seq++, fn, background, cancelled: false };
    if (background) this.liveBackground++;
    this.live.set(id, timer);
    this.heap.push(timer);
    return id;
  }

  clearTimeout(id: TimerId | undefined): void {
    const timer = id === undefined ? undefined : this.live.get(id);
    if (!timer) return;
    this.forget(timer);
    timer.cancelled = true;
  }

  /** Timers still due to fire. */
  pending(): number {
    return this.live.size;
  }

  /** Timers still due to fire that are not background timers: work that is really under way. */
  pendingForeground(): number {
    return this.pending() - this.liveBackground;
  }

  /** When the next foreground timer fires, or undefined when only background timers (or none) are left. */
  nextForegroundAt(): number | undefined {
    return this.heap.minAt((t) => !t.background && !t.cancelled);
  }

  /** When the next live timer fires, or undefined when none is pending. */
  nextAt(): number | undefined {
    this.dropCancelledHead();
    return this.heap.peek()?.at;
  }

  /** Fires the next timer (moving time to it). Returns false when nothing is pending. */
  runNext(): boolean {
    this.dropCancelledHead();
    const t = this.heap.pop();
    if (!t) return false;
    this.forget(t);
    this.nowMs = Math.max(this.nowMs, t.at);
    t.fn();
    return true;
  }

  /** Fires every timer due within `ms` from now, in order, then sets the time to now + ms. */
  advance(ms: number): void {
    const target = this.nowMs + Math.max(0, ms);
    for (;;) {
      const at = this.nextAt();
      if (at === undefined || at > target) break;
      this.runNext();
    }
    this.nowMs = target;
  }

  /** The timer is no longer live (fired or cancelled). */
  private forget(t: Timer): void {
    this.live.delete(t.id);
    if (t.background) this.liveBackground--;
  }

  private dropCancelledHead(): void {
    for (let t = this.heap.peek(); t && t.cancelled; t = this.heap.peek()) this.heap.pop();
  }
}
