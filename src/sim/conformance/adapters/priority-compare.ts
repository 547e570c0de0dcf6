// TestCompare (kruise pkg/util/updatesort/priority_sort_test.go): is pod I updated before pod J
// under the priority strategy (SPEC §10.5 rule 2)?
import type { UpdatePriorityStrategy } from '../../api/types';
import { comparePriority } from '../../controller/priority';
import { CaseFormatError, type TableAdapter } from '../types';
import { record, stringMap } from './rolloutFixtures';

const adapter: TableAdapter = {
  test: 'TestCompare',
  evaluate(c) {
    const strategy = record(c.priorityStrategy, 'priorityStrategy') as UpdatePriorityStrategy;
    if (typeof c.tieBreakValue !== 'boolean') throw new CaseFormatError('tieBreakValue: expected a boolean');
    const iBeforeJ = comparePriority(strategy, stringMap(c.podILabels, 'podILabels'), stringMap(c.podJLabels, 'podJLabels'), c.tieBreakValue);
    return { iBeforeJ };
  },
};

export default adapter;
