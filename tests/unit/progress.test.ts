import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyProgress, exportProgress, lessonState, loadProgress, markDone, markVisited, parseProgress, PROGRESS_KEY, recordHints, recordSolutionShown,
  resetAll, resetLesson, saveProgress, serializeProgress, SET_ASIDE_KEY, type KeyValueStore,
} from '../../src/ui/site/progress';

/** An in-memory localStorage; `refuse` makes every write throw, as a full or blocked store does. */
function memoryStore(initial: Record<string, string> = {}, refuse = false): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (refuse) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => {
      if (refuse) throw new Error('SecurityError');
      data.delete(k);
    },
  };
}

const T1 = '2025-03-01T10:00:00.000Z';
const T2 = '2025-03-02T11:30:00.000Z';

describe('progress updates', () => {
  it('walks a lesson from new to started to done, keeping the first completion time', () => {
    let p = emptyProgress();
    expect(lessonState(p, '01-create-cloneset')).toBe('new');
    p = markVisited(p, '01-create-cloneset', 'zh', T1);
    expect(lessonState(p, '01-create-cloneset')).toBe('started');
    expect(p.lastVisited).toEqual({ lesson: '01-create-cloneset', lang: 'zh', at: T1 });
    p = markDone(p, '01-create-cloneset', T1);
    p = markDone(p, '01-create-cloneset', T2);
    expect(lessonState(p, '01-create-cloneset')).toBe('done');
    expect(p.lessons['01-create-cloneset'].doneAt).toBe(T1);
  });

  it('counts the most hints ever revealed and remembers a shown solution', () => {
    let p = recordHints(emptyProgress(), '05-partition-canary', 2);
    p = recordHints(p, '05-partition-canary', 1);
    p = recordSolutionShown(p, '05-partition-canary');
    expect(p.lessons['05-partition-canary']).toMatchObject({ hintsUsed: 2, solutionShown: true, doneAt: null });
  });

  it('resets one lesson (and the last visit when it pointed there) or everything', () => {
    let p = markVisited(markDone(emptyProgress(), '01-create-cloneset', T1), '02-scale-and-pvcs', 'en', T2);
    p = markDone(p, '02-scale-and-pvcs', T2);
    const one = resetLesson(p, '02-scale-and-pvcs');
    expect(lessonState(one, '02-scale-and-pvcs')).toBe('new');
    expect(lessonState(one, '01-create-cloneset')).toBe('done');
    expect(one.lastVisited).toBeNull();
    expect(resetAll()).toEqual(emptyProgress());
  });

  it('does not change the progress it was given', () => {
    const p = emptyProgress();
    markDone(markVisited(p, '01-create-cloneset', 'en', T1), '01-create-cloneset', T1);
    expect(p).toEqual(emptyProgress());
  });
});

describe('saved progress', () => {
  it('round-trips through storage and through an exported file', () => {
    const store = memoryStore();
    const p = recordHints(markDone(markVisited(emptyProgress(), '03-selective-delete', 'en', T1), '03-selective-delete', T2), '03-selective-delete', 3);
    expect(saveProgress(store, p)).toBe(true);
    expect(loadProgress(store)).toEqual({ progress: p, setAside: null });
    expect(parseProgress(exportProgress(p))).toEqual({ ok: true, progress: p });
  });

  it('starts afresh with nothing saved, without storage, and when storage throws', () => {
    expect(loadProgress(memoryStore())).toEqual({ progress: emptyProgress(), setAside: null });
    expect(loadProgress(null)).toEqual({ progress: emptyProgress(), setAside: null });
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(loadProgress(throwing)).toEqual({ progress: emptyProgress(), setAside: null });
    expect(saveProgress(memoryStore({}, true), emptyProgress())).toBe(false);
  });

  it.each([
    ['not JSON', '{"format": "cloneset-playground-progress", "versi', 'not JSON'],
    ['another program’s data', '{"theme":"dark","items":[1,2,3]}', 'not progress of this site'],
    ['a JSON array', '[1,2,3]', 'not progress of this site'],
    ['a newer version', '{"format":"cloneset-playground-progress","version":2,"lessons":{}}', 'a newer version'],
    ['a lesson entry of the wrong shape', '{"format":"cloneset-playground-progress","version":1,"lessons":{"01-a":{"doneAt":5}},"lastVisited":null}', 'damaged'],
    ['a lesson name that is markup', '{"format":"cloneset-playground-progress","version":1,"lessons":{"<img src=x onerror=alert(1)>":{"doneAt":null,"hintsUsed":0,"solutionShown":false,"visitedAt":null}},"lastVisited":null}', 'damaged'],
    ['a negative hint count', '{"format":"cloneset-playground-progress","version":1,"lessons":{"01-a":{"doneAt":null,"hintsUsed":-1,"solutionShown":false,"visitedAt":null}},"lastVisited":null}', 'damaged'],
    ['a last visit in an unknown language', '{"format":"cloneset-playground-progress","version":1,"lessons":{},"lastVisited":{"lesson":"01-a","lang":"fr","at":"2025-01-01T00:00:00Z"}}', 'damaged'],
  ])('sets aside %s with a reason, keeping the text, and starts afresh', (_what, text, problem) => {
    const store = memoryStore({ [PROGRESS_KEY]: text });
    const loaded = loadProgress(store);
    expect(loaded).toEqual({ progress: emptyProgress(), setAside: problem });
    expect(store.data.get(SET_ASIDE_KEY)).toBe(text);
    expect(store.data.has(PROGRESS_KEY)).toBe(false);
    // the next visit finds nothing wrong
    expect(loadProgress(store).setAside).toBeNull();
  });

  it('still starts afresh when the bad text cannot be moved aside', () => {
    const store = memoryStore({ [PROGRESS_KEY]: 'garbage' }, true);
    expect(loadProgress(store)).toEqual({ progress: emptyProgress(), setAside: 'not JSON' });
  });

  it('refuses an oversized file before parsing it', () => {
    const huge = `{"format":"cloneset-playground-progress","version":1,"lessons":{},"pad":"${'x'.repeat(300_000)}"}`;
    expect(parseProgress(huge)).toEqual({ ok: false, problem: 'too large' });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ format: 'cloneset-playground-progress', version: 1, lessons: v }))), (text) => {
        const store = memoryStore({ [PROGRESS_KEY]: text });
        const loaded = loadProgress(store);
        expect(loaded.progress.format).toBe('cloneset-playground-progress');
        // what loads saves and loads back the same
        saveProgress(store, loaded.progress);
        expect(loadProgress(store).progress).toEqual(loaded.progress);
      }),
      { numRuns: 300 },
    );
  });

  it('serializes to the versioned format', () => {
    expect(JSON.parse(serializeProgress(emptyProgress()))).toEqual({ format: 'cloneset-playground-progress', version: 1, lessons: {}, lastVisited: null });
  });
});
