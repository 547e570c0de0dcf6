// Every table adapter, one per kruise test table (file name = table file name).
import type { TableAdapter } from './types';
import activePodsSorting from './adapters/active-pods-sorting';
import calculateDiffsWithExpectation from './adapters/calculate-diffs-with-expectation';
import calculatePartitionReplicas from './adapters/calculate-partition-replicas';
import createPods from './adapters/create-pods';
import deletePods from './adapters/delete-pods';
import getActiveRevisions from './adapters/get-active-revisions';
import getOrGenAvailableIds from './adapters/get-or-gen-available-ids';
import inplaceCalculateSpec from './adapters/inplace-calculate-spec';
import inplaceCheckCompleted from './adapters/inplace-check-completed';
import inplaceRefresh from './adapters/inplace-refresh';
import inplaceVctHash from './adapters/inplace-vct-hash';
import inplaceVerticalScalingSpec from './adapters/inplace-vertical-scaling-spec';
import lifecycleIsPodAllHooked from './adapters/lifecycle-is-pod-all-hooked';
import lifecycleIsPodHooked from './adapters/lifecycle-is-pod-hooked';
import limitUpdateIndexes from './adapters/limit-update-indexes';
import priorityCompare from './adapters/priority-compare';
import prioritySort from './adapters/priority-sort';
import progressingCondition from './adapters/progressing-condition';
import sameNodeRanker from './adapters/same-node-ranker';
import scale from './adapters/scale';
import scatterGenerateRules from './adapters/scatter-generate-rules';
import scatterPodsByRule from './adapters/scatter-pods-by-rule';
import scatterSort from './adapters/scatter-sort';
import sortUpdateIndexes from './adapters/sort-update-indexes';
import spreadConstraintsRanker from './adapters/spread-constraints-ranker';
import syncCloneset from './adapters/sync-cloneset';
import update from './adapters/update';
import validation from './adapters/validation';

export const ADAPTERS: TableAdapter[] = [
  activePodsSorting,
  calculateDiffsWithExpectation,
  calculatePartitionReplicas,
  createPods,
  deletePods,
  getActiveRevisions,
  getOrGenAvailableIds,
  inplaceCalculateSpec,
  inplaceCheckCompleted,
  inplaceRefresh,
  inplaceVctHash,
  inplaceVerticalScalingSpec,
  lifecycleIsPodAllHooked,
  lifecycleIsPodHooked,
  limitUpdateIndexes,
  priorityCompare,
  prioritySort,
  progressingCondition,
  sameNodeRanker,
  scale,
  scatterGenerateRules,
  scatterPodsByRule,
  scatterSort,
  sortUpdateIndexes,
  spreadConstraintsRanker,
  syncCloneset,
  update,
  validation,
];
