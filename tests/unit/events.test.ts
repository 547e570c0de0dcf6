import { describe, expect, it } from 'vitest';
import { COMBINED_MESSAGE_PREFIX, EventRecorder } from '../../src/sim/events';
import type { EventInput } from '../../src/sim/node/host';
import { VIRTUAL_EPOCH_UNIX_SECONDS } from '../../src/sim/api/virtualTime';

const cloneSet = { kind: 'CloneSet', name: 'nginx', namespace: 'default', uid: 'cs-1' };

function controllerEvent(message: string, reason = 'SuccessfulCreate', type: 'Normal' | 'Warning' = 'Normal'): EventInput {
  return { involvedObject: cloneSet, type, reason, message, source: { component: 'cloneset-controller' } };
}

const created = (i: number) => controllerEvent(`succeed to create pod nginx-${i}`);

describe('EventRecorder: identical events', () => {
  it('folds identical events into one with a growing count and both timestamps', () => {
    const r = new EventRecorder();
    r.record(controllerEvent('pulling'), 10);
    r.record(controllerEvent('pulling'), 12.5);
    r.record(controllerEvent('pulling'), 40);
    const events = r.list();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ count: 3, firstTimestamp: 10, lastTimestamp: 40, message: 'pulling', type: 'Normal', reason: 'SuccessfulCreate' });
    expect(events[0].metadata.namespace).toBe('default');
  });

  it('keeps events apart when reason, type, source or object differ', () => {
    const r = new EventRecorder();
    r.record(controllerEvent('x'), 0);
    r.record(controllerEvent('x', 'SuccessfulDelete'), 0);
    r.record(controllerEvent('x', 'SuccessfulCreate', 'Warning'), 0);
    r.record({ ...controllerEvent('x'), source: { component: 'kubelet', host: 'node-1' } }, 0);
    r.record({ ...controllerEvent('x'), involvedObject: { ...cloneSet, name: 'other' } }, 0);
    expect(r.list().map((e) => e.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('defaults the event namespace for cluster-scoped objects', () => {
    const r = new EventRecorder();
    r.record({ involvedObject: { kind: 'Node', name: 'node-1' }, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', source: { component: 'kubelet', host: 'node-1' } }, 0);
    expect(r.list()[0].metadata.namespace).toBe('default');
  });
});

describe('EventRecorder: similar events (same object, type, reason; different messages)', () => {
  it('combines from the 10th distinct message, with the latest message', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 9; i++) r.record(created(i), i);
    expect(r.list()).toHaveLength(9);
    r.record(created(10), 10);
    let events = r.list();
    expect(events).toHaveLength(10);
    expect(events[9]).toMatchObject({ message: `${COMBINED_MESSAGE_PREFIX}succeed to create pod nginx-10`, count: 1, firstTimestamp: 10, lastTimestamp: 10 });
    r.record(created(11), 11);
    events = r.list();
    expect(events).toHaveLength(10);
    expect(events[9]).toMatchObject({ message: `${COMBINED_MESSAGE_PREFIX}succeed to create pod nginx-11`, count: 2, firstTimestamp: 10, lastTimestamp: 11 });
  });

  it('20 pods created at once: 9 single events and one combined event counting 11', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 20; i++) r.record(created(i), 5);
    const events = r.list();
    expect(events).toHaveLength(10);
    expect(events.slice(0, 9).every((e) => e.count === 1 && !e.message.startsWith(COMBINED_MESSAGE_PREFIX))).toBe(true);
    expect(events[9]).toMatchObject({ count: 11, message: `${COMBINED_MESSAGE_PREFIX}succeed to create pod nginx-20` });
  });

  it('a message still remembered counts on its own event; a forgotten one joins the combined event', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 10; i++) r.record(created(i), i); // the 10th combined; nginx-1 (oldest) forgotten
    r.record(created(5), 11); // still among the 9 remembered
    r.record(created(1), 12); // forgotten: counts as a new distinct message
    const events = r.list();
    expect(events.find((e) => e.message === 'succeed to create pod nginx-5')?.count).toBe(2);
    expect(events.find((e) => e.message === 'succeed to create pod nginx-1')?.count).toBe(1);
    expect(events.find((e) => e.message.startsWith(COMBINED_MESSAGE_PREFIX))).toMatchObject({ count: 2, message: `${COMBINED_MESSAGE_PREFIX}succeed to create pod nginx-1` });
  });

  it('forgets similar events 10 minutes after the last one (a sliding window)', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 9; i++) r.record(created(i), 0);
    r.record(created(10), 601); // more than 600 s after the last similar event: a new window
    expect(r.list().some((e) => e.message.startsWith(COMBINED_MESSAGE_PREFIX))).toBe(false);

    const s = new EventRecorder();
    for (let i = 1; i <= 9; i++) s.record(created(i), i * 500); // each within 600 s of the previous
    s.record(created(10), 9 * 500 + 600); // exactly 600 s later still counts
    expect(s.list().filter((e) => e.message.startsWith(COMBINED_MESSAGE_PREFIX))).toHaveLength(1);
  });

  it('keeps the first timestamp of the combined event across updates', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 12; i++) r.record(created(i), i * 10);
    const combined = r.list().find((e) => e.message.startsWith(COMBINED_MESSAGE_PREFIX));
    expect(combined).toMatchObject({ firstTimestamp: 100, lastTimestamp: 120, count: 3 });
  });
});

