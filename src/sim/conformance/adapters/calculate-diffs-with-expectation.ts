// TestCalculateDiffsWithExpectation (kruise sync/cloneset_sync_utils_test.go): the diff plan of
// SPEC §8 for a CloneSet and its pods.
import { calculateDiffsWithExpectation, type IsPodUpdateVariant } from '../../controller/diffs';
import { CaseFormatError, type TableAdapter } from '../types';
import {
  FIXTURE_NOW,
  UPDATE_REVISION,
  cloneSetFromFixture,
  currentRevisionFromFixture,
  gatesFromFixture,
  list,
  podFromFixture,
} from './rolloutFixtures';

function variant(v: unknown): IsPodUpdateVariant {
  if (v === undefined || v === null || v === 'revisionLabelOnly') return 'revisionLabelOnly';
  if (v === 'preparingUpdateCountsAsUpdate') return v;
  throw new CaseFormatError(`isPodUpdate: unknown variant ${JSON.stringify(v)}`);
}

const adapter: TableAdapter = {
  test: 'TestCalculateDiffsWithExpectation',
  evaluate(c) {
    const cloneSet = cloneSetFromFixture(c.cloneSet);
    const pods = list(c.pods, 'pods').map((p, i) => podFromFixture(p, `pod-${i}`));
    const d = calculateDiffsWithExpectation({
      cloneSet,
      pods,
      currentRevision: currentRevisionFromFixture(c),
      updateRevision: UPDATE_REVISION,
      now: FIXTURE_NOW,
      // The Go test turns PreparingUpdateAsUpdate on and CloneSetPartitionRollback on by default.
      featureGates: gatesFromFixture(c, { PreparingUpdateAsUpdate: true, CloneSetPartitionRollback: true }),
      isPodUpdate: variant(c.isPodUpdate),
    });
    return {
      scaleUpNum: d.scaleUpNum,
      scaleUpNumOldRevision: d.scaleUpNumOldRevision,
      scaleDownNum: d.scaleDownNum,
      scaleDownNumOldRevision: d.scaleDownNumOldRevision,
      scaleUpLimit: d.scaleUpLimit,
      deleteReadyLimit: d.deleteReadyLimit,
      useSurge: d.useSurge,
      useSurgeOldRevision: d.useSurgeOldRevision,
      updateNum: d.updateNum,
      updateMaxUnavailable: d.updateMaxUnavailable,
    };
  },
};

export default adapter;
