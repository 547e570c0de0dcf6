import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addFile,
  Autosaver,
  closeFile,
  fileNameProblem,
  loadFiles,
  newFileName,
  parseSavedFiles,
  renameFile,
  SAVE_MAX_CHARS,
  saveFiles,
  serializeFiles,
  setFileText,
  type EditorFile,
  type KeyValueStore,
} from '../../src/ui/editor/files';

const file = (name: string, text = '', readonly = false): EditorFile => ({ name, text, readonly });

function memoryStorage(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => void (data[k] = v) };
}

describe('editor files', () => {
  it('names new files untitled-N.yaml and checks names as kubectl apply -f would use them', () => {
    const files = [file('cloneset.yaml'), file('untitled-1.yaml')];
    expect(newFileName(files)).toBe('untitled-2.yaml');
    expect(fileNameProblem('', files)).toBe('empty');
    expect(fileNameProblem('my file.yaml', files)).toBe('invalid');
    expect(fileNameProblem('../x.yaml', files)).toBe('invalid');
    expect(fileNameProblem('cloneset.yaml', files)).toBe('taken');
    expect(fileNameProblem('cloneset.yaml', files, 'cloneset.yaml')).toBeUndefined();
    expect(fileNameProblem('canary.yaml', files)).toBeUndefined();
  });

  it('adds, renames, edits and closes; closing the last editable file leaves an empty one', () => {
    let files = [file('cloneset.yaml', 'a')];
    files = addFile(files, file('pods/nginx-2-abcde.yaml', 'stored', true));
    files = setFileText(files, 'pods/nginx-2-abcde.yaml', 'changed');
    expect(files[1].text).toBe('stored');
    files = renameFile(setFileText(files, 'cloneset.yaml', 'b'), 'cloneset.yaml', 'canary.yaml');
    expect(files.map((f) => [f.name, f.text])).toEqual([['canary.yaml', 'b'], ['pods/nginx-2-abcde.yaml', 'stored']]);
    files = closeFile(files, 'canary.yaml');
    expect(files.map((f) => [f.name, f.text, f.readonly])).toEqual([['cloneset.yaml', '', false], ['pods/nginx-2-abcde.yaml', 'stored', true]]);
  });

  it('saves only the editable files and reads them back', () => {
    const storage = memoryStorage();
    const files = [file('cloneset.yaml', 'one'), file('b.yaml', 'two'), file('stored.yaml', 'x', true)];
    expect(saveFiles(storage, 'k', files, 'b.yaml')).toBe('saved');
    expect(loadFiles(storage, 'k')).toEqual({ kind: 'loaded', files: files.slice(0, 2), active: 'b.yaml' });
    expect(saveFiles(storage, null, files, 'b.yaml')).toBe('skipped');
    expect(loadFiles(storage, null)).toEqual({ kind: 'none' });
    expect(loadFiles(memoryStorage(), 'k')).toEqual({ kind: 'none' });
  });

  it('does not try to save more text than browsers keep, and leaves the last save in place', () => {
    const storage = memoryStorage({ k: 'earlier' });
    const big = [file('a.yaml', 'x'.repeat(SAVE_MAX_CHARS - 10)), file('b.yaml', 'y'.repeat(11))];
    expect(saveFiles(storage, 'k', big, 'a.yaml')).toBe('tooLarge');
    expect(storage.data.k).toBe('earlier');
    // read-only views are not saved, so they do not count
    expect(saveFiles(storage, 'k', [big[0], file('stored.yaml', 'z'.repeat(100), true)], 'a.yaml')).toBe('saved');
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['another shape', '{"hello":"world"}'],
    ['a future version', JSON.stringify({ version: 2, files: [], active: 'a' })],
    ['a file without text', JSON.stringify({ version: 1, files: [{ name: 'a.yaml' }], active: 'a.yaml' })],
    ['a bad file name', JSON.stringify({ version: 1, files: [{ name: '../a', text: '' }], active: '../a' })],
    ['duplicate names', JSON.stringify({ version: 1, files: [{ name: 'a.yaml', text: '' }, { name: 'a.yaml', text: '' }], active: 'a.yaml' })],
    ['no files', JSON.stringify({ version: 1, files: [], active: 'a.yaml' })],
    ['null', 'null'],
  ])('treats %s as corrupt, never as files', (_what, raw) => {
    expect(parseSavedFiles(raw)).toEqual({ kind: 'corrupt' });
  });

  it('opens the first file when the saved active one is gone', () => {
    const raw = JSON.stringify({ version: 1, files: [{ name: 'a.yaml', text: 'x' }], active: 'gone.yaml' });
    expect(parseSavedFiles(raw)).toMatchObject({ kind: 'loaded', active: 'a.yaml' });
  });

  it('reports storage that refuses, instead of throwing', () => {
    const full: KeyValueStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(saveFiles(full, 'k', [file('a.yaml', 'x'.repeat(10))], 'a.yaml')).toBe('failed');
    expect(loadFiles(full, 'k')).toEqual({ kind: 'none' });
  });

  it('serializes the same files to the same text', () => {
    expect(serializeFiles([file('a.yaml', 'x')], 'a.yaml')).toBe('{"version":1,"files":[{"name":"a.yaml","text":"x"}],"active":"a.yaml"}');
  });
});

describe('autosave', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('saves once, after the typing pauses, and at once on flush', () => {
    const results: string[] = [];
    const storage = memoryStorage();
    const saver = new Autosaver(500, (r) => results.push(r));
    for (const text of ['a', 'ab', 'abc']) {
      saver.schedule(() => saveFiles(storage, 'k', [file('a.yaml', text)], 'a.yaml'));
      vi.advanceTimersByTime(200);
    }
    expect(results).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(results).toEqual(['saved']);
    expect(parseSavedFiles(storage.data.k)).toMatchObject({ files: [{ text: 'abc' }] });
    saver.schedule(() => saveFiles(storage, 'k', [file('a.yaml', 'abcd')], 'a.yaml'));
    saver.flush();
    expect(results).toEqual(['saved', 'saved']);
    vi.advanceTimersByTime(1000);
    expect(results).toHaveLength(2);
  });
});

describe('names from elsewhere', () => {
  it('become valid file names', async () => {
    const { safeFileName } = await import('../../src/ui/editor/files');
    expect(safeFileName('cloneset/nginx-2.yaml')).toBe('cloneset-nginx-2.yaml');
    expect(safeFileName('../../x y.yaml')).toBe('x-y.yaml');
    expect(safeFileName('///')).toBe('file.yaml');
    expect(fileNameProblem(safeFileName('a'.repeat(300)), [])).toBeUndefined();
  });
});
