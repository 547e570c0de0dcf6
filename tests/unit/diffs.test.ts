import { describe, expect, it } from 'vitest';
import type { CloneSet, CloneSetUpdateStrategy, IntOrString, Pod } from '../../src/sim/api/types';
import {
  calculateDiffsWithExpectation,
  explainDiffs,
  resolveRolloutNumbers,
  tallyPods,
  type DiffInput,
} from '../../src/sim/controller/diffs';
import { withFeatureGates } from '../../src/sim/controller/featureGates';

const INT32_MAX = 2147483647;
const CURRENT = 'demo-5c6d7f';
const UPDATE = 'demo-8b9c4d';

interface CloneSetOptions extends CloneSetUpdateStrategy {
  replicas?: number;
  scaleMaxUnavailable?: IntOrString;
  minReadySeconds?: number;
  labels?: Record<string, string>;
  podsToDelete?: string[];
}

function cloneSet(o: CloneSetOptions = {}): CloneSet {
  const { replicas, scaleMaxUnavailable, minReadySeconds, labels, podsToDelete, ...updateStrategy } = o;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'demo', labels },
    spec: {
      replicas,
      minReadySeconds,
      template: { spec: { containers: [{ name: 'app', image: 'app:1' }] } },
      scaleStrategy: { maxUnavailable: scaleMaxUnavailable, podsToDelete },
      updateStrategy,
    },
  };
}

interface PodOptions {
  name?: string;
  revision?: 'old' | 'new';
  ready?: boolean;
  /** Virtual second at which Ready became True. */
  readySince?: number;
  lifecycle?: string;
  specifiedDelete?: boolean;
}

let podCounter = 0;
function pod({ name, revision = 'old', ready = true, readySince = 0, lifecycle, specifiedDelete }: PodOptions = {}): Pod {
  const labels: Record<string, string> = { 'controller-revision-hash': revision === 'new' ? UPDATE : CURRENT };
  if (lifecycle) labels['lifecycle.apps.kruise.io/state'] = lifecycle;
  if (specifiedDelete) labels['apps.kruise.io/specified-delete'] = 'true';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: name ?? `demo-${podCounter++}`, labels },
    spec: { containers: [{ name: 'app' }] },
    status: ready
      ? { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] }
      : {},
  };
}

const pods = (n: number, o: PodOptions = {}) => Array.from({ length: n }, () => pod(o));

function diff(cs: CloneSet, podList: Pod[], extra: Partial<DiffInput> = {}) {
  return calculateDiffsWithExpectation({
    cloneSet: cs,
    pods: podList,
    currentRevision: CURRENT,
    updateRevision: UPDATE,
    now: 100,
    featureGates: withFeatureGates({}),
    isPodUpdate: 'revisionLabelOnly',
    ...extra,
  });
}

describe('maxUnavailable rounding', () => {
  // 30% of 5 = 1.5: up while maxSurge is 0, down once surge is allowed, up again when paused
  // forces maxSurge to 0.
  it.each([
    [{ maxSurge: 0 }, 0, 2],
    [{ maxSurge: 1 }, 1, 1],
    [{ maxSurge: 1, paused: true }, 0, 2],
    [{ maxSurge: '10%' }, 1, 1], // maxSurge percent rounds up: 0.5 → 1
  ])('%j → maxSurge %i, maxUnavailable %i', (strategy, maxSurge, maxUnavailable) => {
    const n = resolveRolloutNumbers(cloneSet({ replicas: 5, maxUnavailable: '30%', ...strategy }));
    expect(n).toMatchObject({ maxSurge, maxUnavailable });
  });

  it('shows in the update budget', () => {
    const old = pods(5);
    expect(diff(cloneSet({ replicas: 5, maxUnavailable: '30%' }), old)).toMatchObject({ updateNum: 5, updateMaxUnavailable: 2 });
    expect(diff(cloneSet({ replicas: 5, maxUnavailable: '30%', maxSurge: 1 }), old)).toMatchObject({
      useSurge: 1,
      scaleUpNum: 1,
      updateNum: 5,
      updateMaxUnavailable: 1,
    });
    expect(diff(cloneSet({ replicas: 5, maxUnavailable: '30%', maxSurge: 1, paused: true }), old)).toMatchObject({
      useSurge: 0,
      scaleUpNum: 0,
      updateMaxUnavailable: 2,
    });
  });

  it('defaults to 20%, rounded up', () => {
    expect(resolveRolloutNumbers(cloneSet({ replicas: 3 })).maxUnavailable).toBe(1);
    expect(resolveRolloutNumbers(cloneSet({ replicas: 11 })).maxUnavailable).toBe(3);
  });
});

