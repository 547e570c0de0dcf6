import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFrameTask, soonTask } from '../../src/ui/playground/frameTask';

// A hand-driven frame clock: frame() runs the callbacks requested so far, as a browser's frame does.
let callbacks = new Map<number, FrameRequestCallback>();
let nextId = 1;
const frame = () => {
  const due = callbacks;
  callbacks = new Map();
  for (const cb of due.values()) cb(0);
};
/** Resolves after the messages posted so far have been delivered (each in a task of its own). */
const tasks = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  callbacks = new Map();
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    const id = nextId++;
    callbacks.set(id, cb);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('frame tasks', () => {
  it('runs after the next frame, in a task after the frame callback, not in it', async () => {
    const order: string[] = [];
    afterFrameTask(() => order.push('task'));
    await tasks();
    expect(order).toEqual([]);
    frame();
    order.push('frame done');
    await tasks();
    expect(order).toEqual(['frame done', 'task']);
  });

  it('cancels before the frame and after it', async () => {
    const ran: string[] = [];
    const early = afterFrameTask(() => ran.push('early'));
    const late = afterFrameTask(() => ran.push('late'));
    afterFrameTask(() => ran.push('kept'));
    early();
    frame();
    late();
    await tasks();
    expect(ran).toEqual(['kept']);
  });

  it('runs soon tasks in the order they were posted, each once', async () => {
    const ran: number[] = [];
    soonTask(() => ran.push(1));
    const cancel = soonTask(() => ran.push(2));
    soonTask(() => ran.push(3));
    cancel();
    cancel();
    expect(ran).toEqual([]);
    await tasks();
    expect(ran).toEqual([1, 3]);
  });
});
