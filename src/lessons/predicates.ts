// The goal predicates: each reads its parameters from a goals file and judges a moment of the
// cluster against the moment the lesson started. They only read STATE (src/sim/state.ts); what
// the controller decided is already in it, nothing here decides anything again.
import type { ClusterState } from '../sim/state';
import { compare, FieldError, parseComparison, progressText, type Comparison } from './compare';
import { isRecord, mapping, optionalString, required, requiredString, type Params, type Path } from './params';
import { describePods, parsePodFilter, POD_FILTER_KEYS, selectPods, type PodFilter } from './podFilter';

export interface Text {
  en: string;
  zh: string;
}

/** What a goal is judged on: the start of the lesson, now, and whether anything is still pending. */
export interface GoalContext {
  start: ClusterState;
  current: ClusterState;
  atRest: boolean;
}

/** A predicate's answer: met or not, and the current value in words (never a bare "not yet"). */
export interface Verdict {
  met: boolean;
  value: Text;
}

type CloneSetState = ClusterState['cloneSets'][number];

export interface PredicateDefinition {
  keys: readonly string[];
  parse(v: unknown, path: Path): unknown;
  evaluate(params: never, ctx: GoalContext, cs: CloneSetState | undefined): Verdict;
}

const text = (en: string, zh: string): Text => ({ en, zh });
const count = (c: Comparison, actual: number, subject: Text): Verdict => {
  const p = progressText(actual, c);
  return { met: compare(actual, c), value: text(`${subject.en}: ${p.en}`, `${subject.zh}：${p.zh}`) };
};
const active = (s: ClusterState) => s.pods.filter((p) => !p.deleting);
const countOf = (p: Params, path: Path) => required(p, 'count', path, parseComparison);

/** The status fields kruise writes (numbers compare, revisions compare as text). */
const STATUS_FIELDS = [
  'observedGeneration', 'replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'updatedReadyReplicas',
  'updatedAvailableReplicas', 'expectedUpdatedReplicas', 'updateRevision', 'currentRevision', 'collisionCount', 'labelSelector',
];

/** Spec shorthands → paths in the stored (defaulted) spec. Any other dotted path works as written. */
const SPEC_SHORTHANDS: Record<string, string> = {
  paused: 'updateStrategy.paused',
  partition: 'updateStrategy.partition',
  maxUnavailable: 'updateStrategy.maxUnavailable',
  maxSurge: 'updateStrategy.maxSurge',
  type: 'updateStrategy.type',
  podsToDelete: 'scaleStrategy.podsToDelete',
};

/** What an absent field means in kruise's defaulted spec, so `paused: false` matches a spec without it. */
const ABSENT_MEANS: Record<string, unknown> = { 'updateStrategy.paused': false, 'updateStrategy.partition': 0, 'updateStrategy.maxSurge': 0 };

function readPath(obj: unknown, dotted: string): unknown {
  let v: unknown = obj;
  for (const part of dotted.split('.')) v = isRecord(v) ? v[part] : Array.isArray(v) && /^\d+$/.test(part) ? v[Number(part)] : undefined;
  return v;
}

type FieldTest = { kind: 'compare'; c: Comparison } | { kind: 'equal'; value: unknown };

function fieldTest(v: unknown, path: Path): FieldTest {
  if (typeof v === 'number' || (typeof v === 'string' && /^\s*(>=|<=|!=|==|=|>|<)\s*-?\d/.test(v))) return { kind: 'compare', c: parseComparison(v, path) };
  if (typeof v === 'string' || typeof v === 'boolean' || v === null || Array.isArray(v)) return { kind: 'equal', value: v };
  throw new FieldError(path, 'expected a number, a comparison, text, true/false or a list');
}

function judgeField(label: string, actual: unknown, test: FieldTest): Verdict {
  const shown = actual === undefined ? text('not set', '未设置') : text(JSON.stringify(actual), JSON.stringify(actual));
  if (test.kind === 'compare' && typeof actual === 'number') return count(test.c, actual, text(label, label));
  // The goal's label says what is wanted; the value shows what there is now.
  const met = test.kind === 'equal' && JSON.stringify(actual ?? null) === JSON.stringify(test.value);
  return { met, value: text(`${label}: ${shown.en}`, `${label}：${shown.zh}`) };
}

