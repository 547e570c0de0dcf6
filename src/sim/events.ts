// The event recorder of the simulated cluster: what client-go's EventCorrelator (v0.32,
// tools/record/events_cache.go) does between a component calling Eventf and the Event object the
// API server stores (SPEC §3.3). Three stages, in client-go's order:
// 1. aggregation: events of one object with the same source, type and reason but different
//    messages are "similar"; from the 10th distinct message seen within 10 minutes of the last
//    similar one, they fold into one event whose message is `(combined from similar events): <latest>`;
// 2. the logger: an event seen before (same key) reuses the stored event's name and first
//    timestamp and bumps its count;
// 3. the spam filter: a token bucket per source + object + type (burst 25, refilled 1 per 300 s,
//    the qps kept as Go's float32) drops events beyond it. The logger has already counted a dropped
//    event, so the next accepted one shows the jump in `count`, as on a real cluster.
// All caches are LRUs of 4,096 entries like client-go's. Virtual seconds throughout; names are
// `<object>.<hex>` from the virtual clock in nanoseconds since the Unix epoch, kept strictly
// increasing (so two events at the same instant still get distinct names).
// Not modelled: the API server's one-hour event TTL; client-go's choice of which remembered
// message to forget once an aggregate is full is random (Go map order), here it is the oldest.
import type { EventInput } from './node/host';
import type { KubeEvent } from './api/types';
import { VIRTUAL_EPOCH_UNIX_SECONDS } from './api/virtualTime';
import { deepFreeze } from './store';

export interface EventCorrelatorOptions {
  /** Distinct messages of similar events before they are combined. client-go: 10. */
  maxSimilarEvents: number;
  /** Seconds after the last similar event during which similar events keep counting. client-go: 600. */
  aggregateWindowSeconds: number;
  /** Events a source may emit about one object at once. client-go: 25. */
  spamBurst: number;
  /** Refill rate of that budget, tokens per second. client-go: float32(1/300). */
  spamQps: number;
  /** Entries of each cache. client-go: 4096. */
  cacheSize: number;
}

export const DEFAULT_EVENT_CORRELATOR_OPTIONS: Readonly<EventCorrelatorOptions> = Object.freeze({
  maxSimilarEvents: 10,
  aggregateWindowSeconds: 600,
  spamBurst: 25,
  spamQps: Math.fround(1 / 300),
  cacheSize: 4096,
});

export const COMBINED_MESSAGE_PREFIX = '(combined from similar events): ';

interface AggregateRecord {
  /** Messages seen, oldest first. */
  messages: string[];
  lastTimestamp: number;
}

interface LogRecord {
  count: number;
  firstTimestamp: number;
  name: string;
}

interface SpamRecord {
  tokens: number;
  /** Virtual seconds of the last accepted event; undefined before the first one. */
  last?: number;
}

/** What toJSON() returns; fromJSON() accepts it back. */
export interface EventRecorderState {
  version: 1;
  options: EventCorrelatorOptions;
  events: KubeEvent[];
  aggregates: [string, AggregateRecord][];
  logs: [string, LogRecord][];
  spam: [string, SpamRecord][];
  /** Last nanosecond timestamp used in a name, decimal. */
  lastNanos: string;
}

interface LruNode<V> {
  key: string;
  value: V;
  prev: LruNode<V> | null;
  next: LruNode<V> | null;
  /** In the cache (false once evicted): a caller holding the node may use it instead of a lookup. */
  live: boolean;
}

/** Where a caller keeps the cache entry it used last for a key (see KeyInterner). */
interface NodeSlot {
  node?: LruNode<unknown>;
}

/**
 * A least-recently-used map: reads and writes refresh an entry, the stalest is evicted. A linked
 * list keeps every operation O(1) (evicting through a Map's iterator slows down as deleted slots
 * pile up at its front).
 */
class Lru<V> {
  private readonly map = new Map<string, LruNode<V>>();
  private head: LruNode<V> | null = null; // stalest
  private tail: LruNode<V> | null = null; // freshest
  constructor(private readonly size: number) {}

  private unlink(n: LruNode<V>): void {
    if (n.prev) n.prev.next = n.next;
    else this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else this.tail = n.prev;
    n.prev = n.next = null;
  }

  private append(n: LruNode<V>): void {
    n.prev = this.tail;
    n.next = null;
    if (this.tail) this.tail.next = n;
    else this.head = n;
    this.tail = n;
  }

  set(key: string, value: V): void {
    this.touch(key).value = value;
  }

  private evictOver(): void {
    if (this.map.size > this.size && this.head) {
      const stalest = this.head;
      this.unlink(stalest);
      this.map.delete(stalest.key);
      stalest.live = false;
    }
  }

