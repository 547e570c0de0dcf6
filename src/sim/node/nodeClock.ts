// The node layer's view of the virtual clock: the same timers, counted, so the layer can say
// whether any of its own work is under way (`pendingForeground`). Background timers (back-off
// retries) are passed through with their flag and not counted. The container machines' delays
// run on it (through the kubelet's port), so they are counted too; XState actors use it as their
// `clock` as well.
import type { TimerId, VirtualClock } from '../clock';

export class NodeClock {
  private readonly foreground = new Set<TimerId>();

  constructor(private readonly clock: VirtualClock) {}

  setTimeout = (fn: () => void, delayMs: number, options?: { background?: boolean }): TimerId => {
    const background = options?.background === true;
    const id: TimerId = this.clock.setTimeout(
      () => {
        this.foreground.delete(id);
        fn();
      },
      delayMs,
      { background },
    );
    if (!background) this.foreground.add(id);
    return id;
  };

  clearTimeout = (id: TimerId | undefined): void => {
    if (id === undefined) return;
    this.foreground.delete(id);
    this.clock.clearTimeout(id);
  };

  /** Node-layer timers still due that are not background retries. */
  pendingForeground(): number {
    return this.foreground.size;
  }

  /** Virtual milliseconds. */
  now(): number {
    return this.clock.now();
  }
}
