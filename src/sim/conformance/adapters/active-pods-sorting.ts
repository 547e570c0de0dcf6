// TestSortingActivePods (kruise cloneset/utils/pod_sorter_test.go): kruise's scale-in Less for two
// fixture pods of meta.pods, with no ranker and no availability function (SPEC §9.2).
import { activePodsWithRanksLess } from '../../controller/activePods';
import { CaseFormatError, type TableAdapter } from '../types';
import { orderPodsFromFixture } from './orderFixtures';

const adapter: TableAdapter = {
  test: 'TestSortingActivePods',
  evaluate(c, meta) {
    const pods = orderPodsFromFixture(meta.pods, 'meta.pods');
    const byName = (name: unknown) => {
      const pod = pods.find((p) => p.metadata.name === name);
      if (!pod) throw new CaseFormatError(`no pod named ${JSON.stringify(name)} in meta.pods`);
      return pod;
    };
    const a = byName(c.a);
    const b = byName(c.b);
    return { aBeforeB: activePodsWithRanksLess(a, b), bBeforeA: activePodsWithRanksLess(b, a) };
  },
};

export default adapter;
