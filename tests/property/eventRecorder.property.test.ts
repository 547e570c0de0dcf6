// The event recorder against a plain restatement of client-go's EventCorrelator: string keys in
// three Map-based LRUs, events in a Map by name, names from BigInt nanoseconds. Random streams of
// events (objects and sources passed frozen and reused, as copies, or as equal objects of another
// identity; tiny caches so that entries are pushed out all the time; JSON round trips on the way)
// must give the same stored events and the same cache contents, in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMBINED_MESSAGE_PREFIX, EventRecorder, type EventCorrelatorOptions, type EventRecorderState } from '../../src/sim/events';
import type { KubeEvent } from '../../src/sim/api/types';
import type { EventInput } from '../../src/sim/node/host';
import { VIRTUAL_EPOCH_UNIX_SECONDS } from '../../src/sim/api/virtualTime';

const NUL = '\u0000';

/** golang-lru as the correlator uses it: Get and Add both make a key the freshest; Add beyond the size drops the stalest. */
class Lru<V> {
  readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  add(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
}

class ReferenceCorrelator {
  readonly events = new Map<string, KubeEvent>();
  readonly aggregates: Lru<{ messages: string[]; lastTimestamp: number }>;
  readonly logs: Lru<{ count: number; firstTimestamp: number; name: string }>;
  readonly spam: Lru<{ tokens: number; last?: number }>;
  lastNanos = 0n;

  constructor(private readonly o: EventCorrelatorOptions) {
    this.aggregates = new Lru(o.cacheSize);
    this.logs = new Lru(o.cacheSize);
    this.spam = new Lru(o.cacheSize);
  }

