// TestGenerateRules (kruise pkg/util/updatesort/scatter_sort_test.go): which scatter terms apply,
// in which order (SPEC §10.5 rule 3).
import { getScatterTerms } from '../../controller/scatter';
import type { TableAdapter } from '../types';
import { indexList, podSlotsFromLabels, scatterTerms } from './orderFixtures';

const adapter: TableAdapter = {
  test: 'TestGenerateRules',
  evaluate(c) {
    const pods = podSlotsFromLabels(c.podLabels);
    const terms = getScatterTerms(scatterTerms(c.scatterStrategy, 'scatterStrategy'), pods, indexList(c.candidateIndexes, 'candidateIndexes'));
    return { termsInProcessingOrder: terms.map(({ key, value }) => ({ key, value })) };
  },
};

export default adapter;
