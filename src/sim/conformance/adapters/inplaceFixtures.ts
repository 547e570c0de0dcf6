// Fixture shorthand of the in-place and update tables (conformance/README.md: inplace-*.json,
// update.json) turned into real objects, and the objects turned back into the tables' notation:
// - conditions as text: "True", "False (StartInPlaceUpdate)", "True (lastTransitionTime=now)";
// - annotations holding JSON given as objects, with times as "updateStartedSecondsAgo=N";
// - in expectations, a time equal to the one before is "unchanged", the evaluation instant is
//   "now" (or "clock now"), a removed key is "REMOVED", and JSON nulls are not listed.
import type { Container, ContainerStatus, Pod, PodCondition } from '../../api/types';
import { toRFC3339 } from '../../api/virtualTime';
import { CaseFormatError } from '../types';

/** The instant the fixtures are evaluated at; later than any "seconds ago" they use. */
export const FIXTURE_NOW = 100_000;

const SECONDS_AGO = /^updateStartedSecondsAgo=(\d+(?:\.\d+)?)$/;
const TIME_KEYS = new Set(['updateTimestamp', 'timestamp']);

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replaces the "…SecondsAgo=N" shorthand inside an annotation's JSON by RFC 3339 text. */
function withRealTimes(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withRealTimes(v, now));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRealTimes(v, now)]));
  if (typeof value === 'string') {
    const m = SECONDS_AGO.exec(value);
    if (m) return toRFC3339(now - Number(m[1]));
  }
  return value;
}

/** Annotation values: objects become their JSON text, strings stay. */
export function annotationsFromFixture(v: unknown, now: number): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new CaseFormatError('annotations: expected an object');
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, typeof val === 'string' ? val : JSON.stringify(withRealTimes(val, now))]));
}

/** "False (reason X, lastTransitionTime=now)" → a condition; a bare word in brackets is the reason. */
export function conditionFromText(type: string, text: unknown, now: number): PodCondition {
  if (typeof text !== 'string') throw new CaseFormatError(`conditions.${type}: expected a string`);
  const m = /^(True|False|Unknown)(?: \((.*)\))?$/.exec(text.trim());
  if (!m) throw new CaseFormatError(`conditions.${type}: cannot read ${JSON.stringify(text)}`);
  const condition: PodCondition = { type, status: m[1] as PodCondition['status'] };
  for (const part of (m[2] ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.includes('=') ? part.split('=', 2) : part.startsWith('reason ') ? ['reason', part.slice(7)] : ['reason', part];
    if (key === 'reason') condition.reason = value;
    else if (key === 'lastTransitionTime' && /now$/.test(value)) condition.lastTransitionTime = now;
  }
  return condition;
}

export function conditionsFromFixture(v: unknown, now: number): PodCondition[] {
  if (v === undefined || v === null) return [];
  if (!isRecord(v)) throw new CaseFormatError('conditions: expected an object');
  return Object.entries(v).map(([type, text]) => conditionFromText(type, text, now));
}

const sameCondition = (a: PodCondition | undefined, b: PodCondition) =>
  !!a && a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '') && a.lastTransitionTime === b.lastTransitionTime;

/** Conditions after, keyed by type: unchanged ones as the fixture wrote them, changed ones spelled out. */
export function renderConditions(before: PodCondition[], beforeText: Record<string, unknown>, after: PodCondition[], now: number, nowWord: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of after) {
    const old = before.find((b) => b.type === c.type);
    if (sameCondition(old, c) && typeof beforeText[c.type] === 'string') {
      out[c.type] = beforeText[c.type] as string;
      continue;
    }
    const parts: string[] = [];
    if (c.reason) parts.push(`reason ${c.reason}`);
    if (c.lastTransitionTime === now && old?.lastTransitionTime !== now) parts.push(`lastTransitionTime=${nowWord}`);
    out[c.type] = parts.length > 0 ? `${c.status} (${parts.join(', ')})` : c.status;
  }
  return out;
}

function renderJson(after: unknown, before: unknown, key: string, now: number, nowWord: string): unknown {
  if (TIME_KEYS.has(key) && typeof after === 'string') {
    if (after === before) return 'unchanged';
    if (after === toRFC3339(now)) return nowWord;
    return after;
  }
  if (Array.isArray(after)) return after.map((v, i) => renderJson(v, Array.isArray(before) ? before[i] : undefined, '', now, nowWord));
  if (isRecord(after)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after)) {
      if (v === null) continue;
      out[k] = renderJson(v, isRecord(before) ? before[k] : undefined, k, now, nowWord);
    }
    return out;
  }
  return after;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One annotation after, relative to before: JSON shown as an object (keys gone from it "REMOVED"). */
export function renderAnnotation(before: string | undefined, after: string, now: number, nowWord: string): unknown {
  const a = parseJson(after);
  const b = parseJson(before);
  if (!isRecord(a)) return after;
  const out = renderJson(a, b, '', now, nowWord) as Record<string, unknown>;
  if (isRecord(b)) for (const k of Object.keys(b)) if (!(k in a) && b[k] !== null) out[k] = 'REMOVED';
  return out;
}

/** Annotations after, relative to before; "REMOVED" for deleted keys. */
export function renderAnnotations(before: Record<string, string>, after: Record<string, string>, now: number, nowWord: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) out[k] = renderAnnotation(before[k], v, now, nowWord);
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = 'REMOVED';
  return out;
}

function list(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new CaseFormatError(`${what}: expected a list`);
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new CaseFormatError(`${what}: expected a string`);
  return v;
}

export function containerStatusesFromFixture(v: unknown): ContainerStatus[] {
  return list(v, 'containerStatuses').map((s, i) => {
    if (!isRecord(s)) throw new CaseFormatError(`containerStatuses[${i}]: expected an object`);
    const status: ContainerStatus = {
      name: text(s.name, `containerStatuses[${i}].name`),
      image: typeof s.image === 'string' ? s.image : '',
      imageID: typeof s.imageID === 'string' ? s.imageID : '',
      ready: s.ready === true,
      restartCount: 0,
    };
    if (typeof s.containerID === 'string') status.containerID = s.containerID;
    return status;
  });
}

export function containersFromFixture(v: unknown): Container[] {
  return list(v, 'containers').map((c, i) => {
    if (!isRecord(c)) throw new CaseFormatError(`containers[${i}]: expected an object`);
    return { ...c, name: text(c.name, `containers[${i}].name`) } as Container;
  });
}

/** A pod of the in-place tables: readinessGates, annotations, containers, containerStatuses, conditions. */
export function podFromFixture(v: unknown, now: number): Pod {
  if (!isRecord(v)) throw new CaseFormatError('pod: expected an object');
  const gates = list(v.readinessGates, 'pod.readinessGates').map((g) => ({ conditionType: text(g, 'pod.readinessGates[]') }));
  const annotations = annotationsFromFixture(v.annotations, now);
  const labels = isRecord(v.labels) ? (v.labels as Record<string, string>) : undefined;
  const containerStatuses = containerStatusesFromFixture(v.containerStatuses);
  const conditions = conditionsFromFixture(v.conditions, now);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod-0', ...(labels ? { labels } : {}), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: { containers: containersFromFixture(v.containers), ...(gates.length > 0 ? { readinessGates: gates } : {}) },
    status: { ...(containerStatuses.length > 0 ? { containerStatuses } : {}), ...(v.conditions !== undefined ? { conditions } : {}) },
  };
}
