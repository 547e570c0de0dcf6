// Adapter for progressing-condition.json (kruise TestSyncProgressingStatus, SPEC §15.3): builds the
// CloneSet and the freshly counted status (with any carried-over condition), runs
// calculateProgressingStatus and reports the Progressing condition's status and reason, plus the
// message the controller writes with it.
import type { CloneSet, CloneSetCondition, CloneSetStatus } from '../../api/types';
import { fromRFC3339 } from '../../api/rfc3339';
import { VIRTUAL_EPOCH_UNIX_SECONDS } from '../../api/virtualTime';
import { getCloneSetCondition } from '../../controller/conditions';
import { calculateProgressingStatus, CONDITION_PROGRESSING } from '../../controller/progressing';
import { CaseFormatError, type TableAdapter, type TableCase } from '../types';

// The Go test compares with the wall clock; the fixtures' timestamps are years before it. Virtual
// time 0 is mid-2026, after every fixture date.
const NOW = 0;

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CaseFormatError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}

/** "now", "unix 10s + 0ns (long ago)", "2025-07-20T11:00:00 local (long ago)" → virtual seconds. */
function fixtureTime(v: unknown, what: string): number {
  const text = String(v).trim();
  if (text === 'now') return NOW;
  const unix = /^unix (\d+)s \+ (\d+)ns\b/.exec(text);
  if (unix) return Number(unix[1]) + Number(unix[2]) / 1e9 - VIRTUAL_EPOCH_UNIX_SECONDS;
  const date = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(text);
  const seconds = date ? fromRFC3339(`${date[1]}Z`) : undefined;
  if (seconds === undefined) throw new CaseFormatError(`${what}: unreadable time ${JSON.stringify(v)}`);
  return seconds;
}

function conditionFromFixture(v: unknown, what: string): CloneSetCondition {
  const c = record(v, what);
  const time = c.lastUpdateTime === undefined ? NOW : fixtureTime(c.lastUpdateTime, `${what}.lastUpdateTime`);
  return {
    type: typeof c.type === 'string' ? c.type : CONDITION_PROGRESSING,
    status: String(c.status ?? '') as CloneSetCondition['status'],
    reason: typeof c.reason === 'string' ? c.reason : undefined,
    message: typeof c.message === 'string' ? c.message : undefined,
    lastUpdateTime: time,
    lastTransitionTime: c.lastTransitionTime === undefined ? time : fixtureTime(c.lastTransitionTime, `${what}.lastTransitionTime`),
  };
}

function statusFromFixture(v: unknown, what: string): CloneSetStatus {
  const s = record(v ?? {}, what);
  const conditions = Array.isArray(s.conditions) ? s.conditions.map((c, i) => conditionFromFixture(c, `${what}.conditions[${i}]`)) : [];
  return { ...(s as CloneSetStatus), conditions };
}

function cloneSetFromFixture(v: unknown, oldStatus: CloneSetStatus): CloneSet {
  const f = record(v, 'cloneSet');
  const num = (x: unknown) => (typeof x === 'number' ? x : undefined);
  const partition = typeof f.partition === 'number' || typeof f.partition === 'string' ? f.partition : undefined;
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default' },
    spec: {
      replicas: num(f.replicas),
      selector: { matchLabels: { app: 'sample' } },
      template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'main', image: 'main:v1' }] } },
      progressDeadlineSeconds: num(f.progressDeadlineSeconds),
      minReadySeconds: num(f.minReadySeconds),
      updateStrategy: { partition, paused: f.paused === true },
    },
    status: oldStatus,
  };
}

const adapter: TableAdapter = {
  test: 'TestSyncProgressingStatus',
  evaluate(c: TableCase) {
    const cs = cloneSetFromFixture(c.cloneSet, statusFromFixture(c.oldStatus, 'oldStatus'));
    const { status } = calculateProgressingStatus(cs, statusFromFixture(c.newStatusBeforeCondition, 'newStatusBeforeCondition'), NOW);
    const condition = getCloneSetCondition(status, CONDITION_PROGRESSING);
    if (!condition) return { progressingCondition: null };
    return { progressingCondition: { status: condition.status, reason: condition.reason, messageInFixture: condition.message } };
  },
};

export default adapter;
