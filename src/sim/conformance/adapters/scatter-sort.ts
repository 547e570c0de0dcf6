// TestSort (kruise pkg/util/updatesort/scatter_sort_test.go): the full scatter sort; podLabels
// holds every pod of the CloneSet (null = empty slot), candidateIndexes the ones being ordered
// (SPEC §10.5 rule 3).
import { scatterSort } from '../../controller/scatter';
import type { TableAdapter } from '../types';
import { indexList, podSlotsFromLabels, scatterTerms } from './orderFixtures';

const adapter: TableAdapter = {
  test: 'TestSort',
  evaluate(c) {
    const pods = podSlotsFromLabels(c.podLabels);
    const strategy = scatterTerms(c.scatterStrategy ?? [], 'scatterStrategy');
    return { order: scatterSort(strategy, pods, indexList(c.candidateIndexes, 'candidateIndexes')) };
  },
};

export default adapter;
