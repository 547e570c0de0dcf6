// TestCalculateUpdateCount (kruise sync/cloneset_update_test.go): diff, then limitUpdateIndexes
// over the unsorted candidates (SPEC §10.4).
import { calculateDiffsWithExpectation } from '../../controller/diffs';
import { equalToRevisionHash } from '../../controller/podState';
import { limitUpdateIndexes } from '../../controller/updateLimit';
import { CaseFormatError, type TableAdapter } from '../types';
import {
  FIXTURE_NOW,
  UPDATE_REVISION,
  cloneSetFromFixture,
  currentRevisionFromFixture,
  gatesFromFixture,
  list,
  podFromFixture,
  record,
} from './rolloutFixtures';

const adapter: TableAdapter = {
  test: 'TestCalculateUpdateCount',
  evaluate(c) {
    const cloneSet = cloneSetFromFixture(c.cloneSet);
    const fixtures = list(c.pods, 'pods').map((p, i) => {
      const index = record(p, `pods[${i}]`).index ?? i;
      if (typeof index !== 'number') throw new CaseFormatError(`pods[${i}].index: expected a number`);
      return { index, pod: podFromFixture(p, `pod-${index}`) };
    });
    const pods = fixtures.sort((a, b) => a.index - b.index).map((f) => f.pod);
    const currentRevision = currentRevisionFromFixture(c);
    const minReadySeconds = cloneSet.spec.minReadySeconds ?? 0;

    const diffs = calculateDiffsWithExpectation({
      cloneSet,
      pods,
      currentRevision,
      updateRevision: UPDATE_REVISION,
      now: FIXTURE_NOW,
      featureGates: gatesFromFixture(c, { CloneSetPartitionRollback: true }),
      isPodUpdate: 'revisionLabelOnly',
    });

    // The Go test hands the candidates over unsorted: old pods to roll forward, updated pods to
    // roll back, in pod order.
    const forward = diffs.updateNum > 0;
    const targetRevision = forward ? UPDATE_REVISION : currentRevision;
    const waitUpdateIndexes =
      diffs.updateNum === 0 ? [] : pods.flatMap((pod, i) => (equalToRevisionHash(pod, UPDATE_REVISION) !== forward ? [i] : []));

    const allowed = limitUpdateIndexes({ pods, waitUpdateIndexes, diffs, targetRevision, minReadySeconds, now: FIXTURE_NOW });
    return { podsAllowedToUpdateThisRound: allowed.length };
  },
};

export default adapter;
