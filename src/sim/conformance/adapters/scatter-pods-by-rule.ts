// TestScatterPodsByRule (kruise pkg/util/updatesort/scatter_sort_test.go): the candidates
// scattered by one term (SPEC §10.5 rule 3).
import { scatterPodsByRule } from '../../controller/scatter';
import type { TableAdapter } from '../types';
import { indexList, podSlotsFromLabels, scatterTerm } from './orderFixtures';

const adapter: TableAdapter = {
  test: 'TestScatterPodsByRule',
  evaluate(c) {
    const pods = podSlotsFromLabels(c.podLabels);
    return { order: scatterPodsByRule(scatterTerm(c.term, 'term'), pods, indexList(c.candidateIndexes, 'candidateIndexes')) };
  },
};

export default adapter;
