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

/** Where a caller keeps the cache slot it used last for a key (see KeyInterner). */
interface SlotHint {
  slot: number;
}

/**
 * A least-recently-used map: reads and writes refresh an entry, the stalest is evicted. Entries
 * live in numbered slots (arrays, a doubly linked list of slot numbers): a hit moves no memory and
 * allocates nothing, an eviction hands its slot to the new key. The values are the cache's own
 * objects, updated in place (toJSON copies them).
 */
class Lru<V> {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly values: (V | undefined)[] = [];
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head = -1; // stalest
  private tail = -1; // freshest

  constructor(private readonly size: number) {
    this.prev = new Int32Array(size);
    this.next = new Int32Array(size);
  }

  private unlink(i: number): void {
    const p = this.prev[i];
    const n = this.next[i];
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
  }

  private append(i: number): void {
    this.prev[i] = this.tail;
    this.next[i] = -1;
    if (this.tail >= 0) this.next[this.tail] = i;
    else this.head = i;
    this.tail = i;
  }

  /**
   * The slot of `key`, made the freshest — or a new slot without a value, which the caller fills
   * in at once (a `get` followed by a `set` of the same key, with one lookup). A full cache gives
   * the new key the stalest entry's slot.
   */
  touch(key: string, hint?: SlotHint): number {
    // The slot the caller used last for this key, if the key still holds it: no lookup needed.
    const h = hint?.slot ?? -1;
    const known = h >= 0 && this.keys[h] === key ? h : this.index.get(key);
    if (known !== undefined) {
      if (known !== this.tail) {
        this.unlink(known);
        this.append(known);
      }
      if (hint) hint.slot = known;
      return known;
    }
    let i: number;
    if (this.keys.length < this.size) {
      i = this.keys.length;
      this.keys.push(key);
      this.values.push(undefined);
    } else {
      i = this.head;
      this.unlink(i);
      this.index.delete(this.keys[i]);
      this.keys[i] = key;
      this.values[i] = undefined;
    }
    this.index.set(key, i);
    this.append(i);
    if (hint) hint.slot = i;
    return i;
  }

  value(i: number): V | undefined {
    return this.values[i];
  }

  setValue(i: number, value: V): void {
    this.values[i] = value;
  }

  set(key: string, value: V): void {
    this.values[this.touch(key)] = value;
  }

  /** Key of a slot (as touch returned it). */
  keyOf(i: number): string {
    return this.keys[i];
  }

