import { describe, expect, it } from 'vitest';
import { containerMachine } from '../../src/sim/node/containerMachine';
import { podMachine } from '../../src/sim/node/podMachine';
import { chartOf } from '../../src/ui/playground/statechart';

const edges = (chart: ReturnType<typeof chartOf>) => chart.edges.map((e) => `${e.from} -${e.label}-> ${e.to}`);

describe('statechart of the machines', () => {
  it("labels the container machine's delays as delays", () => {
    const chart = chartOf(containerMachine.config as never);
    expect(edges(chart)).toEqual(
      expect.arrayContaining([
        'pulling -after pull-> errImagePull',
        'pulling -after pull-> creating',
        'errImagePull -after podResync-> imagePullBackOff',
        'imagePullBackOff -RETRY-> pulling',
        'creating -after start-> running',
        'killing -after stop-> exited',
        'killing -after stop-> pulling',
        'stopping -after stop-> exited',
      ]),
    );
    expect(chart.edges.filter((e) => e.label.startsWith('DELAY'))).toEqual([]);
    expect(chart.global.map((e) => e.label).sort()).toEqual(['SPEC_CHANGED', 'STOP']);
    // the states as laid out: the initial one first, the final one marked
    expect(chart.states.find((s) => s.initial)?.id).toBe('waiting');
    expect(chart.states.filter((s) => s.final).map((s) => s.id)).toEqual(['exited']);
    expect(chart.states.find((s) => s.id === 'running')?.children.map((c) => c.id)).toEqual(['running.probing', 'running.ready']);
  });

  it("labels the pod machine's child completion as done", () => {
    expect(edges(chartOf(podMachine.config as never))).toEqual(['active -DELETE-> terminating', 'terminating -done / always-> terminated']);
  });
});
