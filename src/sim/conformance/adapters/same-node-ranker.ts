// TestSameNodeRanker (kruise cloneset/utils/pod_sorter_test.go): ranks of the same-node ranker,
// only for the pods that get one (SPEC §9.2).
import { newSameNodeRanker } from '../../controller/deletionRank';
import type { TableAdapter } from '../types';
import { orderPodsFromFixture } from './orderFixtures';

const adapter: TableAdapter = {
  test: 'TestSameNodeRanker',
  evaluate(c) {
    const ranker = newSameNodeRanker(orderPodsFromFixture(c.pods, 'pods'));
    return { ranks: Object.fromEntries(ranker.podRanks) };
  },
};

export default adapter;
