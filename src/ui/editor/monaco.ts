// Loads Monaco and monaco-yaml on demand (a dynamic import, so the page works before it arrives)
// and wires their workers through Vite `?worker` imports: every file is served from our own
// origin, as the page's Content-Security-Policy requires (worker-src 'self').
import type * as Monaco from 'monaco-editor';
import type { MonacoYaml } from 'monaco-yaml';
import { cloneSetSchema, type Lang } from './schema/cloneSetSchema';

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
    const [monaco, { configureMonacoYaml }, workers, { default: EditorWorker }, { default: YamlWorker }] = await Promise.all([
      import('monaco-editor'),
      import('monaco-yaml'),
      import('./monacoWorkers'),
      import('monaco-editor/editor/editor.worker?worker'),
      import('./yaml.worker?worker'),
    ]);
    globalThis.MonacoEnvironment = {
      getWorker(_moduleId: string, label: string) {
        return label === 'yaml' ? new YamlWorker() : new EditorWorker();
      },
    };
    // monaco-yaml (through monaco-worker-manager) asks `editor.createWebWorker` for a worker by
    // label, which Monaco 0.57 no longer does there: hand it Monaco's own label-based factory.
    const withLabelledWorkers = { ...monaco, editor: { ...monaco.editor, createWebWorker: workers.createWebWorker } } as MonacoApi;
    yaml = configureMonacoYaml(withLabelledWorkers, { enableSchemaRequest: false, isKubernetes: true, schemas: schemas(lang) });
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