  /**
   * The entry of `key`, made the freshest — or a new one without a value yet, which the caller
   * fills in at once (a `get` followed by a `set` of the same key, with one lookup).
   */
  touch(key: string, slot?: NodeSlot): LruNode<V | undefined> {
    // The entry the caller used last for this key, if it is still cached: no lookup needed.
    const hint = slot?.node as LruNode<V> | undefined;
    const existing = hint && hint.live && hint.key === key ? hint : this.map.get(key);
    if (existing) {
      this.unlink(existing);
      this.append(existing);
      if (slot) slot.node = existing as LruNode<unknown>;
      return existing;
    }
    const n: LruNode<V | undefined> = { key, value: undefined, prev: null, next: null, live: true };
    this.map.set(key, n as LruNode<V>);
    this.append(n as LruNode<V>);
    this.evictOver();
    if (slot) slot.node = n as LruNode<unknown>;
    return n;
  }

  entries(): [string, V][] {
    const out: [string, V][] = [];
    for (let n = this.head; n; n = n.next) out.push([n.key, n.value]);
    return out;
  }
}

const nsOf = (o: EventInput['involvedObject']) => o.namespace ?? '';

/** The fields the three keys share (source, object, type), joined by NUL; plain concatenation is cheaper than an array join. */
function spamKeyOf(source: EventInput['source'], o: EventInput['involvedObject'], type: string): string {
  const Z = '\u0000';
  return source.component + Z + (source.host ?? '') + Z + o.kind + Z + nsOf(o) + Z + o.name + Z + (o.uid ?? '') + Z + type;
}

/**
 * The three keys of one event, built from one shared prefix: client-go's getSpamKey (source,
 * object, type), the aggregate key (… + reason) and getEventKey (… + message). No API version or
 * field path here.
 */
interface EventKeys {
  spam: string;
  aggregate: string;
  event: string;
  /** Where the cache entries of these keys are remembered (kept by the interner across events). */
  slots: { spam: NodeSlot; aggregate: NodeSlot; event: NodeSlot };
}

function keysOf(e: EventInput): EventKeys {
  const spam = spamKeyOf(e.source, e.involvedObject, e.type);
  const aggregate = spam + '\u0000' + e.reason;
  return { spam, aggregate, event: aggregate + '\u0000' + e.message, slots: { spam: {}, aggregate: {}, event: {} } };
}

/** The keys already built for one spam key, by reason and then by message (each message's EventKeys whole). */
interface KeyFamily {
  spam: string;
  spamSlot: NodeSlot;
  byReason: Map<string, { aggregate: string; aggregateSlot: NodeSlot; byMessage: Map<string, EventKeys> }>;
}

const newMap = () => new Map();

/**
 * A cache that remembers only recent entries: two generations of at most `size` each; when the
 * current one is full it becomes the previous one, and an entry found there moves back up.
 */
class RecentCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  constructor(private readonly size: number) {}

  /** The entry of `key`, made with `make` when it is not remembered. */
  get(key: K, make: () => V): V {
    const known = this.current.get(key);
    if (known !== undefined) return known;
    const value = this.previous.get(key) ?? make();
    if (this.current.size >= this.size) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return value;
  }
}

/**
 * Keys of events whose object and source are frozen objects the caller reuses (a kubelet's pod,
 * the controller's CloneSet): the same string instances every time, so the caches' lookups need
 * not rebuild and rehash ~100 characters per event. The strings are the ones keysOf would build.
 * Only the objects seen lately are remembered (a RecentCache of 512): events
 * come in bursts per object, and memory must not grow with every pod that ever had an event.
 */
class KeyInterner {
  /** Messages of one reason kept per family (message keys can be of unbounded variety). */
  private static readonly MESSAGES_PER_REASON = 64;
  private readonly subjects = new RecentCache<object, Map<object, Map<string, KeyFamily>>>(512);

  keys(e: EventInput): EventKeys {
    const { involvedObject: o, source } = e;
    if (!Object.isFrozen(o) || !Object.isFrozen(source)) return keysOf(e);
    const bySource = this.subjects.get(o, newMap);
    let byType = bySource.get(source);
    if (!byType) bySource.set(source, (byType = new Map()));
    let family = byType.get(e.type);
    if (!family) byType.set(e.type, (family = { spam: spamKeyOf(source, o, e.type), spamSlot: {}, byReason: new Map() }));
    let reason = family.byReason.get(e.reason);
    if (!reason) family.byReason.set(e.reason, (reason = { aggregate: family.spam + '\u0000' + e.reason, aggregateSlot: {}, byMessage: new Map() }));
    let keys = reason.byMessage.get(e.message);
    if (keys === undefined) {
      keys = {
        spam: family.spam,
        aggregate: reason.aggregate,
        event: reason.aggregate + '\u0000' + e.message,
        slots: { spam: family.spamSlot, aggregate: reason.aggregateSlot, event: {} },
      };
      if (reason.byMessage.size < KeyInterner.MESSAGES_PER_REASON) reason.byMessage.set(e.message, keys);
    }
    return keys;
  }
}