  /** Stalest first. */
  entries(): [string, V][] {
    const out: [string, V][] = [];
    for (let i = this.head; i >= 0; i = this.next[i]) out.push([this.keys[i], this.values[i] as V]);
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
  slots: { spam: SlotHint; aggregate: SlotHint; event: SlotHint };
}

function keysOf(e: EventInput): EventKeys {
  const spam = spamKeyOf(e.source, e.involvedObject, e.type);
  const aggregate = spam + '\u0000' + e.reason;
  return { spam, aggregate, event: aggregate + '\u0000' + e.message, slots: { spam: { slot: -1 }, aggregate: { slot: -1 }, event: { slot: -1 } } };
}

/** The keys already built for one spam key, by reason and then by message (each message's EventKeys whole). */
interface KeyFamily {
  spam: string;
  spamSlot: SlotHint;
  byReason: Map<string, { aggregate: string; aggregateSlot: SlotHint; byMessage: Map<string, EventKeys> }>;
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
    if (!family) byType.set(e.type, (family = { spam: spamKeyOf(source, o, e.type), spamSlot: { slot: -1 }, byReason: new Map() }));
    let reason = family.byReason.get(e.reason);
    if (!reason) family.byReason.set(e.reason, (reason = { aggregate: family.spam + '\u0000' + e.reason, aggregateSlot: { slot: -1 }, byMessage: new Map() }));
    let keys = reason.byMessage.get(e.message);
    if (keys === undefined) {
      keys = {
        spam: family.spam,
        aggregate: reason.aggregate,
        event: reason.aggregate + '\u0000' + e.message,
        slots: { spam: family.spamSlot, aggregate: reason.aggregateSlot, event: { slot: -1 } },
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
    if (!Number.isInteger(this.options.cacheSize) || this.options.cacheSize < 1) throw new RangeError(`cacheSize must be a whole number of at least 1 (got ${this.options.cacheSize})`);
    this.aggregates = new Lru(this.options.cacheSize);
    this.logs = new Lru(this.options.cacheSize);
    this.spam = new Lru(this.options.cacheSize);
  }

  /** Records one event emitted at virtual time `now` (seconds). */
  record(input: EventInput, now: number): void {
    const keys = this.interner.keys(input);
    const fresh = this.makeEvent(input, now);
    const aggregated = this.aggregate(fresh, input, keys, now);
    const key = aggregated === fresh ? keys.event : keys.aggregate;
    const { event: observed, log } = this.observe(aggregated, key, aggregated === fresh ? keys.slots.event : undefined);
    if (!this.tryAccept(keys.spam, keys.slots.spam, now)) return;
    const writtenKey = observed.message === input.message ? keys.event : keys.aggregate + '\u0000' + observed.message;
    // The logger's entry just touched is the one to update, unless the event is logged under another key.
    this.write(observed, this.logs.keyOf(log) === writtenKey ? log : this.logs.touch(writtenKey));
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

  /** EventAggregate: the event to log — `event` itself, or a combined one logged under the aggregate key. */
  private aggregate(event: KubeEvent, input: EventInput, keys: EventKeys, now: number): KubeEvent {
    const entry = this.aggregates.touch(keys.aggregate, keys.slots.aggregate);
    let record = this.aggregates.value(entry);
    if (!record || now - record.lastTimestamp > this.options.aggregateWindowSeconds) {
      record = { messages: [], lastTimestamp: now };
      this.aggregates.setValue(entry, record);
    }
    if (!record.messages.includes(input.message)) record.messages.push(input.message);
    record.lastTimestamp = now;
    if (record.messages.length < this.options.maxSimilarEvents) return event;
    record.messages.shift();
    return {
      ...event,
      metadata: { name: this.nextName(input.involvedObject.name, now), namespace: event.metadata.namespace },
      message: COMBINED_MESSAGE_PREFIX + input.message,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
  }

  /** eventObserve: an event logged before takes its name, first timestamp and count + 1. Returns the logger's slot too. */
  private observe(event: KubeEvent, key: string, hint?: SlotHint): { event: KubeEvent; log: number } {
    const log = this.logs.touch(key, hint);
    const last = this.logs.value(log);
    if (!last) {
      this.logs.setValue(log, { count: event.count, firstTimestamp: event.firstTimestamp, name: event.metadata.name });
      return { event, log };
    }
    const observed =
      last.count > 0 ? { ...event, metadata: { ...event.metadata, name: last.name }, firstTimestamp: last.firstTimestamp, count: last.count + 1 } : event;
    last.count = observed.count;
    last.firstTimestamp = observed.firstTimestamp;
    last.name = observed.metadata.name;
    return { event: observed, log };
  }

  /** The spam filter's token bucket (golang.org/x/time/rate AllowN): a refused event costs nothing. */
  private tryAccept(key: string, hint: SlotHint, now: number): boolean {
    const { spamBurst: burst, spamQps: qps } = this.options;
    const entry = this.spam.touch(key, hint);
    let record = this.spam.value(entry);
    if (!record) this.spam.setValue(entry, (record = { tokens: burst }));
    const elapsed = record.last === undefined ? Infinity : Math.max(0, now - record.last);
    const tokens = Math.min(burst, record.tokens + elapsed * qps);
    if (tokens < 1) return false;
    record.tokens = tokens - 1;
    record.last = now;
    return true;
  }

  /**
   * The sink: an update patches count, last timestamp and message; else (or if gone) a create.
   * `log` is the logger's entry under the event key of what gets written (the event's own message).
   */
  private write(event: KubeEvent, log: number): void {
    // A first event (count 1) is a create: no stored one to look up.
    const stored = event.count > 1 ? this.events.get(event.metadata.name) : undefined;
    // The event is the recorder's own fresh object (makeEvent copied the caller's parts): stored as is.
    const written = stored ? { ...stored, count: event.count, lastTimestamp: event.lastTimestamp, message: event.message } : event;
    this.events.set(event.metadata.name, freezeEvent(written));
    this.writes++;
    // UpdateState: remember what the server now holds, under the event's own key.
    const record = this.logs.value(log);
    if (record) {
      record.count = written.count;
      record.firstTimestamp = written.firstTimestamp;
      record.name = written.metadata.name;
    } else this.logs.setValue(log, { count: written.count, firstTimestamp: written.firstTimestamp, name: written.metadata.name });
  }
}
