// TestSpreadConstraintsRanker (kruise cloneset/utils/pod_sorter_test.go): pods of meta.pods on the
// nodes of meta.nodes, ranked per the case's constraints; the test lists the pods with a rank,
// highest first, ties in pod order (SPEC §9.2).
import { newSpreadConstraintsRanker, type PodSpreadConstraint } from '../../controller/deletionRank';
import { CaseFormatError, type TableAdapter } from '../types';
import { nodeFromFixture, orderPodsFromFixture } from './orderFixtures';
import { list, record } from './rolloutFixtures';

function constraintFromFixture(v: unknown, what: string): PodSpreadConstraint {
  const f = record(v, what);
  if (typeof f.topologyKey !== 'string') throw new CaseFormatError(`${what}.topologyKey: expected a string`);
  const limitedValues = f.limitedValues === undefined || f.limitedValues === null ? [] : list(f.limitedValues, `${what}.limitedValues`);
  if (limitedValues.some((x) => typeof x !== 'string')) throw new CaseFormatError(`${what}.limitedValues: expected strings`);
  return { topologyKey: f.topologyKey, limitedValues: limitedValues as string[] };
}

const adapter: TableAdapter = {
  test: 'TestSpreadConstraintsRanker',
  evaluate(c, meta) {
    const pods = orderPodsFromFixture(c.pods ?? meta.pods, 'pods');
    const nodes = list(c.nodes ?? meta.nodes, 'nodes').map((n, i) => nodeFromFixture(n, `nodes[${i}]`));
    const constraints = list(c.constraints, 'constraints').map((x, i) => constraintFromFixture(x, `constraints[${i}]`));
    const ranker = newSpreadConstraintsRanker(pods, constraints, nodes);
    const ranked = pods.filter((p) => ranker.getRank(p) > 0).sort((a, b) => ranker.getRank(b) - ranker.getRank(a));
    return { podsByRankDesc: ranked.map((p) => p.metadata.uid) };
  },
};

export default adapter;