/**
 * One string instance per message text among the recent ones: thousands of pods get
 * `Pulling image "nginx:1.26"`, and a stored event keeps its message for as long as it is kept.
 * Only recent texts are kept (RecentCache), so rare ones are not held forever.
 */
class MessageInterner {
  private readonly texts = new RecentCache<string, string>(2048);

  canonical(text: string): string {
    return this.texts.get(text, () => text);
  }
}

/** deepFreeze for the Event's known shape: its three nested objects (metadata holds only strings here), then itself. */
function freezeEvent(e: KubeEvent): KubeEvent {
  if (Object.isFrozen(e)) return e;
  Object.freeze(e.metadata);
  Object.freeze(e.involvedObject);
  Object.freeze(e.source);
  return Object.freeze(e);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class EventRecorder {
  private readonly options: EventCorrelatorOptions;
  /** The stored Event objects, by name, in creation order. */
  private readonly events = new Map<string, KubeEvent>();
  private readonly aggregates: Lru<AggregateRecord>;
  private readonly logs: Lru<LogRecord>;
  private readonly spam: Lru<SpamRecord>;
  private lastNanos = 0n;
  private nanosOf: { now: number; nanos: bigint } = { now: Number.NaN, nanos: 0n };
  private writes = 0;
  private readonly interner = new KeyInterner();
  private readonly messages = new MessageInterner();

  constructor(options: Partial<EventCorrelatorOptions> = {}) {
    this.options = { ...DEFAULT_EVENT_CORRELATOR_OPTIONS, ...options };
    this.aggregates = new Lru(this.options.cacheSize);
    this.logs = new Lru(this.options.cacheSize);
    this.spam = new Lru(this.options.cacheSize);
  }

  /** Records one event emitted at virtual time `now` (seconds). */
  record(input: EventInput, now: number): void {
    const keys = this.interner.keys(input);
    const fresh = this.makeEvent(input, now);
    const { event: aggregated, key } = this.aggregate(fresh, input, keys, now);
    const { event: observed, log } = this.observe(aggregated, key, key === keys.event ? keys.slots.event : undefined);
    if (!this.tryAccept(keys.spam, keys.slots.spam, now)) return;
    const writtenKey = observed.message === input.message ? keys.event : keys.aggregate + '\u0000' + observed.message;
    // The logger's entry just touched is the one to update, unless the event is logged under another key.
    this.write(observed, log.key === writtenKey ? log : this.logs.touch(writtenKey));
  }

  /** Goes up by one with every event written (created or counted up): "has anything changed?" in O(1). */
  get version(): number {
    return this.writes;
  }

  /** The stored events, oldest first (frozen: the recorder never changes a stored event, it replaces it). */
  list(): KubeEvent[] {
    return [...this.events.values()];
  }

  toJSON(): EventRecorderState {
    return {
      version: 1,
      options: { ...this.options },
      events: this.list(),
      aggregates: this.aggregates.entries().map(([k, v]) => [k, { messages: [...v.messages], lastTimestamp: v.lastTimestamp }]),
      logs: this.logs.entries().map(([k, v]) => [k, { ...v }]),
      spam: this.spam.entries().map(([k, v]) => [k, { ...v }]),
      lastNanos: this.lastNanos.toString(),
    };
  }

  static fromJSON(state: unknown): EventRecorder {
    if (!isRecord(state) || state.version !== 1 || !isRecord(state.options)) throw new Error('not an event recorder state (version 1)');
    const { events, aggregates, logs, spam, lastNanos } = state;
    if (!Array.isArray(events) || !Array.isArray(aggregates) || !Array.isArray(logs) || !Array.isArray(spam) || typeof lastNanos !== 'string' || !/^\d+$/.test(lastNanos)) {
      throw new Error('not an event recorder state (version 1)');
    }
    const recorder = new EventRecorder(state.options as Partial<EventCorrelatorOptions>);
    for (const e of events as KubeEvent[]) recorder.events.set(e.metadata.name, deepFreeze(structuredClone(e)));
    for (const [k, v] of aggregates as [string, AggregateRecord][]) recorder.aggregates.set(k, { messages: [...v.messages], lastTimestamp: v.lastTimestamp });
    for (const [k, v] of logs as [string, LogRecord][]) recorder.logs.set(k, { ...v });
    for (const [k, v] of spam as [string, SpamRecord][]) recorder.spam.set(k, { ...v });
    recorder.lastNanos = BigInt(lastNanos);
    return recorder;
  }

  // ---- the recorder and the correlator's stages ------------------------------------------------

  /** `<object>.<hex nanoseconds>`, unique and increasing even for events at the same instant. */
  private nextName(objectName: string, now: number): string {
    // Events come in bursts at one instant: its nanoseconds are worked out once.
    if (this.nanosOf.now !== now) this.nanosOf = { now, nanos: BigInt(VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000_000n + BigInt(Math.round(now * 1e9)) };
    const nanos = this.nanosOf.nanos;
    this.lastNanos = nanos > this.lastNanos ? nanos : this.lastNanos + 1n;
    // one flat string (a stored event keeps its name; a concatenation would keep its pieces too)
    return [objectName, '.', this.lastNanos.toString(16)].join('');
  }

  /** The recorder's makeEvent: count 1, both timestamps now, namespace defaulted. */
  private makeEvent(input: EventInput, now: number): KubeEvent {
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.nextName(input.involvedObject.name, now), namespace: input.involvedObject.namespace || 'default' },
      // a frozen part is the caller's for good: shared rather than copied
      involvedObject: Object.isFrozen(input.involvedObject) ? input.involvedObject : { ...input.involvedObject },
      type: input.type,
      reason: input.reason,
      message: this.messages.canonical(input.message),
      source: Object.isFrozen(input.source) ? input.source : { ...input.source },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
  }

  /** EventAggregate: returns the event to log and the key it is logged under. */
  private aggregate(event: KubeEvent, input: EventInput, keys: EventKeys, now: number): { event: KubeEvent; key: string } {
    const key = keys.aggregate;
    const entry = this.aggregates.touch(key, keys.slots.aggregate);
    let record = entry.value;
    if (!record || now - record.lastTimestamp > this.options.aggregateWindowSeconds) record = { messages: [], lastTimestamp: now };
    const messages = record.messages.includes(input.message) ? record.messages : [...record.messages, input.message];
    entry.value = { messages, lastTimestamp: now };
    if (messages.length < this.options.maxSimilarEvents) return { event, key: keys.event };
    entry.value = { messages: messages.slice(1), lastTimestamp: now };
    const combined: KubeEvent = {
      ...event,
      metadata: { name: this.nextName(input.involvedObject.name, now), namespace: event.metadata.namespace },
      message: COMBINED_MESSAGE_PREFIX + input.message,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
    return { event: combined, key };
  }

  /** eventObserve: an event logged before takes its name, first timestamp and count + 1. */
  private observe(event: KubeEvent, key: string, slot?: NodeSlot): { event: KubeEvent; log: LruNode<LogRecord | undefined> } {
    const log = this.logs.touch(key, slot);
    const last = log.value;
    const observed = last && last.count > 0 ? { ...event, metadata: { ...event.metadata, name: last.name }, firstTimestamp: last.firstTimestamp, count: last.count + 1 } : event;
    log.value = { count: observed.count, firstTimestamp: observed.firstTimestamp, name: observed.metadata.name };
    return { event: observed, log };
  }

  /** The spam filter's token bucket (golang.org/x/time/rate AllowN): a refused event costs nothing. */
  private tryAccept(key: string, slot: NodeSlot, now: number): boolean {
    const { spamBurst: burst, spamQps: qps } = this.options;
    const entry = this.spam.touch(key, slot);
    const record = entry.value ?? { tokens: burst };
    const elapsed = record.last === undefined ? Infinity : Math.max(0, now - record.last);
    const tokens = Math.min(burst, record.tokens + elapsed * qps);
    if (tokens < 1) {
      entry.value = record;
      return false;
    }
    entry.value = { tokens: tokens - 1, last: now };
    return true;
  }

  /**
   * The sink: an update patches count, last timestamp and message; else (or if gone) a create.
   * `log` is the logger's entry under the event key of what gets written (the event's own message).
   */
  private write(event: KubeEvent, log: LruNode<LogRecord | undefined>): void {
    const stored = this.events.get(event.metadata.name);
    // The event is the recorder's own fresh object (makeEvent copied the caller's parts): stored as is.
    const written = event.count > 1 && stored ? { ...stored, count: event.count, lastTimestamp: event.lastTimestamp, message: event.message } : event;
    this.events.set(event.metadata.name, freezeEvent(written));
    this.writes++;
    // UpdateState: remember what the server now holds, under the event's own key.
    log.value = { count: written.count, firstTimestamp: written.firstTimestamp, name: written.metadata.name };
  }
}