function all(verdicts: Verdict[]): Verdict {
  return {
    met: verdicts.every((v) => v.met),
    value: text(verdicts.map((v) => v.value.en).join('; '), verdicts.map((v) => v.value.zh).join('；')),
  };
}

const noCloneSet: Verdict = { met: false, value: text('no CloneSet yet', '还没有 CloneSet') };

const podCount: PredicateDefinition = {
  keys: [...POD_FILTER_KEYS, 'count'],
  parse: (v, path) => {
    const p = mapping(v, path, podCount.keys);
    return { filter: parsePodFilter(p, path), count: countOf(p, path) };
  },
  evaluate: (params: { filter: PodFilter; count: Comparison }, ctx, cs) =>
    count(params.count, selectPods(params.filter, ctx.current, cs).length, describePods(params.filter)),
};

const status: PredicateDefinition = {
  keys: STATUS_FIELDS,
  parse: (v, path) => {
    const p = mapping(v, path, STATUS_FIELDS);
    if (Object.keys(p).length === 0) throw new FieldError(path, 'name at least one status field');
    return Object.entries(p).map(([field, want]) => ({ field, test: fieldTest(want, [...path, field]) }));
  },
  evaluate: (params: { field: string; test: FieldTest }[], _ctx, cs) =>
    cs ? all(params.map(({ field, test }) => judgeField(`status.${field}`, (cs.status as Record<string, unknown>)[field] ?? (test.kind === 'compare' ? 0 : undefined), test))) : noCloneSet,
};

const spec: PredicateDefinition = {
  keys: [],
  parse: (v, path) => {
    if (!isRecord(v) || Object.keys(v).length === 0) throw new FieldError(path, 'expected a mapping of spec fields (paused, partition, image, replicas, updateStrategy.type, …) to values');
    const container = v.container;
    if (container !== undefined && typeof container !== 'string') throw new FieldError([...path, 'container'], 'container: expected a container name');
    return Object.entries(v)
      .filter(([k]) => k !== 'container')
      .map(([field, want]) => ({ field, container, test: fieldTest(want, [...path, field]) }));
  },
  evaluate: (params: { field: string; container?: string; test: FieldTest }[], _ctx, cs) => {
    if (!cs) return noCloneSet;
    return all(
      params.map(({ field, container, test }) => {
        if (field === 'image') {
          const containers = cs.spec.template.spec.containers;
          const c = container ? containers.find((x) => x.name === container) : containers[0];
          return judgeField(`image${container ? ` (${container})` : ''}`, c?.image, test);
        }
        const dotted = SPEC_SHORTHANDS[field] ?? field;
        const actual = readPath(cs.spec, dotted) ?? ABSENT_MEANS[dotted];
        return judgeField(`spec.${dotted}`, actual, test);
      }),
    );
  },
};

const podsKeptNames: PredicateDefinition = {
  keys: [],
  parse: (v, path) => mapping(v, path, []),
  evaluate: (_p: Params, ctx) => {
    const now = new Set(active(ctx.current).map((p) => p.name));
    const before = active(ctx.start);
    const kept = before.filter((p) => now.has(p.name)).length;
    return { met: kept === before.length, value: text(`pods from the start still here by name: ${kept} of ${before.length}`, `开始时的 Pod 按名字仍在：${kept}/${before.length}`) };
  },
};

const noPodRecreated: PredicateDefinition = {
  keys: [],
  parse: (v, path) => mapping(v, path, []),
  evaluate: (_p: Params, ctx) => {
    const now = new Map(active(ctx.current).map((p) => [p.name, p.uid]));
    const before = active(ctx.start);
    const same = before.filter((p) => now.get(p.name) === p.uid).length;
    return {
      met: same === before.length,
      value: text(`pods never deleted or recreated: ${same} of ${before.length}`, `未被删除或重建的 Pod：${same}/${before.length}`),
    };
  },
};