describe('EventRecorder: spam filter (burst 25, one more every 5 minutes)', () => {
  it('drops events beyond the burst; the logger still counts them', () => {
    const r = new EventRecorder();
    for (let i = 0; i < 30; i++) r.record(controllerEvent('Back-off restarting failed container'), 0);
    expect(r.list()[0].count).toBe(25);
    r.record(controllerEvent('Back-off restarting failed container'), 299);
    expect(r.list()[0]).toMatchObject({ count: 25, lastTimestamp: 0 });
    r.record(controllerEvent('Back-off restarting failed container'), 300);
    expect(r.list()[0]).toMatchObject({ count: 32, lastTimestamp: 300 });
    r.record(controllerEvent('Back-off restarting failed container'), 301);
    expect(r.list()[0].count).toBe(32);
  });

  it('budgets per source, object and type, and different reasons share one budget', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 25; i++) r.record(controllerEvent('m', `Reason${i}`), 0);
    r.record(controllerEvent('m', 'Reason26'), 0);
    expect(r.list()).toHaveLength(25);
    r.record(controllerEvent('m', 'Reason26', 'Warning'), 0);
    r.record({ ...controllerEvent('m', 'Reason26'), involvedObject: { ...cloneSet, name: 'other' } }, 0);
    expect(r.list()).toHaveLength(27);
  });

  it('refills continuously up to the burst', () => {
    const r = new EventRecorder();
    for (let i = 1; i <= 25; i++) r.record(controllerEvent('m', `R${i}`), 0);
    for (let i = 26; i <= 40; i++) r.record(controllerEvent('m', `R${i}`), 3000); // 10 tokens refilled
    expect(r.list()).toHaveLength(35);
  });
});

