// TestScale (kruise sync/cloneset_scale_test.go): one scale step (SPEC §9.1) — did it act, and how
// many active pods are left once its creations and deletions are applied.
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_LIFECYCLE_STATE, LABEL_SPECIFIED_DELETE } from '../../api/constants';
import type { Pod, PodPhase } from '../../api/types';
import { Rng } from '../../rng';
import { scaleStep } from '../../controller/scaleStep';
import { CaseFormatError, type TableAdapter } from '../types';
import {
  OLD_REVISION,
  UPDATE_REVISION,
  cloneSetFromFixture,
  currentRevisionFromFixture,
  gatesFromFixture,
  list,
  optionalNumber,
  record,
} from './rolloutFixtures';

/** Any instant late enough that `now − readyForSeconds` stays positive. */
const NOW = 1_000_000;

const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** A fixture pod: `revision` new/old, `phase`, `ready` for `readyForSeconds`, lifecycle, specified-delete. */
function podFromScaleFixture(v: unknown, index: number): Pod {
  const f = record(v, `pods[${index}]`);
  if (f.revision !== 'new' && f.revision !== 'old') throw new CaseFormatError(`pods[${index}].revision: expected "new" or "old"`);
  const name = typeof f.name === 'string' ? f.name : `sample-${index}`;
  const labels: Record<string, string> = { [LABEL_CONTROLLER_REVISION_HASH]: f.revision === 'new' ? UPDATE_REVISION : OLD_REVISION };
  if (typeof f.lifecycleState === 'string' && f.lifecycleState !== '') labels[LABEL_LIFECYCLE_STATE] = f.lifecycleState;
  if (f.specifiedDelete === true) labels[LABEL_SPECIFIED_DELETE] = 'true';
  const phase = f.phase ?? 'Running';
  if (typeof phase !== 'string' || !PHASES.includes(phase)) throw new CaseFormatError(`pods[${index}].phase: unknown phase ${JSON.stringify(phase)}`);
  const readyFor = optionalNumber(f.readyForSeconds, `pods[${index}].readyForSeconds`) ?? 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'main', image: 'sample:v1' }] },
    status: {
      phase: phase as PodPhase,
      conditions: f.ready === true ? [{ type: 'Ready', status: 'True', lastTransitionTime: NOW - readyFor }] : [],
    },
  };
}

const adapter: TableAdapter = {
  test: 'TestScale',
  evaluate(c) {
    const cloneSet = cloneSetFromFixture(c.cloneSet);
    const pods = list(c.pods, 'pods').map(podFromScaleFixture);
    const plan = scaleStep({
      cloneSet,
      currentRevision: currentRevisionFromFixture(c),
      updateRevision: UPDATE_REVISION,
      pods,
      pvcs: [],
      now: NOW,
      featureGates: gatesFromFixture(c),
      rng: new Rng(1),
    });
    return {
      modified: plan.modified,
      activePodsAfter: pods.length - plan.podsToDelete.length + plan.creations.length,
    };
  },
};

export default adapter;