const restartCount: PredicateDefinition = {
  keys: [...POD_FILTER_KEYS, 'count'],
  parse: (v, path) => {
    const p = mapping(v, path, restartCount.keys);
    return { filter: parsePodFilter({ revision: 'update', ...p }, path), count: countOf(p, path) };
  },
  evaluate: (params: { filter: PodFilter; count: Comparison }, ctx, cs) => {
    const pods = selectPods(params.filter, ctx.current, cs);
    const good = pods.filter((p) => p.containers.every((c) => compare(c.restartCount, params.count))).length;
    const op = params.count.op === '=' ? '' : `${params.count.op.replace('>=', '≥').replace('<=', '≤').replace('!=', '≠')} `;
    const who = describePods(params.filter);
    const times = params.count.value === 1 && op === '' ? 'once' : `${op}${params.count.value} times`;
    return {
      met: pods.length > 0 && good === pods.length,
      value: text(`${who.en} restarted ${times}: ${good} of ${pods.length}`, `${who.zh} 中，重启次数${op || '为 '}${params.count.value} 的：${good}/${pods.length}`),
    };
  },
};

function eventTotal(state: ClusterState, f: { reason: string; object?: string; type?: string }): number {
  return state.events
    .filter((e) => e.reason === f.reason && (f.type === undefined || e.type === f.type) && (f.object === undefined || e.object === f.object || e.object.startsWith(`${f.object}/`)))
    .reduce((n, e) => n + e.count, 0);
}

const events: PredicateDefinition = {
  keys: ['reason', 'count', 'object', 'type', 'since'],
  parse: (v, path) => {
    const p = mapping(v, path, events.keys);
    const since = p.since ?? 'start';
    if (since !== 'start' && since !== 'beginning') throw new FieldError([...path, 'since'], 'since: expected start (default) or beginning');
    return { reason: requiredString(p, 'reason', path), object: optionalString(p, 'object', path), type: optionalString(p, 'type', path), since, count: countOf(p, path) };
  },
  evaluate: (params: { reason: string; object?: string; type?: string; since: string; count: Comparison }, ctx) => {
    const n = eventTotal(ctx.current, params) - (params.since === 'start' ? eventTotal(ctx.start, params) : 0);
    const when = params.since === 'start' ? text(' since the start', '（自开始以来）') : text('', '');
    return count(params.count, n, text(`${params.reason} events${when.en}`, `${params.reason} 事件${when.zh}`));
  },
};

const pvcCount: PredicateDefinition = {
  keys: ['count', 'phase'],
  parse: (v, path) => {
    const p = mapping(v, path, pvcCount.keys);
    return { phase: optionalString(p, 'phase', path), count: countOf(p, path) };
  },
  evaluate: (params: { phase?: string; count: Comparison }, ctx) => {
    const n = ctx.current.pvcs.filter((c) => !c.deleting && (params.phase === undefined || c.phase === params.phase)).length;
    return count(params.count, n, params.phase ? text(`${params.phase} PVCs`, `${params.phase} 状态的 PVC`) : text('PVCs', 'PVC'));
  },
};

const pvcsKept: PredicateDefinition = {
  keys: [],
  parse: (v, path) => mapping(v, path, []),
  evaluate: (_p: Params, ctx) => {
    const now = new Set(ctx.current.pvcs.filter((c) => !c.deleting).map((c) => c.name));
    const before = ctx.start.pvcs.filter((c) => !c.deleting);
    const kept = before.filter((c) => now.has(c.name)).length;
    return { met: kept === before.length && before.length > 0, value: text(`PVCs from the start still here: ${kept} of ${before.length}`, `开始时的 PVC 仍在：${kept}/${before.length}`) };
  },
};

