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
  /** Where the stored event called `name` sits in the recorder's list, when known (not part of the state). */
  at?: number;
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

const NUL = '\u0000';

/** Fields of client-go's spam key (source component and host, object kind, namespace, name and uid, event type). */
const SPAM_KEY_FIELDS = 7;

/**
 * What client-go's three keys share: source, object and type (the spam key, as a string). Every
 * cache entry hangs off one — the spam filter's directly, the aggregator's per reason, the
 * logger's per reason and message — so finding an entry takes small maps keyed by short strings
 * (a reason, a message) instead of a lookup of a ~100-character key in a map of 4,096 (a key
 * never seen before costs hashing all of it). The long keys are put together for toJSON only.
 * A family is forgotten once none of its entries is left in any cache.
 */
class Family {
  spam: Entry<SpamRecord> | undefined;
  readonly reasons = new Map<string, ReasonEntries>();
  /** Entries of this family in the three caches. */
  entries = 0;
  forgotten = false;
  constructor(readonly key: string) {}
}

/** One reason's entries under a family. */
class ReasonEntries {
  aggregate: Entry<AggregateRecord> | undefined;
  /** The logger's entry under the aggregate key itself (combined events are logged there). */
  combined: Entry<LogRecord> | undefined;
  /** The logger's entries under the aggregate key and a message, by message. */
  readonly messages = new Map<string, Entry<LogRecord>>();
  constructor(
    readonly family: Family,
    readonly reason: string,
  ) {}

  get empty(): boolean {
    return this.aggregate === undefined && this.combined === undefined && this.messages.size === 0;
  }
}

type EntryPlace = 'spam' | 'aggregate' | 'combined' | 'message';

/** A cache entry: its place in the family tree (to be found and removed there) and its place in the cache's order. */
class Entry<V> {
  value: V | undefined = undefined;
  /** Staler and fresher neighbours in the cache's order. */
  prev: Entry<V> | undefined = undefined;
  next: Entry<V> | undefined = undefined;
  constructor(
    readonly place: EntryPlace,
    readonly family: Family,
    readonly reason: ReasonEntries | undefined,
    readonly message: string | undefined,
  ) {}

  /** client-go's key of this entry. */
  key(): string {
    if (this.place === 'spam') return this.family.key;
    const aggregate = this.family.key + NUL + (this.reason as ReasonEntries).reason;
    return this.place === 'message' ? aggregate + NUL + this.message : aggregate;
  }
}

/**
 * One of the correlator's least-recently-used caches: its entries in order, stalest first; a use
 * makes an entry the freshest, and a new entry beyond the size pushes out the stalest.
 */
class LruOrder<V> {
  private head: Entry<V> | undefined; // stalest
  private tail: Entry<V> | undefined; // freshest
  private count = 0;

  constructor(
    private readonly size: number,
    /** Takes a pushed-out entry out of its family. */
    private readonly forget: (e: Entry<V>) => void,
  ) {}

  /** A known entry becomes the freshest. */
  use(e: Entry<V>): Entry<V> {
    if (e === this.tail) return e;
    this.unlink(e);
    this.append(e);
    return e;
  }

  /** A new entry (already in its family) becomes the freshest; the stalest goes if the cache is over its size. */
  add(e: Entry<V>): Entry<V> {
    this.append(e);
    this.count++;
    if (this.count > this.size) {
      const stalest = this.head as Entry<V>;
      this.unlink(stalest);
      this.count--;
      this.forget(stalest);
    }
    return e;
  }

  /** Stalest first. */
  entries(): Entry<V>[] {
    const out: Entry<V>[] = [];
    for (let e = this.head; e; e = e.next) out.push(e);
    return out;
  }

  private unlink(e: Entry<V>): void {
    if (e.prev) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.tail = e.prev;
    e.prev = e.next = undefined;
  }

  private append(e: Entry<V>): void {
    e.prev = this.tail;
    if (this.tail) this.tail.next = e;
    else this.head = e;
    this.tail = e;
  }
}

const nsOf = (o: EventInput['involvedObject']) => o.namespace ?? '';

