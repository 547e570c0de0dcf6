// Goal predicates on hand-built states: what each one counts, and the words it reports.
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { evaluateGoals, parseGoals } from '../../src/lessons/goals';
import { parseComparison, progressText } from '../../src/lessons/compare';
import type { ClusterState, PodState } from '../../src/sim/state';

const pod = (name: string, f: Partial<PodState> & { restarts?: number } = {}): PodState => ({
  name, uid: `uid-${name}`, node: 'node-1', ip: null, phase: 'Running', ready: true, deleting: false, revision: 'web-new',
  lifecycleState: 'Normal', labels: {}, createdAt: 0, containers: [{ name: 'nginx', image: 'nginx', ready: true, restartCount: f.restarts ?? 0, state: 'running' }], ...f,
});

const state = (pods: PodState[], extra: Partial<ClusterState> = {}): ClusterState => ({
  time: 0,
  cloneSets: [{ name: 'web', generation: 2, spec: { replicas: 3, selector: {}, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, updateStrategy: { partition: 1 } } as never,
    status: { observedGeneration: 2, replicas: 3, updatedReplicas: 2, updateRevision: 'web-new', currentRevision: 'web-old' } as never }],
  pods, pvcs: [], revisions: [{ name: 'web-old', revision: 1 }, { name: 'web-new', revision: 2 }], events: [], ...extra,
});

const judge = (goalsYaml: string, start: ClusterState, current: ClusterState, atRest = true) =>
  evaluateGoals(parseGoals(yaml.load(`goals:\n${goalsYaml}`)), { start, current, atRest }).map((r) => [r.met, r.value.en, r.value.zh]);

const start = state([pod('a', { revision: 'web-old' }), pod('b', { revision: 'web-old' }), pod('c', { revision: 'web-old' })]);
const now = state([pod('a', { revision: 'web-old' }), pod('b', { restarts: 1 }), pod('d', { ready: false }), pod('c', { deleting: true })], {
  events: [{ time: 1, type: 'Normal', reason: 'SuccessfulDelete', object: 'CloneSet/web', source: 'cloneset-controller', message: 'x', count: 2 }],
});
const label = '  - label: {en: x, zh: 某}\n';

describe('comparisons', () => {
  it.each([
    [2, { op: '=', value: 2 }], ['>= 2', { op: '>=', value: 2 }], ['<=1', { op: '<=', value: 1 }], ['== 3', { op: '=', value: 3 }], ['!= 0', { op: '!=', value: 0 }],
  ])('%j', (text, parsed) => expect(parseComparison(text, ['count'])).toEqual(parsed));

  it('shows progress towards an exact count, and the target otherwise', () => {
    expect(progressText(1, { op: '=', value: 2 })).toEqual({ en: '1 of 2', zh: '1/2' });
    expect(progressText(3, { op: '=', value: 2 })).toEqual({ en: '3 (want 2)', zh: '3（目标 2）' });
    expect(progressText(0, { op: '>=', value: 1 })).toEqual({ en: '0 (want ≥ 1)', zh: '0（目标 ≥ 1）' });
  });
});

describe('predicates', () => {
  it.each([
    ['pods by revision', '    podCount: {revision: update, count: 2}', [true, 'pods at the update revision: 2 of 2', '已更新到新版本的 Pod：2/2']],
    ['pods by revision number', '    podCount: {revision: 1, count: 1}', [true, 'pods at revision 1: 1 of 1', '处于版本 1 的 Pod：1/1']],
    ['ready pods', '    podCount: {ready: true, count: 2}', [true, 'ready pods: 2 of 2', '已就绪的 Pod：2/2']],
    ['terminating pods', '    podCount: {deleting: true, count: 1}', [true, 'terminating pods: 1 of 1', '正在删除的 Pod：1/1']],
    ['a status field', '    status: {updatedReplicas: ">= 2"}', [true, 'status.updatedReplicas: 2 (want ≥ 2)', 'status.updatedReplicas：2（目标 ≥ 2）']],
    ['a spec shorthand', '    spec: {partition: 1, paused: false}', [true, 'spec.updateStrategy.partition: 1 of 1; spec.updateStrategy.paused: false', 'spec.updateStrategy.partition：1/1；spec.updateStrategy.paused：false']],
    ['names kept', '    podsKeptNames: {}', [false, 'pods from the start still here by name: 2 of 3', '开始时的 Pod 按名字仍在：2/3']],
    ['restarts of updated pods', '    restartCount: {count: 1}', [false, 'pods at the update revision restarted once: 1 of 2', '已更新到新版本的 Pod 中，重启次数为 1 的：1/2']],
    ['events since the start', '    events: {reason: SuccessfulDelete, count: 2}', [true, 'SuccessfulDelete events since the start: 2 of 2', 'SuccessfulDelete 事件（自开始以来）：2/2']],
    ['a start pod deleted', '    pod: {start: 2, exists: false}', [true, 'pod c is gone', 'Pod c 已不存在']],
    ['a named pod', '    pod: {name: d}', [true, 'pod d exists', 'Pod d 存在']],
    ['not at rest', '    atRest: {}', [false, 'the cluster is still moving', '集群仍在变化中']],
    ['a rollout underway', '    rolloutComplete: {}', [false, 'updated and ready: 0 of 3, currentRevision not yet the update revision', '已更新且就绪：0/3，currentRevision 尚未变为 updateRevision']],
    ['any of two', '    any:\n      - podCount: {count: 9}\n      - podCount: {count: 3}', [true, 'pods: 3 of 9; pods: 3 of 3', 'Pod：3/9；Pod：3/3']],
    ['not', '    not:\n      podCount: {revision: old, count: 0}', [true, 'pods not yet at the update revision: 1 (want 0)', '仍是旧版本的 Pod：1（目标 0）']],
  ])('%s', (_name, check, expected) => {
    expect(judge(label + check + '\n', start, now, false)).toEqual([expected]);
  });

  it('no pod recreated: a pod that came back under its old name is still a new pod', () => {
    const back = state([pod('a', { uid: 'new' }), pod('b'), pod('c')]);
    expect(judge(`${label}    noPodRecreated: {}\n`, start, back)).toEqual([[false, 'pods never deleted or recreated: 2 of 3', '未被删除或重建的 Pod：2/3']]);
    expect(judge(`${label}    podsKeptNames: {}\n`, start, back)[0][0]).toBe(true);
  });

  it('a CloneSet goal before any CloneSet exists says so', () => {
    expect(judge(`${label}    spec: {replicas: 3}\n`, start, state([], { cloneSets: [] }))).toEqual([[false, 'no CloneSet yet', '还没有 CloneSet']]);
  });
});
