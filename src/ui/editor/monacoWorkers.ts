// Monaco's label-based worker factory (what its own JSON/HTML/TS language services use, and what
// monaco-yaml asks `editor.createWebWorker` for): the worker comes from
// MonacoEnvironment.getWorker(label), then receives its create data. Written here rather than
// imported from monaco-editor's internal module, which also imports every editor feature.
import type * as Monaco from 'monaco-editor';

export interface LabelledWorkerOptions {
  label?: string;
  moduleId?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

export type LabelledWorkerFactory = <T extends object>(opts: LabelledWorkerOptions) => Monaco.editor.MonacoWebWorker<T>;

export function labelledWorkerFactory(editor: typeof Monaco.editor, getWorker: (label: string) => Worker): LabelledWorkerFactory {
  return <T extends object>(opts: LabelledWorkerOptions) => {
    const worker = Promise.resolve(getWorker(opts.label ?? 'monaco-editor-worker')).then((w) => {
      // the protocol of Monaco's worker main: a first message it ignores, then the create data
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return w;
    });
    return editor.createWebWorker<T>({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
}