describe("the controller's legacy int-or-percent parser", () => {
  it('reads a bare number string as a percent', () => {
    expect(resolveRolloutNumbers(cloneSet({ replicas: 100, maxUnavailable: '5' })).maxUnavailable).toBe(5);
    expect(resolveRolloutNumbers(cloneSet({ replicas: 10, maxUnavailable: '5' })).maxUnavailable).toBe(1);
    expect(resolveRolloutNumbers(cloneSet({ replicas: 10, maxSurge: '50' })).maxSurge).toBe(5);
  });

  it('reads a fractional percent as 0', () => {
    const n = resolveRolloutNumbers(cloneSet({ replicas: 8, maxUnavailable: '12.5%', maxSurge: '12.5%', scaleMaxUnavailable: '12.5%' }));
    expect(n).toMatchObject({ maxUnavailable: 0, maxSurge: 0, scaleMaxUnavailable: 0 });
  });

  it('so a fractional scaleStrategy.maxUnavailable blocks every creation', () => {
    expect(diff(cloneSet({ replicas: 3, scaleMaxUnavailable: '12.5%' }), [])).toMatchObject({ scaleUpNum: 3, scaleUpLimit: 0 });
  });

  it('while the partition takes fractions and rejects bare numbers', () => {
    expect(resolveRolloutNumbers(cloneSet({ replicas: 8, partition: '12.5%' })).partition).toBe(1);
    const bad = resolveRolloutNumbers(cloneSet({ replicas: 8, partition: '5' }));
    expect(bad.partition).toBe(0);
    expect(bad.partitionError).toBeTypeOf('string');
  });
});

describe('int32 limits', () => {
  it('scales a huge CloneSet up in one go when scaleStrategy.maxUnavailable is unset', () => {
    expect(diff(cloneSet({ replicas: INT32_MAX }), [])).toEqual({
      scaleUpNum: INT32_MAX,
      scaleUpNumOldRevision: 0,
      scaleDownNum: 0,
      scaleDownNumOldRevision: 0,
      scaleUpLimit: INT32_MAX,
      deleteReadyLimit: 0,
      useSurge: 0,
      useSurgeOldRevision: 0,
      updateNum: 0,
      updateMaxUnavailable: 0,
    });
  });

  it('keeps every new pod old with partition = replicas = int32 max', () => {
    const d = diff(cloneSet({ replicas: INT32_MAX, partition: INT32_MAX }), []);
    expect(d).toMatchObject({ scaleUpNum: INT32_MAX, scaleUpNumOldRevision: INT32_MAX, scaleUpLimit: INT32_MAX });
    expect(resolveRolloutNumbers(cloneSet({ replicas: INT32_MAX })).maxUnavailable).toBe(429496730);
  });

  it('scaleStrategy.maxUnavailable int32 max minus unavailable pods', () => {
    const d = diff(cloneSet({ replicas: 4, scaleMaxUnavailable: INT32_MAX }), [pod({ revision: 'new', ready: false })]);
    expect(d).toMatchObject({ scaleUpNum: 3, scaleUpLimit: 3 });
  });
});

