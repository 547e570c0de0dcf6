// What every scenario test needs: find a run's snapshots and add up events.
import type { ScenarioResult } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';

/** The snapshot of that name; a missing one is a broken scenario file, not a simulator answer. */
export function snapshotOf(run: ScenarioResult, name: string): ClusterState {
  const found = run.snapshots.find((s) => s.name === name);
  if (!found) throw new Error(`no snapshot ${name}`);
  return found.state;
}

/** Total occurrences of a list of (possibly aggregated) events. */
export const countEvents = (events: readonly { count: number }[]): number => events.reduce((n, e) => n + e.count, 0);
