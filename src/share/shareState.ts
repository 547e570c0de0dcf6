// What a share link carries (DESIGN.md "Share links"): the editor text, the session's log of time
// moves and learner changes, the seed, the moment shown and the lesson. Version 1 of the format.
// Everything read from a link is checked here: a link is untrusted input.
import type { LogEntry, LearnerChange } from '../ui/playground/session';

export const SHARE_VERSION = 1;

export interface ShareStateV1 {
  v: 1;
  /** The editor's text (the file shown when the link was made). */
  text: string;
  /** The session's log, compacted (see compactLog). */
  log: LogEntry[];
  /** The cluster's seed. */
  seed: number;
  /** The moment shown, in virtual milliseconds. */
  ms: number;
  /** The lesson the learner was in, if any. */
  lesson?: string;
}

/** The cluster's recorded mutations a log may replay (Cluster's own input names). */
export const CALL_NAMES = ['scale', 'deletePod', 'labelPod', 'annotatePod', 'replacePod', 'deletePvc', 'replaceCloneSet', 'deleteCloneSet'] as const;

const MAX_LOG_ENTRIES = 100_000;
const MAX_STEPS = 10_000_000;
/** A day of virtual time: far beyond any lesson, small enough to replay. */
const MAX_MS = 86_400_000;
const LESSON_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class ShareFormatError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_MS;

function fail(message: string): never {
  throw new ShareFormatError(message);
}

function onlyKeys(o: Record<string, unknown>, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${where}: unknown field "${k}"`);
}

function readChange(v: unknown, where: string): LearnerChange {
  if (!isRecord(v)) fail(`${where}: not an object`);
  if (v.op === 'apply') {
    onlyKeys(v, ['op', 'text'], where);
    if (typeof v.text !== 'string') fail(`${where}: text is not a string`);
    return { op: 'apply', text: v.text };
  }
  if (v.op === 'call') {
    onlyKeys(v, ['op', 'name', 'args'], where);
    if (!(CALL_NAMES as readonly unknown[]).includes(v.name)) fail(`${where}: unknown call "${String(v.name)}"`);
    if (!Array.isArray(v.args) || v.args.length > 4) fail(`${where}: args is not a short list`);
    return { op: 'call', name: v.name as Extract<LearnerChange, { op: 'call' }>['name'], args: v.args };
  }
  fail(`${where}: unknown change "${String(v.op)}"`);
}

function readEntry(v: unknown, where: string): LogEntry {
  if (!isRecord(v)) fail(`${where}: not an object`);
  if (v.op === 'to') {
    onlyKeys(v, ['op', 'ms'], where);
    if (!isMs(v.ms)) fail(`${where}: ms is not a whole number of virtual milliseconds`);
    return { op: 'to', ms: v.ms };
  }
  if (v.op === 'steps') {
    onlyKeys(v, ['op', 'n'], where);
    if (!Number.isInteger(v.n) || (v.n as number) < 1 || (v.n as number) > MAX_STEPS) fail(`${where}: n is not a positive count`);
    return { op: 'steps', n: v.n as number };
  }
  if (v.op === 'change') {
    onlyKeys(v, ['op', 'ms', 'change'], where);
    if (!isMs(v.ms)) fail(`${where}: ms is not a whole number of virtual milliseconds`);
    return { op: 'change', ms: v.ms, change: readChange(v.change, `${where}.change`) };
  }
  fail(`${where}: unknown entry "${String(v.op)}"`);
}

/** Checks a decoded JSON value is a version-1 share state; throws ShareFormatError naming what is wrong. */
export function readShareState(v: unknown): ShareStateV1 {
  if (!isRecord(v)) fail('not an object');
  if (v.v !== SHARE_VERSION) fail(`unknown version ${JSON.stringify(v.v)}`);
  onlyKeys(v, ['v', 'text', 'log', 'seed', 'ms', 'lesson'], 'state');
  if (typeof v.text !== 'string') fail('text is not a string');
  if (!Array.isArray(v.log) || v.log.length > MAX_LOG_ENTRIES) fail('log is not a list');
  if (!Number.isInteger(v.seed) || (v.seed as number) < 0 || (v.seed as number) > 0xffffffff) fail('seed is not a whole number');
  if (!isMs(v.ms)) fail('ms is not a whole number of virtual milliseconds');
  if (v.lesson !== undefined && (typeof v.lesson !== 'string' || !LESSON_NAME.test(v.lesson))) fail('lesson is not a lesson name');
  const log = v.log.map((e, i) => readEntry(e, `log[${i}]`));
  let last = 0;
  for (const e of log) {
    if (e.op === 'steps') continue;
    if (e.ms < last) fail('log goes back in time');
    last = e.ms;
  }
  const state: ShareStateV1 = { v: 1, text: v.text, log, seed: v.seed as number, ms: v.ms };
  if (v.lesson !== undefined) state.lesson = v.lesson as string;
  return state;
}

/**
 * The same history in fewer entries. Between two changes, everything up to the last "advance to
 * ms" collapses into that one entry: steps fire the earliest timers first and an advance fires
 * every timer due up to its ms, so both reach the same timers in the same order. Steps after the
 * last advance stay (as one count): they may stop between timers due at the same moment.
 */
export function compactLog(log: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let run: LogEntry[] = [];
  const flush = () => {
    let lastTo = -1;
    run.forEach((e, i) => {
      if (e.op === 'to') lastTo = i;
    });
    if (lastTo >= 0) out.push({ ...(run[lastTo] as { op: 'to'; ms: number }) });
    const steps = run.slice(lastTo + 1).reduce((n, e) => n + (e.op === 'steps' ? e.n : 0), 0);
    if (steps > 0) out.push({ op: 'steps', n: steps });
    run = [];
  };
  for (const e of log) {
    if (e.op === 'change') {
      flush();
      out.push(structuredClone(e));
    } else run.push(e);
  }
  flush();
  return out;
}
