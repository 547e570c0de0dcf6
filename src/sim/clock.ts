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
  /** Ids cancelled while still in the heap (lazy deletion). */
  private cancelled = new Set<TimerId>();

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

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.heap.push({ id, at: this.nowMs + delay, seq: this.seq++, fn });
    return id;
  }

  clearTimeout(id: TimerId | undefined): void {
    if (id !== undefined) this.cancelled.add(id);
  }

  /** Timers still due to fire. */
  pending(): number {
    return this.heap.size - this.cancelled.size;
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

  private dropCancelledHead(): void {
    for (let t = this.heap.peek(); t && this.cancelled.has(t.id); t = this.heap.peek()) {
      this.heap.pop();
      this.cancelled.delete(t.id);
    }
  }
}
