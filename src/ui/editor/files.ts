// The editor's files as plain data: the learner's own files (saved in localStorage) and read-only
// "stored object" views. Pure functions over arrays, so the panel can keep them in $state.raw and
// tests can check every rule without a DOM.

export interface EditorFile {
  name: string;
  text: string;
  /** A view of a stored object (or an embed's fixed text): not editable, not saved. */
  readonly: boolean;
}

export const DEFAULT_FILE = 'cloneset.yaml';
/** Names as `kubectl apply -f NAME` can say them: no spaces, no slashes. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type NameProblem = 'empty' | 'invalid' | 'taken';

/** Why a name cannot be used for a new or renamed file, or undefined when it can. */
export function fileNameProblem(name: string, files: readonly EditorFile[], renaming?: string): NameProblem | undefined {
  if (name.trim() === '') return 'empty';
  if (!NAME_PATTERN.test(name)) return 'invalid';
  if (files.some((f) => f.name === name && f.name !== renaming)) return 'taken';
  return undefined;
}

/** The first free `untitled-N.yaml`. */
export function newFileName(files: readonly EditorFile[]): string {
  for (let n = 1; ; n++) {
    const name = `untitled-${n}.yaml`;
    if (!files.some((f) => f.name === name)) return name;
  }
}

export function addFile(files: readonly EditorFile[], file: EditorFile): EditorFile[] {
  return [...files.filter((f) => f.name !== file.name), file];
}

export function renameFile(files: readonly EditorFile[], from: string, to: string): EditorFile[] {
  return files.map((f) => (f.name === from ? { ...f, name: to } : f));
}

export function setFileText(files: readonly EditorFile[], name: string, text: string): EditorFile[] {
  return files.map((f) => (f.name === name && !f.readonly ? { ...f, text } : f));
}

/** Closing the last editable file leaves an empty `cloneset.yaml`: there is always somewhere to type. */
export function closeFile(files: readonly EditorFile[], name: string): EditorFile[] {
  const rest = files.filter((f) => f.name !== name);
  return rest.some((f) => !f.readonly) ? rest : [{ name: DEFAULT_FILE, text: '', readonly: false }, ...rest];
}

// ---- saving -------------------------------------------------------------------------------------

/** What is kept in localStorage: the editable files and which one was open. */
interface SavedV1 {
  version: 1;
  files: { name: string; text: string }[];
  active: string;
}

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'loaded'; files: EditorFile[]; active: string }
  /** There was something, but not a save of ours: it is ignored (and left in place). */
  | { kind: 'corrupt' };

export function serializeFiles(files: readonly EditorFile[], active: string): string {
  const saved: SavedV1 = { version: 1, files: files.filter((f) => !f.readonly).map(({ name, text }) => ({ name, text })), active };
  return JSON.stringify(saved);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a save; anything malformed (bad JSON, wrong shapes, bad or duplicate names) is `corrupt`. */
export function parseSavedFiles(raw: string | null): LoadResult {
  if (raw === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt' };
  }
  if (!isRecord(value) || value.version !== 1 || !Array.isArray(value.files) || typeof value.active !== 'string') return { kind: 'corrupt' };
  const files: EditorFile[] = [];
  for (const f of value.files) {
    if (!isRecord(f) || typeof f.name !== 'string' || typeof f.text !== 'string') return { kind: 'corrupt' };
    if (fileNameProblem(f.name, files) !== undefined) return { kind: 'corrupt' };
    files.push({ name: f.name, text: f.text, readonly: false });
  }
  if (files.length === 0) return { kind: 'corrupt' };
  const active = files.some((f) => f.name === value.active) ? value.active : files[0].name;
  return { kind: 'loaded', files, active };
}

/** The part of the Storage API the editor uses (localStorage, or a fake in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function loadFiles(storage: KeyValueStore | null, key: string | null): LoadResult {
  if (!storage || key === null) return { kind: 'none' };
  try {
    return parseSavedFiles(storage.getItem(key));
  } catch {
    // Storage itself can throw (disabled cookies, privacy modes): nothing to load.
    return { kind: 'none' };
  }
}

export type SaveResult = 'saved' | 'skipped' | 'failed' | 'tooLarge';

/**
 * The most text (UTF-16 code units, all files together) a save is attempted for. Browsers keep
 * about five million code units per site in localStorage: a larger save would fail anyway, after
 * turning megabytes into JSON on the page's main thread.
 */
export const SAVE_MAX_CHARS = 2 * 1024 * 1024;

/**
 * Writes the save; 'failed' when the browser refuses (quota exceeded, storage disabled),
 * 'tooLarge' (nothing written) when the files hold more than SAVE_MAX_CHARS.
 */
export function saveFiles(storage: KeyValueStore | null, key: string | null, files: readonly EditorFile[], active: string): SaveResult {
  if (!storage || key === null) return 'skipped';
  if (files.reduce((n, f) => n + (f.readonly ? 0 : f.text.length), 0) > SAVE_MAX_CHARS) return 'tooLarge';
  try {
    storage.setItem(key, serializeFiles(files, active));
    return 'saved';
  } catch {
    return 'failed';
  }
}

/**
 * Saves at most once per `delayMs` after the last change, and at once on `flush` (page hide).
 * Timers are passed in so tests run on fake ones.
 */
export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => SaveResult) | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly onResult: (r: SaveResult) => void,
    // Arrow functions: the browser's timers refuse to be called as methods of another object.
    private readonly timers: { set: (f: () => void, ms: number) => ReturnType<typeof setTimeout>; clear: (id: ReturnType<typeof setTimeout>) => void } = {
      set: (f, ms) => setTimeout(f, ms),
      clear: (id) => clearTimeout(id),
    },
  ) {}

  schedule(save: () => SaveResult): void {
    this.pending = save;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const save = this.pending;
    this.pending = undefined;
    if (save) this.onResult(save());
  }

  dispose(): void {
    this.flush();
  }
}

/** A name from elsewhere (`kubectl edit cloneset/x`) made into a valid file name. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return cleaned === '' ? 'file.yaml' : cleaned;
}
