// A learner's progress through the course, kept in the browser's localStorage: which lessons are
// done, how many hints each took, whether its solution was shown, and the lesson visited last.
// The saved form is versioned JSON. Whatever is found under the key — corrupt text, another
// program's data, a newer version — is never trusted: it is moved aside under a second key (so
// nothing is lost) and the learner starts afresh with a notice. Every update is a pure function
// returning a new Progress; the page saves it.

export const PROGRESS_KEY = 'cloneset-playground.progress';
/** Where unreadable saved progress is moved, untouched. */
export const SET_ASIDE_KEY = 'cloneset-playground.progress.set-aside';
export const PROGRESS_FORMAT = 'cloneset-playground-progress';
export const PROGRESS_VERSION = 1;

/** More than this many characters of saved or imported progress is not read. */
export const MAX_PROGRESS_CHARS = 256 * 1024;
const MAX_LESSONS = 500;
const MAX_HINTS = 1000;
const LESSON_NAME = /^\d\d-[a-z0-9-]{1,80}$/;

export type Lang = 'en' | 'zh';

export interface LessonProgress {
  /** When all goals were first met (ISO time), or null. */
  doneAt: string | null;
  /** Hints revealed so far (the most ever revealed). */
  hintsUsed: number;
  solutionShown: boolean;
  /** When the lesson was last opened (ISO time). */
  visitedAt: string | null;
}

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
  lastVisited: { lesson: string; lang: Lang; at: string } | null;
}

export type LessonState = 'new' | 'started' | 'done';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const emptyProgress = (): Progress => ({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons: {}, lastVisited: null });

const emptyLesson = (): LessonProgress => ({ doneAt: null, hintsUsed: 0, solutionShown: false, visitedAt: null });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const timeOrNull = (v: unknown): string | null | undefined => (v === null || v === undefined ? null : isTime(v) ? v : undefined);

/** Why a text is not progress: a short English reason for the notice. */
export type ProgressProblem = 'not JSON' | 'not progress of this site' | 'a newer version' | 'damaged' | 'too large';

/** Reads progress from its saved or exported text; every field is checked. */
export function parseProgress(text: string): { ok: true; progress: Progress } | { ok: false; problem: ProgressProblem } {
  if (text.length > MAX_PROGRESS_CHARS) return { ok: false, problem: 'too large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (!isRecord(value) || value.format !== PROGRESS_FORMAT) return { ok: false, problem: 'not progress of this site' };
  if (typeof value.version === 'number' && value.version > PROGRESS_VERSION) return { ok: false, problem: 'a newer version' };
  if (value.version !== PROGRESS_VERSION || !isRecord(value.lessons)) return { ok: false, problem: 'damaged' };
  const entries = Object.entries(value.lessons);
  if (entries.length > MAX_LESSONS) return { ok: false, problem: 'damaged' };
  const lessons: Record<string, LessonProgress> = {};
  for (const [name, raw] of entries) {
    if (!LESSON_NAME.test(name) || !isRecord(raw)) return { ok: false, problem: 'damaged' };
    const doneAt = timeOrNull(raw.doneAt);
    const visitedAt = timeOrNull(raw.visitedAt);
    const hints = raw.hintsUsed;
    if (doneAt === undefined || visitedAt === undefined || typeof raw.solutionShown !== 'boolean') return { ok: false, problem: 'damaged' };
    if (typeof hints !== 'number' || !Number.isInteger(hints) || hints < 0 || hints > MAX_HINTS) return { ok: false, problem: 'damaged' };
    lessons[name] = { doneAt, hintsUsed: hints, solutionShown: raw.solutionShown, visitedAt };
  }
  let lastVisited: Progress['lastVisited'] = null;
  const last = value.lastVisited;
  if (last !== null && last !== undefined) {
    if (!isRecord(last) || typeof last.lesson !== 'string' || !LESSON_NAME.test(last.lesson) || (last.lang !== 'en' && last.lang !== 'zh') || !isTime(last.at)) {
      return { ok: false, problem: 'damaged' };
    }
    lastVisited = { lesson: last.lesson, lang: last.lang, at: last.at };
  }
  return { ok: true, progress: { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons, lastVisited } };
}

export const serializeProgress = (p: Progress): string => JSON.stringify(p);

export type LoadResult = { progress: Progress; setAside: ProgressProblem | null };

/**
 * The saved progress, or a fresh one. Unreadable saved text is moved to SET_ASIDE_KEY (kept as it
 * was) and `setAside` says why; storage that throws counts as nothing saved.
 */
export function loadProgress(storage: KeyValueStore | null): LoadResult {
  let text: string | null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return { progress: emptyProgress(), setAside: null };
  }
  if (text === null) return { progress: emptyProgress(), setAside: null };
  const parsed = parseProgress(text);
  if (parsed.ok) return { progress: parsed.progress, setAside: null };
  try {
    storage?.setItem(SET_ASIDE_KEY, text);
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // Storage refused (full or blocked): the bad text stays where it is and is read past again.
  }
  return { progress: emptyProgress(), setAside: parsed.problem };
}

/** Writes the progress; false when the browser refuses (quota, privacy mode). */
export function saveProgress(storage: KeyValueStore | null, p: Progress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROGRESS_KEY, serializeProgress(p));
    return true;
  } catch {
    return false;
  }
}

// ---- updates (pure) ---------------------------------------------------------------------------

function withLesson(p: Progress, name: string, change: (l: LessonProgress) => LessonProgress): Progress {
  const lesson = change(p.lessons[name] ?? emptyLesson());
  return { ...p, lessons: { ...p.lessons, [name]: lesson } };
}

export const lessonState = (p: Progress, name: string): LessonState => {
  const l = p.lessons[name];
  if (!l) return 'new';
  return l.doneAt !== null ? 'done' : 'started';
};

export const markVisited = (p: Progress, name: string, lang: Lang, at: string): Progress => ({
  ...withLesson(p, name, (l) => ({ ...l, visitedAt: at })),
  lastVisited: { lesson: name, lang, at },
});

/** All goals met: the first time is kept. */
export const markDone = (p: Progress, name: string, at: string): Progress => withLesson(p, name, (l) => (l.doneAt !== null ? l : { ...l, doneAt: at }));

export const recordHints = (p: Progress, name: string, shown: number): Progress =>
  withLesson(p, name, (l) => ({ ...l, hintsUsed: Math.min(MAX_HINTS, Math.max(l.hintsUsed, Math.floor(shown))) }));

export const recordSolutionShown = (p: Progress, name: string): Progress => withLesson(p, name, (l) => ({ ...l, solutionShown: true }));

export function resetLesson(p: Progress, name: string): Progress {
  const lessons = { ...p.lessons };
  delete lessons[name];
  return { ...p, lessons, lastVisited: p.lastVisited?.lesson === name ? null : p.lastVisited };
}

export const resetAll = (): Progress => emptyProgress();

/** A file name for an export taken at `at` (ISO time). */
export const exportFileName = (at: string): string => `cloneset-playground-progress-${at.slice(0, 10)}.json`;

/** The export file's text: the saved form, indented for people. */
export const exportProgress = (p: Progress): string => `${JSON.stringify(p, null, 2)}\n`;
