import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sim/clock';

describe('VirtualClock', () => {
  it('fires timers in time order, same-instant timers in scheduling order', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.setTimeout(() => log.push('b@20'), 20);
    clock.setTimeout(() => log.push('a@10'), 10);
    clock.setTimeout(() => log.push('c@20'), 20);
    clock.setTimeout(() => log.push('d@0'), 0);
    clock.advance(15);
    expect(log).toEqual(['d@0', 'a@10']);
    expect(clock.now()).toBe(15);
    clock.advance(5);
    expect(log).toEqual(['d@0', 'a@10', 'b@20', 'c@20']);
  });

  it('runs timers scheduled while advancing when they fall inside the window', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const tick = () => {
      times.push(clock.now());
      if (times.length < 5) clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);
    clock.advance(350);
    expect(times).toEqual([100, 200, 300]);
    clock.advance(1000);
    expect(times).toEqual([100, 200, 300, 400, 500]);
    expect(clock.pending()).toBe(0);
  });

  it('forgets cancelled timers', () => {
    const clock = new VirtualClock();
    let fired = false;
    const id = clock.setTimeout(() => { fired = true; }, 10);
    clock.setTimeout(() => undefined, 30);
    clock.clearTimeout(id);
    expect(clock.pending()).toBe(1);
    expect(clock.nextAt()).toBe(30);
    clock.advance(100);
    expect(fired).toBe(false);
  });

  it('steps one timer at a time', () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => undefined, 5_000);
    expect(clock.runNext()).toBe(true);
    expect(clock.seconds()).toBe(5);
    expect(clock.runNext()).toBe(false);
  });

  it('treats negative and NaN delays as zero', () => {
    const clock = new VirtualClock(1000);
    const log: number[] = [];
    clock.setTimeout(() => log.push(clock.now()), -5);
    clock.setTimeout(() => log.push(clock.now()), Number.NaN);
    clock.advance(0);
    expect(log).toEqual([1000, 1000]);
  });
});

describe('VirtualClock background timers', () => {
  it('counts background timers apart, so "at rest" can ignore endless retries', () => {
    const clock = new VirtualClock();
    const retry = () => clock.setTimeout(retry, 10_000, { background: true });
    retry();
    clock.setTimeout(() => undefined, 2_000);
    expect(clock.pending()).toBe(2);
    expect(clock.pendingForeground()).toBe(1);
    expect(clock.nextForegroundAt()).toBe(2_000);
    clock.runNext();
    expect(clock.pendingForeground()).toBe(0);
    expect(clock.nextForegroundAt()).toBeUndefined();
    clock.advance(25_000);
    expect(clock.pending()).toBe(1);
  });

  it('ignores clearing a timer twice or after it fired', () => {
    const clock = new VirtualClock();
    const id = clock.setTimeout(() => undefined, 5);
    clock.advance(10);
    clock.clearTimeout(id);
    clock.clearTimeout(id);
    expect(clock.pending()).toBe(0);
    const other = clock.setTimeout(() => undefined, 5);
    clock.clearTimeout(other);
    clock.clearTimeout(other);
    expect(clock.pending()).toBe(0);
  });
});