/** client-go's getSpamKey (source, object, type) joined by NUL; no API version or field path here. */
function spamKeyOf(source: EventInput['source'], o: EventInput['involvedObject'], type: string): string {
  return source.component + NUL + (source.host ?? '') + NUL + o.kind + NUL + nsOf(o) + NUL + o.name + NUL + (o.uid ?? '') + NUL + type;
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

/** An interned spam key and the family last found under it. */
interface FamilyHint {
  key: string;
  family: Family | undefined;
}

/**
 * Spam keys of events whose object and source are frozen objects the caller reuses (a kubelet's
 * pod, the controller's CloneSet): the same string and family every time, so nothing is rebuilt or
 * rehashed per event. Only the objects seen lately are remembered (a RecentCache of 512): events
 * come in bursts per object, and memory must not grow with every pod that ever had an event.
 */
class KeyInterner {
  private readonly subjects = new RecentCache<object, Map<object, Map<string, FamilyHint>>>(512);

  hint(e: EventInput): FamilyHint {
    const { involvedObject: o, source } = e;
    if (!Object.isFrozen(o) || !Object.isFrozen(source)) return { key: spamKeyOf(source, o, e.type), family: undefined };
    const bySource = this.subjects.get(o, newMap);
    let byType = bySource.get(source);
    if (!byType) bySource.set(source, (byType = new Map()));
    let hint = byType.get(e.type);
    if (!hint) byType.set(e.type, (hint = { key: spamKeyOf(source, o, e.type), family: undefined }));
    return hint;
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

/** Two hex digits for each byte value. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class EventRecorder {
  private readonly options: EventCorrelatorOptions;
  /** The stored Event objects in creation order (an update replaces an event in its place). */
  private readonly events: KubeEvent[] = [];
  /** Position of each stored event by name: built the first time a name has to be looked up without a hint. */
  private positions: Map<string, number> | undefined;
  /** The families that have entries, by spam key. */
  private readonly families = new Map<string, Family>();
  private readonly aggregates: LruOrder<AggregateRecord>;
  private readonly logs: LruOrder<LogRecord>;
  private readonly spam: LruOrder<SpamRecord>;
  /** The last nanosecond timestamp used in a name, as its high and low 32 bits (numbers: no BigInt per event). */
  private lastHigh = 0;
  private lastLow = 0;
  /** The instant whose timestamp was worked out last, and that timestamp's halves. */
  private nanosOf = { now: Number.NaN, high: 0, low: 0 };
  /** The high half of the last name's timestamp in hex (it changes every 4.3 virtual seconds). */
  private highHex = { high: -1, hex: '' };
  private writes = 0;
  private readonly interner = new KeyInterner();
  private readonly messages = new MessageInterner();

  constructor(options: Partial<EventCorrelatorOptions> = {}) {
    this.options = { ...DEFAULT_EVENT_CORRELATOR_OPTIONS, ...options };
    if (!Number.isInteger(this.options.cacheSize) || this.options.cacheSize < 1) throw new RangeError(`cacheSize must be a whole number of at least 1 (got ${this.options.cacheSize})`);
    const forget = <V>(e: Entry<V>) => this.forget(e);
    this.aggregates = new LruOrder<AggregateRecord>(this.options.cacheSize, forget);
    this.logs = new LruOrder<LogRecord>(this.options.cacheSize, forget);
    this.spam = new LruOrder<SpamRecord>(this.options.cacheSize, forget);
  }

  /** Records one event emitted at virtual time `now` (seconds). */
  record(input: EventInput, now: number): void {
    const family = this.familyOf(this.interner.hint(input));
    const reason = this.reasonOf(family, input.reason);
    const fresh = this.makeEvent(input, now);
    const aggregated = this.aggregate(fresh, input, reason, now);
    const log = aggregated === fresh ? this.messageEntry(reason, input.message) : this.combinedEntry(reason);
    const observed = this.observe(aggregated, log);
    if (!this.tryAccept(family, now)) return;
    // The logger's entry just used is the one to update, unless the event is logged under another key.
    this.write(observed, log.place === 'message' && log.message === observed.message ? log : this.messageEntry(reason, observed.message), log);
  }

  /** Goes up by one with every event written (created or counted up): "has anything changed?" in O(1). */
  get version(): number {
    return this.writes;
  }

  /** The stored events, oldest first (frozen: the recorder never changes a stored event, it replaces it). */
  list(): KubeEvent[] {
    return this.events.slice();
  }

  toJSON(): EventRecorderState {
    const valueOf = <V>(e: Entry<V>) => e.value as V;
    return {
      version: 1,
      options: { ...this.options },
      events: this.list(),
      aggregates: this.aggregates.entries().map((e) => [e.key(), { messages: [...valueOf(e).messages], lastTimestamp: valueOf(e).lastTimestamp }]),
      logs: this.logs.entries().map((e) => [e.key(), { count: valueOf(e).count, firstTimestamp: valueOf(e).firstTimestamp, name: valueOf(e).name }]),
      spam: this.spam.entries().map((e) => [e.key(), { ...valueOf(e) }]),
      lastNanos: ((BigInt(this.lastHigh) << 32n) | BigInt(this.lastLow)).toString(),
    };
  }

  static fromJSON(state: unknown): EventRecorder {
    const refuse = () => new Error('not an event recorder state (version 1)');
    if (!isRecord(state) || state.version !== 1 || !isRecord(state.options)) throw refuse();
    const { events, aggregates, logs, spam, lastNanos } = state;
    if (!Array.isArray(events) || !Array.isArray(aggregates) || !Array.isArray(logs) || !Array.isArray(spam) || typeof lastNanos !== 'string' || !/^\d+$/.test(lastNanos)) {
      throw refuse();
    }
    const recorder = new EventRecorder(state.options as Partial<EventCorrelatorOptions>);
    for (const e of events as KubeEvent[]) recorder.events.push(deepFreeze(structuredClone(e)));
    // A key is the spam key (7 fields joined by NUL), then the reason, then (logger) the message.
    const split = (key: unknown) => {
      if (typeof key !== 'string') throw refuse();
      let at = -1;
      for (let n = 0; n < SPAM_KEY_FIELDS; n++) if ((at = key.indexOf(NUL, at + 1)) < 0) throw refuse();
      const rest = key.slice(at + 1);
      const cut = rest.indexOf(NUL);
      return { family: recorder.familyOf({ key: key.slice(0, at), family: undefined }), reason: cut < 0 ? rest : rest.slice(0, cut), message: cut < 0 ? undefined : rest.slice(cut + 1) };
    };
    for (const [k, v] of aggregates as [string, AggregateRecord][]) {
      const { family, reason } = split(k);
      recorder.aggregateEntry(recorder.reasonOf(family, reason)).value = { messages: [...v.messages], lastTimestamp: v.lastTimestamp };
    }
    for (const [k, v] of logs as [string, LogRecord][]) {
      const { family, reason, message } = split(k);
      const r = recorder.reasonOf(family, reason);
      (message === undefined ? recorder.combinedEntry(r) : recorder.messageEntry(r, message)).value = { count: v.count, firstTimestamp: v.firstTimestamp, name: v.name, at: undefined };
    }
    for (const [k, v] of spam as [string, SpamRecord][]) {
      if (typeof k !== 'string') throw refuse();
      recorder.spamEntry(recorder.familyOf({ key: k, family: undefined })).value = { ...v };
    }
    const last = BigInt(lastNanos);
    recorder.lastHigh = Number(last >> 32n);
    recorder.lastLow = Number(last & 0xffffffffn);
    return recorder;
  }

  // ---- the caches' entries -----------------------------------------------------------------------

  /** The family of a spam key (the one the hint found last, while it has entries). */
  private familyOf(hint: FamilyHint): Family {
    let family = hint.family;
    if (family === undefined || family.forgotten) {
      family = this.families.get(hint.key);
      if (!family) this.families.set(hint.key, (family = new Family(hint.key)));
      hint.family = family;
    }
    return family;
  }

  private reasonOf(family: Family, reason: string): ReasonEntries {
    let entries = family.reasons.get(reason);
    if (!entries) family.reasons.set(reason, (entries = new ReasonEntries(family, reason)));
    return entries;
  }

  /** The aggregator's entry of a reason, made the freshest (a new one without a value, which the caller sets). */
  private aggregateEntry(r: ReasonEntries): Entry<AggregateRecord> {
    if (r.aggregate) return this.aggregates.use(r.aggregate);
    r.aggregate = this.adopt(new Entry<AggregateRecord>('aggregate', r.family, r, undefined));
    return this.aggregates.add(r.aggregate);
  }

  /** The logger's entry under a reason and a message, made the freshest. */
  private messageEntry(r: ReasonEntries, message: string): Entry<LogRecord> {
    const known = r.messages.get(message);
    if (known) return this.logs.use(known);
    const text = this.messages.canonical(message);
    const entry = this.adopt(new Entry<LogRecord>('message', r.family, r, text));
    r.messages.set(text, entry);
    return this.logs.add(entry);
  }

  /** The logger's entry under the aggregate key itself, made the freshest. */
  private combinedEntry(r: ReasonEntries): Entry<LogRecord> {
    if (r.combined) return this.logs.use(r.combined);
    r.combined = this.adopt(new Entry<LogRecord>('combined', r.family, r, undefined));
    return this.logs.add(r.combined);
  }

  /** The spam filter's entry of a family, made the freshest. */
  private spamEntry(family: Family): Entry<SpamRecord> {
    if (family.spam) return this.spam.use(family.spam);
    family.spam = this.adopt(new Entry<SpamRecord>('spam', family, undefined, undefined));
    return this.spam.add(family.spam);
  }

  private adopt<V>(entry: Entry<V>): Entry<V> {
    entry.family.entries++;
    return entry;
  }

  /** A cache pushed an entry out: it leaves its family (and the family goes with its last entry). */
  private forget<V>(entry: Entry<V>): void {
    const { family, reason } = entry;
    if (entry.place === 'spam') family.spam = undefined;
    else if (reason) {
      if (entry.place === 'aggregate') reason.aggregate = undefined;
      else if (entry.place === 'combined') reason.combined = undefined;
      else reason.messages.delete(entry.message as string);
      if (reason.empty) family.reasons.delete(reason.reason);
    }
    if (--family.entries === 0) {
      family.forgotten = true;
      this.families.delete(family.key);
    }
  }

  // ---- the recorder and the correlator's stages ------------------------------------------------

  /** `<object>.<hex nanoseconds>`, unique and increasing even for events at the same instant. */
  private nextName(objectName: string, now: number): string {
    // Events come in bursts at one instant: its nanoseconds are worked out once.
    if (this.nanosOf.now !== now) {
      const nanos = BigInt(VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000_000n + BigInt(Math.round(now * 1e9));
      this.nanosOf = { now, high: Number(nanos >> 32n), low: Number(nanos & 0xffffffffn) };
    }
    const { high, low } = this.nanosOf;
    if (high > this.lastHigh || (high === this.lastHigh && low > this.lastLow)) {
      this.lastHigh = high;
      this.lastLow = low;
    } else if (this.lastLow === 0xffffffff) {
      this.lastHigh++;
      this.lastLow = 0;
    } else this.lastLow++;
    if (this.highHex.high !== this.lastHigh) this.highHex = { high: this.lastHigh, hex: this.lastHigh.toString(16) };
    // The high half is never 0 (the epoch alone is past 2^32 ns), so the low one is written in full:
    // 8 digits, a byte at a time. One flat string (a stored event keeps its name; a concatenation
    // would keep its pieces too).
    const bits = this.lastLow;
    return [objectName, '.', this.highHex.hex, BYTE_HEX[bits >>> 24], BYTE_HEX[(bits >>> 16) & 255], BYTE_HEX[(bits >>> 8) & 255], BYTE_HEX[bits & 255]].join('');
  }

  /** The recorder's makeEvent: count 1, both timestamps now, namespace defaulted. */
  private makeEvent(input: EventInput, now: number): KubeEvent {
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.nextName(input.involvedObject.name, now), namespace: input.involvedObject.namespace || 'default' },
      // a frozen part is the caller's for good: shared rather than copied (copies: Object.assign,
      // whose frozen results share their hidden classes, unlike frozen spread copies)
      involvedObject: Object.isFrozen(input.involvedObject) ? input.involvedObject : Object.assign({}, input.involvedObject),
      type: input.type,
      reason: input.reason,
      message: this.messages.canonical(input.message),
      source: Object.isFrozen(input.source) ? input.source : Object.assign({}, input.source),
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    };
  }

  /** EventAggregate: the event to log — `event` itself, or a combined one logged under the aggregate key. */
  private aggregate(event: KubeEvent, input: EventInput, reason: ReasonEntries, now: number): KubeEvent {
    const entry = this.aggregateEntry(reason);
    let record = entry.value;
    if (!record || now - record.lastTimestamp > this.options.aggregateWindowSeconds) entry.value = record = { messages: [], lastTimestamp: now };
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

  /** eventObserve: an event logged before (under `log`) takes its name, first timestamp and count + 1. */
  private observe(event: KubeEvent, log: Entry<LogRecord>): KubeEvent {
    const last = log.value;
    if (!last) {
      log.value = { count: event.count, firstTimestamp: event.firstTimestamp, name: event.metadata.name, at: undefined };
      return event;
    }
    const observed =
      last.count > 0 ? { ...event, metadata: { ...event.metadata, name: last.name }, firstTimestamp: last.firstTimestamp, count: last.count + 1 } : event;
    last.count = observed.count;
    last.firstTimestamp = observed.firstTimestamp;
    if (last.name !== observed.metadata.name) {
      last.name = observed.metadata.name;
      last.at = undefined;
    }
    return observed;
  }

  /** The spam filter's token bucket (golang.org/x/time/rate AllowN): a refused event costs nothing. */
  private tryAccept(family: Family, now: number): boolean {
    const { spamBurst: burst, spamQps: qps } = this.options;
    const entry = this.spamEntry(family);
    let record = entry.value;
    if (!record) entry.value = record = { tokens: burst };
    const elapsed = record.last === undefined ? Infinity : Math.max(0, now - record.last);
    const tokens = Math.min(burst, record.tokens + elapsed * qps);
    if (tokens < 1) return false;
    record.tokens = tokens - 1;
    record.last = now;
    return true;
  }

  /**
   * The sink: an update patches count, last timestamp and message; else (or if gone) a create.
   * `log` is the logger's entry under the event key of what gets written (the event's own message),
   * `observed` the one the event was observed under (they differ for a combined event).
   */
  private write(event: KubeEvent, log: Entry<LogRecord>, observed: Entry<LogRecord>): void {
    const name = event.metadata.name;
    const record = log.value;
    const seen = observed.value;
    // A first event (count 1) is a create: no stored one to look up.
    const at = event.count > 1 ? (seen?.name === name && seen.at !== undefined ? seen.at : this.positionOf(name)) : undefined;
    const stored = at !== undefined ? this.events[at] : undefined;
    // The event is the recorder's own fresh object (makeEvent copied the caller's parts): stored as is.
    const written = freezeEvent(stored ? { ...stored, count: event.count, lastTimestamp: event.lastTimestamp, message: event.message } : event);
    let position: number;
    if (at !== undefined) this.events[(position = at)] = written;
    else {
      position = this.events.push(written) - 1;
      this.positions?.set(name, position);
    }
    this.writes++;
    // UpdateState: remember what the server now holds, under the event's own key.
    if (record) {
      record.count = written.count;
      record.firstTimestamp = written.firstTimestamp;
      record.name = name;
      record.at = position;
    } else log.value = { count: written.count, firstTimestamp: written.firstTimestamp, name, at: position };
    if (seen?.name === name) seen.at = position;
  }

  /** Position of the stored event called `name`, if there is one. */
  private positionOf(name: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let i = 0; i < this.events.length; i++) this.positions.set(this.events[i].metadata.name, i);
    }
    return this.positions.get(name);
  }
}