const atRest: PredicateDefinition = {
  keys: [],
  parse: (v, path) => mapping(v, path, []),
  evaluate: (_p: Params, ctx) =>
    ctx.atRest ? { met: true, value: text('nothing is pending', '没有进行中的动作') } : { met: false, value: text('the cluster is still moving', '集群仍在变化中') },
};

const rolloutComplete: PredicateDefinition = {
  keys: [],
  parse: (v, path) => mapping(v, path, []),
  evaluate: (_p: Params, _ctx, cs) => {
    if (!cs) return noCloneSet;
    const s = cs.status;
    const want = cs.spec.replicas ?? 1;
    const done =
      s.observedGeneration === cs.generation && s.replicas === want && s.updatedReplicas === want && s.updatedReadyReplicas === want && s.currentRevision === s.updateRevision;
    return {
      met: done,
      value: text(`updated and ready: ${s.updatedReadyReplicas ?? 0} of ${want}${s.currentRevision === s.updateRevision ? '' : ', currentRevision not yet the update revision'}`, `已更新且就绪：${s.updatedReadyReplicas ?? 0}/${want}${s.currentRevision === s.updateRevision ? '' : '，currentRevision 尚未变为 updateRevision'}`),
    };
  },
};

const pod: PredicateDefinition = {
  keys: ['name', 'start', 'exists'],
  parse: (v, path) => {
    const p = mapping(v, path, pod.keys);
    const name = optionalString(p, 'name', path);
    const start = p.start;
    if ((name === undefined) === (start === undefined)) throw new FieldError(path, 'give either name (a pod name) or start (the index of a pod at the start, 0 = the oldest)');
    if (start !== undefined && (typeof start !== 'number' || !Number.isInteger(start) || start < 0)) throw new FieldError([...path, 'start'], 'start: expected a pod index from 0');
    const exists = p.exists ?? true;
    if (typeof exists !== 'boolean') throw new FieldError([...path, 'exists'], 'exists: expected true or false');
    return { name, start, exists };
  },
  evaluate: (params: { name?: string; start?: number; exists: boolean }, ctx) => {
    const name = params.name ?? active(ctx.start)[params.start!]?.name;
    if (name === undefined) return { met: false, value: text(`there was no pod number ${params.start} at the start`, `开始时没有第 ${params.start} 个 Pod`) };
    const startUid = ctx.start.pods.find((p) => p.name === name)?.uid;
    const live = active(ctx.current).find((p) => p.name === name);
    // With PVCs a replacement pod reuses the old name: only the same object counts as "still there".
    const there = live !== undefined && (params.name !== undefined || live.uid === startUid);
    return {
      met: there === params.exists,
      value: there ? text(`pod ${name} exists`, `Pod ${name} 存在`) : text(`pod ${name} is gone`, `Pod ${name} 已不存在`),
    };
  },
};

const condition: PredicateDefinition = {
  keys: ['type', 'status', 'reason'],
  parse: (v, path) => {
    const p = mapping(v, path, condition.keys);
    return { type: requiredString(p, 'type', path), status: optionalString(p, 'status', path), reason: optionalString(p, 'reason', path) };
  },
  evaluate: (params: { type: string; status?: string; reason?: string }, _ctx, cs) => {
    if (!cs) return noCloneSet;
    const c = cs.status.conditions?.find((x) => x.type === params.type);
    const met = c !== undefined && (params.status === undefined || c.status === params.status) && (params.reason === undefined || c.reason === params.reason);
    return {
      met,
      value: c ? text(`condition ${c.type}: ${c.status}${c.reason ? ` (${c.reason})` : ''}`, `条件 ${c.type}：${c.status}${c.reason ? `（${c.reason}）` : ''}`) : text(`no ${params.type} condition`, `没有 ${params.type} 条件`),
    };
  },
};

/** Every predicate a goals file may use, by name. */
export const PREDICATES: Record<string, PredicateDefinition> = {
  podCount,
  status,
  spec,
  podsKeptNames,
  noPodRecreated,
  restartCount,
  events,
  pvcCount,
  pvcsKept,
  atRest,
  rolloutComplete,
  pod,
  condition,
};
