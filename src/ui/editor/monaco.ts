// Loads Monaco and monaco-yaml on demand (dynamic imports, so the page works before they arrive)
// and wires their workers through Vite `?worker` imports: every file is served from our own
// origin, as the page's Content-Security-Policy requires (worker-src 'self').
// Monaco comes in parts, each its own chunk evaluated in its own task with the page free to run
// in between: the core, the editing features, the language features, then monaco-yaml. Evaluated
// at once, the whole editor held the main thread for a few hundred milliseconds.
import type * as Monaco from 'monaco-editor';
import type { MonacoYaml } from 'monaco-yaml';
import { cloneSetSchema, type Lang } from './schema/cloneSetSchema';
import { labelledWorkerFactory } from './monacoWorkers';
import { nextTask } from './tasks';

export type MonacoApi = typeof Monaco;

export interface LoadedMonaco {
  monaco: MonacoApi;
  /** Switches hover/completion texts to another language. */
  setSchemaLanguage(lang: Lang): void;
}

let loading: Promise<LoadedMonaco> | undefined;
let yaml: MonacoYaml | undefined;

/** Files the schema applies to: every editor model (one per file tab). */
const FILE_MATCH = ['**/*'];
const schemaUri = (lang: Lang) => `https://cloneset-playground.local/schema/cloneset.${lang}.json`;

function schemas(lang: Lang) {
  return [{ uri: schemaUri(lang), fileMatch: FILE_MATCH, schema: cloneSetSchema(lang) as never }];
}

/** One Monaco for the page, however many panels ask. */
export function loadMonaco(lang: Lang): Promise<LoadedMonaco> {
  loading ??= (async () => {
    const workers = Promise.all([import('monaco-editor/editor/editor.worker?worker'), import('./yaml.worker?worker')]);
    const monaco = (await import('monaco-editor/editor/editor.api')) as unknown as MonacoApi;
    await nextTask();
    await import('./monacoEditing');
    await nextTask();
    await import('./monacoLanguage');
    await nextTask();
    const [{ configureMonacoYaml }, [{ default: EditorWorker }, { default: YamlWorker }]] = await Promise.all([import('monaco-yaml'), workers]);
    const getWorker = (label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker());
    globalThis.MonacoEnvironment = { getWorker: (_moduleId: string, label: string) => getWorker(label) };
    // monaco-yaml (through monaco-worker-manager) asks `editor.createWebWorker` for a worker by
    // label, which Monaco 0.57 no longer does there: hand it the label-based factory.
    const withLabelledWorkers = { ...monaco, editor: { ...monaco.editor, createWebWorker: labelledWorkerFactory(monaco.editor, getWorker) } } as MonacoApi;
    yaml = configureMonacoYaml(withLabelledWorkers, { enableSchemaRequest: false, isKubernetes: true, schemas: schemas(lang) });
    await nextTask();
    return {
      monaco,
      setSchemaLanguage(next: Lang) {
        void yaml?.update({ schemas: schemas(next) });
      },
    };
  })();
  return loading;
}

/** Touch devices and narrow screens keep the plain text area (Monaco is poor with soft keyboards). */
export function prefersPlainEditor(): boolean {
  if (typeof matchMedia !== 'function') return true;
  return matchMedia('(pointer: coarse)').matches || matchMedia('(max-width: 600px)').matches;
}