describe('counting pods', () => {
  it('counts podsToDelete names as specified-delete, outside the unavailable count', () => {
    const cs = cloneSet({ replicas: 3, podsToDelete: ['victim'] });
    const list = [pod({ name: 'victim', revision: 'new', ready: false }), ...pods(2, { revision: 'new' })];
    const t = tallyPods({ cloneSet: cs, pods: list, updateRevision: UPDATE, now: 100, featureGates: withFeatureGates({}), isPodUpdate: 'revisionLabelOnly' });
    expect(t.updated).toEqual({ total: 3, preDeleting: 0, active: 3, toDelete: 1, unavailable: 0 });
    expect(t.totalUnavailable).toBe(0);
    // deleteReadyLimit = maxUnavailable(1) + (3 − 3) − 0
    expect(diff(cs, list)).toMatchObject({ deleteReadyLimit: 1, scaleUpNum: 0, scaleDownNum: 0 });
  });

  it('uses minReadySeconds strictly: ready at 10 with 5 s is available after 15, not at 15', () => {
    const cs = cloneSet({ replicas: 1, minReadySeconds: 5 });
    const list = [pod({ revision: 'new', readySince: 10 })];
    const tally = (now: number) =>
      tallyPods({ cloneSet: cs, pods: list, updateRevision: UPDATE, now, featureGates: withFeatureGates({}), isPodUpdate: 'revisionLabelOnly' });
    expect(tally(15).updated.unavailable).toBe(1);
    expect(tally(15.5).updated.unavailable).toBe(0);
  });

  it('never counts a Ready pod outside lifecycle Normal as available', () => {
    const cs = cloneSet({ replicas: 2 });
    const t = tallyPods({
      cloneSet: cs,
      pods: [pod({ revision: 'new', lifecycle: 'PreparingNormal' }), pod({ revision: 'new', lifecycle: 'Normal' })],
      updateRevision: UPDATE,
      now: 100,
      featureGates: withFeatureGates({}),
      isPodUpdate: 'revisionLabelOnly',
    });
    expect(t.updated.unavailable).toBe(1);
  });

  it('counts PreparingUpdate as updated only in the scale variant with the gate on', () => {
    const cs = cloneSet({ replicas: 2, partition: 1 });
    const list = [pod({ lifecycle: 'PreparingUpdate' }), pod()];
    const updatedWith = (variant: DiffInput['isPodUpdate'], gate: boolean) =>
      tallyPods({ cloneSet: cs, pods: list, updateRevision: UPDATE, now: 100, featureGates: withFeatureGates({ PreparingUpdateAsUpdate: gate }), isPodUpdate: variant }).updated.total;
    expect(updatedWith('preparingUpdateCountsAsUpdate', true)).toBe(1);
    expect(updatedWith('preparingUpdateCountsAsUpdate', false)).toBe(0);
    expect(updatedWith('revisionLabelOnly', true)).toBe(0);
  });
});

describe('PreparingDelete pods and replicas', () => {
  const list = () => [pod({ revision: 'new', lifecycle: 'PreparingDelete' }), ...pods(2, { revision: 'new' })];

  it('count towards replicas by default', () => {
    expect(diff(cloneSet({ replicas: 3 }), list())).toMatchObject({ scaleUpNum: 0 });
  });

  it('are left out with the CloneSet label or the controller flag', () => {
    const labelled = cloneSet({ replicas: 3, labels: { 'apps.kruise.io/cloneset-scaling-exclude-preparing-delete': 'true' } });
    expect(diff(labelled, list())).toMatchObject({ scaleUpNum: 1, scaleUpLimit: 1 });
    expect(diff(cloneSet({ replicas: 3 }), list(), { scalingExcludePreparingDelete: true })).toMatchObject({ scaleUpNum: 1 });
  });

  it('only the exact label value "true" counts', () => {
    const cs = cloneSet({ replicas: 3, labels: { 'apps.kruise.io/cloneset-scaling-exclude-preparing-delete': 'True' } });
    expect(diff(cs, list())).toMatchObject({ scaleUpNum: 0 });
  });
});

describe('rollback', () => {
  const raised = () => cloneSet({ replicas: 4, partition: 4 });

  it('moves updated pods back only with CloneSetPartitionRollback and distinct revisions', () => {
    const list = pods(4, { revision: 'new' });
    const on = withFeatureGates({ CloneSetPartitionRollback: true });
    expect(diff(raised(), list, { featureGates: on })).toMatchObject({ updateNum: -4, updateMaxUnavailable: 1 });
    expect(diff(raised(), list)).toMatchObject({ updateNum: 0, updateMaxUnavailable: 0 });
    expect(diff(raised(), list, { featureGates: on, currentRevision: UPDATE })).toMatchObject({ updateNum: 0 });
  });

  it('explains the clamped diffs', () => {
    const e = explainDiffs({
      cloneSet: raised(),
      pods: pods(4, { revision: 'new' }),
      currentRevision: CURRENT,
      updateRevision: UPDATE,
      now: 0,
      featureGates: withFeatureGates({}),
      isPodUpdate: 'revisionLabelOnly',
    });
    expect(e).toMatchObject({ updateOldDiff: 0, updateNewDiff: 0, rollbackPossible: false, numbers: { partition: 4 } });
  });
});