describe('EventRecorder: names, determinism and snapshots', () => {
  it('names events <object>.<hex nanoseconds>, unique at the same instant', () => {
    const r = new EventRecorder();
    r.record(controllerEvent('a'), 0);
    r.record(controllerEvent('b', 'Other'), 0);
    r.record(controllerEvent('c', 'Third'), 1.5);
    const names = r.list().map((e) => e.metadata.name);
    const base = BigInt(VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000_000n;
    expect(names).toEqual([`nginx.${base.toString(16)}`, `nginx.${(base + 1n).toString(16)}`, `nginx.${(base + 1_500_000_000n).toString(16)}`]);
  });

  it('carries into the high half of the timestamp when several events share an instant at the end of a 2^32 ns block', () => {
    const base = BigInt(VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000_000n;
    const block = 1n << 32n;
    // the instant whose nanoseconds end a block: its two events straddle the carry
    const offset = (block - 1n - (base % block) + block) % block;
    const at = Number(offset) / 1e9;
    const first = base + BigInt(Math.round(at * 1e9));
    const r = new EventRecorder();
    r.record(controllerEvent('a'), at);
    r.record(controllerEvent('b', 'Other'), at);
    r.record(controllerEvent('c', 'Third'), at);
    expect(first % block).toBe(block - 1n);
    expect(r.list().map((e) => e.metadata.name)).toEqual([0n, 1n, 2n].map((d) => `nginx.${(first + d).toString(16)}`));
    // the low half after the carry is written with its leading zeros
    expect(r.list()[1].metadata.name.endsWith('00000000')).toBe(true);
  });

  it('gives the same events for the same inputs', () => {
    const run = () => {
      const r = new EventRecorder();
      for (let i = 0; i < 60; i++) r.record(created(i % 17), Math.floor(i / 3) * 7);
      return r.list();
    };
    expect(run()).toEqual(run());
  });

  it('records the same whether callers reuse frozen objects and sources or pass fresh copies', () => {
    // frozen, reused parts take the recorder's interned keys; fresh ones the plain path (more pods
    // than the interner remembers, so some are forgotten and interned again)
    const pods = Array.from({ length: 1100 }, (_, i) => Object.freeze({ kind: 'Pod', name: `web-${i}`, namespace: 'default', uid: `u-${i}` }));
    const kubelet = Object.freeze({ component: 'kubelet', host: 'node-1' });
    const controller = Object.freeze({ component: 'cloneset-controller' });
    const frozenCs = Object.freeze({ ...cloneSet });
    const inputs = (fresh: boolean): EventInput[] =>
      pods.flatMap((p, i) => {
        const pod = fresh ? { ...p } : p;
        const src = fresh ? { ...kubelet } : kubelet;
        return [
          { involvedObject: fresh ? { ...frozenCs } : frozenCs, type: 'Normal' as const, reason: 'SuccessfulUpdatePodInPlace', message: `successfully update pod ${p.name} in-place`, source: fresh ? { ...controller } : controller },
          { involvedObject: pod, type: 'Normal' as const, reason: 'Pulling', message: 'Pulling image "nginx:1.26"', source: src },
          { involvedObject: pod, type: 'Normal' as const, reason: 'Pulling', message: 'Pulling image "nginx:1.26"', source: src },
          { involvedObject: pod, type: 'Warning' as const, reason: 'Failed', message: `Error: ErrImagePull ${i % 3}`, source: src },
        ];
      });
    const run = (fresh: boolean) => {
      const r = new EventRecorder({ cacheSize: 40 });
      inputs(fresh).forEach((e, i) => r.record(e, Math.floor(i / 7)));
      inputs(fresh).forEach((e, i) => r.record(e, 100 + Math.floor(i / 7)));
      return JSON.stringify(r.toJSON());
    };
    expect(run(false)).toBe(run(true));
  });

  it('survives a JSON round trip and continues identically', () => {
    const a = new EventRecorder();
    for (let i = 0; i < 30; i++) a.record(created(i % 12), i);
    for (let i = 0; i < 28; i++) a.record(controllerEvent('spam', 'Spam', 'Warning'), 40);
    const b = EventRecorder.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.list()).toEqual(a.list());
    for (const r of [a, b]) {
      for (let i = 0; i < 5; i++) r.record(created(100 + i), 50);
      r.record(controllerEvent('spam', 'Spam', 'Warning'), 340);
      r.record(created(3), 60);
    }
    expect(b.list()).toEqual(a.list());
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('refuses a state that is not its own', () => {
    expect(() => EventRecorder.fromJSON({ version: 2 })).toThrow(/not an event recorder state/);
    expect(() => EventRecorder.fromJSON(null)).toThrow();
    // a cache key without the seven fields of a spam key
    const state = new EventRecorder().toJSON();
    expect(() => EventRecorder.fromJSON({ ...state, logs: [['kubelet\u0000node-1', { count: 1, firstTimestamp: 0, name: 'x.1' }]] })).toThrow(/not an event recorder state/);
  });

  it('list() hands out frozen events that a later record replaces rather than changes', () => {
    const r = new EventRecorder();
    r.record(controllerEvent('x'), 0);
    const first = r.list()[0];
    expect(Object.isFrozen(first) && Object.isFrozen(first.involvedObject)).toBe(true);
    expect(() => {
      (first as { count: number }).count = 99;
    }).toThrow(TypeError);
    r.record(controllerEvent('x'), 5);
    expect(first.count).toBe(1);
    expect(r.list()[0].count).toBe(2);
  });

  it('evicts the least recently used cache entries', () => {
    const r = new EventRecorder({ cacheSize: 2 });
    r.record(controllerEvent('a', 'A'), 0);
    r.record(controllerEvent('b', 'B'), 0);
    r.record(controllerEvent('c', 'C'), 0); // the logger forgets A
    r.record(controllerEvent('a', 'A'), 1); // so A starts a new event
    expect(r.list().filter((e) => e.reason === 'A').map((e) => e.count)).toEqual([1, 1]);
  });
});
