// TestSortUpdateIndexes (kruise sync/cloneset_update_test.go): the update order of the candidates
// (SPEC §10.5). Pods sit at their `index`; an optional `strategy` is the CloneSet's updateStrategy.
import type { CloneSetUpdateStrategy } from '../../api/types';
import { sortUpdateIndexes } from '../../controller/updateOrder';
import { CaseFormatError, type TableAdapter } from '../types';
import { indexList, orderPodFromFixture } from './orderFixtures';
import { list, record } from './rolloutFixtures';

const adapter: TableAdapter = {
  test: 'TestSortUpdateIndexes',
  evaluate(c) {
    const fixtures = list(c.pods, 'pods').map((p, i) => {
      const index = record(p, `pods[${i}]`).index ?? i;
      if (typeof index !== 'number') throw new CaseFormatError(`pods[${i}].index: expected a number`);
      return { index, pod: orderPodFromFixture(p, `pods[${i}]`) };
    });
    const pods = fixtures.sort((a, b) => a.index - b.index).map((f) => f.pod);
    const strategy = c.strategy === undefined || c.strategy === null ? undefined : (record(c.strategy, 'strategy') as CloneSetUpdateStrategy);
    return { order: sortUpdateIndexes(strategy, pods, indexList(c.candidateIndexes, 'candidateIndexes')) };
  },
};

export default adapter;
