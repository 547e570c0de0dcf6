// The page's view of the learner's progress: loaded once, saved on each change, and refreshed
// when another tab of the site changes it.
import {
  exportProgress, loadProgress, markDone, markVisited, parseProgress, PROGRESS_KEY, recordHints, recordSolutionShown, resetAll, resetLesson, saveProgress,
  type KeyValueStore, type Lang, type Progress, type ProgressProblem,
} from './progress';

function browserStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const nowIso = () => new Date().toISOString();

export class ProgressStore {
  progress = $state.raw<Progress>(loadProgress(null).progress);
  /** Why saved progress was set aside at load, shown once. */
  setAside = $state<ProgressProblem | null>(null);
  readonly #storage = browserStorage();

  constructor() {
    const loaded = loadProgress(this.#storage);
    this.progress = loaded.progress;
    this.setAside = loaded.setAside;
    globalThis.addEventListener?.('storage', (e: StorageEvent) => {
      if (e.key !== PROGRESS_KEY) return;
      const parsed = e.newValue === null ? null : parseProgress(e.newValue);
      if (e.newValue === null) this.progress = resetAll();
      else if (parsed?.ok) this.progress = parsed.progress;
    });
  }

  #set(p: Progress): void {
    this.progress = p;
    saveProgress(this.#storage, p);
  }

  visited(lesson: string, lang: Lang): void {
    this.#set(markVisited(this.progress, lesson, lang, nowIso()));
  }
  done(lesson: string): void {
    if (this.progress.lessons[lesson]?.doneAt) return;
    this.#set(markDone(this.progress, lesson, nowIso()));
  }
  hints(lesson: string, shown: number): void {
    if ((this.progress.lessons[lesson]?.hintsUsed ?? 0) >= shown) return;
    this.#set(recordHints(this.progress, lesson, shown));
  }
  solutionShown(lesson: string): void {
    this.#set(recordSolutionShown(this.progress, lesson));
  }
  resetLesson(lesson: string): void {
    this.#set(resetLesson(this.progress, lesson));
  }
  resetAll(): void {
    this.#set(resetAll());
  }
  /** Replaces the progress with a file's, or says why not (the progress is then unchanged). */
  import(text: string): ProgressProblem | null {
    const parsed = parseProgress(text);
    if (!parsed.ok) return parsed.problem;
    this.#set(parsed.progress);
    return null;
  }
  exportText(): string {
    return exportProgress(this.progress);
  }
}