  private name(object: string, now: number): string {
    const nanos = BigInt(VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000_000n + BigInt(Math.round(now * 1e9));
    this.lastNanos = nanos > this.lastNanos ? nanos : this.lastNanos + 1n;
    return `${object}.${this.lastNanos.toString(16)}`;
  }

  record(e: EventInput, now: number): void {
    const o = e.involvedObject;
    const spamKey = [e.source.component, e.source.host ?? '', o.kind, o.namespace ?? '', o.name, o.uid ?? '', e.type].join(NUL);
    const aggregateKey = spamKey + NUL + e.reason;
    const base = { apiVersion: 'v1' as const, kind: 'Event' as const, involvedObject: { ...o }, type: e.type, reason: e.reason, source: { ...e.source }, count: 1, firstTimestamp: now, lastTimestamp: now };
    let event: KubeEvent = { ...base, metadata: { name: this.name(o.name, now), namespace: o.namespace || 'default' }, message: e.message };
    // EventAggregate
    let similar = this.aggregates.get(aggregateKey);
    if (!similar || now - similar.lastTimestamp > this.o.aggregateWindowSeconds) similar = { messages: [], lastTimestamp: now };
    if (!similar.messages.includes(e.message)) similar.messages.push(e.message);
    similar.lastTimestamp = now;
    this.aggregates.add(aggregateKey, similar);
    let logKey = aggregateKey + NUL + e.message;
    if (similar.messages.length >= this.o.maxSimilarEvents) {
      similar.messages.shift();
      event = { ...base, metadata: { name: this.name(o.name, now), namespace: event.metadata.namespace }, message: COMBINED_MESSAGE_PREFIX + e.message };
      logKey = aggregateKey;
    }
    // eventObserve
    const seen = this.logs.get(logKey);
    if (seen) event = { ...event, metadata: { ...event.metadata, name: seen.name }, firstTimestamp: seen.firstTimestamp, count: seen.count + 1 };
    this.logs.add(logKey, { count: event.count, firstTimestamp: event.firstTimestamp, name: event.metadata.name });
    // the spam filter
    const bucket = this.spam.get(spamKey) ?? { tokens: this.o.spamBurst };
    this.spam.add(spamKey, bucket);
    const tokens = Math.min(this.o.spamBurst, bucket.tokens + (bucket.last === undefined ? Infinity : Math.max(0, now - bucket.last)) * this.o.spamQps);
    if (tokens < 1) return;
    bucket.tokens = tokens - 1;
    bucket.last = now;
    // the sink, then UpdateState under the written event's own key
    const stored = event.count > 1 ? this.events.get(event.metadata.name) : undefined;
    const written = stored ? { ...stored, count: event.count, lastTimestamp: event.lastTimestamp, message: event.message } : event;
    this.events.set(written.metadata.name, written);
    this.logs.add(aggregateKey + NUL + written.message, { count: written.count, firstTimestamp: written.firstTimestamp, name: written.metadata.name });
  }

  state(): Omit<EventRecorderState, 'version' | 'options'> {
    return {
      events: [...this.events.values()],
      aggregates: [...this.aggregates.map].map(([k, v]) => [k, { messages: [...v.messages], lastTimestamp: v.lastTimestamp }]),
      logs: [...this.logs.map].map(([k, v]) => [k, { ...v }]),
      spam: [...this.spam.map].map(([k, v]) => [k, { ...v }]),
      lastNanos: this.lastNanos.toString(),
    };
  }
}

const objects = [0, 1, 2, 3].map((i) => ({ kind: 'Pod', name: `web-${i}`, ...(i % 2 ? { namespace: 'default' } : {}), uid: `u-${i}` }));
const sources = [{ component: 'kubelet', host: 'node-1' }, { component: 'kubelet', host: 'node-2' }, { component: 'cloneset-controller' }];
const frozenObjects = objects.map((o) => Object.freeze({ ...o }));
const twinObjects = objects.map((o) => Object.freeze({ ...o }));
const frozenSources = sources.map((s) => Object.freeze({ ...s }));

const step = fc.record({
  after: fc.constantFrom(0, 0, 0, 0.5, 1, 3, 30, 400),
  object: fc.integer({ min: 0, max: 3 }),
  identity: fc.constantFrom('frozen', 'twin', 'copy'),
  source: fc.integer({ min: 0, max: 2 }),
  frozenSource: fc.boolean(),
  type: fc.constantFrom('Normal', 'Warning'),
  reason: fc.constantFrom('Pulled', 'Started', 'Failed'),
  message: fc.oneof(fc.constantFrom('m1', 'm2', 'm3'), fc.integer({ min: 0, max: 15 }).map((n) => `pod ${n} ready`)),
  roundTrip: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
});

const options = fc.record({
  cacheSize: fc.integer({ min: 1, max: 6 }),
  maxSimilarEvents: fc.integer({ min: 1, max: 4 }),
  spamBurst: fc.integer({ min: 1, max: 4 }),
  aggregateWindowSeconds: fc.integer({ min: 5, max: 30 }),
  spamQps: fc.constant(Math.fround(1 / 300)),
});

describe('EventRecorder against a plain restatement of client-go\'s correlator', () => {
  it('stores the same events and keeps the same cache entries, in the same order', () => {
    fc.assert(
      fc.property(options, fc.array(step, { minLength: 1, maxLength: 80 }), (o, steps) => {
        let recorder = new EventRecorder(o);
        const reference = new ReferenceCorrelator(o);
        let now = 0;
        for (const s of steps) {
          now += s.after;
          const involvedObject = s.identity === 'frozen' ? frozenObjects[s.object] : s.identity === 'twin' ? twinObjects[s.object] : { ...objects[s.object] };
          const source = s.frozenSource ? frozenSources[s.source] : { ...sources[s.source] };
          const input: EventInput = { involvedObject, source, type: s.type, reason: s.reason, message: s.message };
          recorder.record(input, now);
          reference.record(input, now);
          if (s.roundTrip) recorder = EventRecorder.fromJSON(JSON.parse(JSON.stringify(recorder.toJSON())));
          const { version: _v, options: _o, ...state } = recorder.toJSON();
          expect(JSON.parse(JSON.stringify(state))).toEqual(JSON.parse(JSON.stringify(reference.state())));
        }
      }),
      { numRuns: 300 },
    );
  });
});
