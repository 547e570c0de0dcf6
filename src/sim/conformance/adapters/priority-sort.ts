// Test_prioritySort_Sort (kruise pkg/util/updatesort/priority_sort_test.go): candidate indexes
// re-sorted by update priority (SPEC §10.5 rule 2).
import type { UpdatePriorityStrategy } from '../../api/types';
import { prioritySort } from '../../controller/priority';
import type { TableAdapter } from '../types';
import { indexList, orderPodsFromFixture } from './orderFixtures';
import { record } from './rolloutFixtures';

const adapter: TableAdapter = {
  test: 'Test_prioritySort_Sort',
  evaluate(c) {
    const strategy =
      c.priorityStrategy === undefined || c.priorityStrategy === null
        ? undefined
        : (record(c.priorityStrategy, 'priorityStrategy') as UpdatePriorityStrategy);
    const pods = orderPodsFromFixture(c.pods, 'pods');
    return { order: prioritySort(strategy, pods, indexList(c.candidateIndexes, 'candidateIndexes')) };
  },
};

export default adapter;
