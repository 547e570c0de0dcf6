// Monaco's label-based worker factory (what its own JSON/HTML/TS language services use): the
// worker comes from MonacoEnvironment.getWorker(label), then receives its create data.
// The file has no type declarations, so its one function is typed here.
import type * as Monaco from 'monaco-editor';
// @ts-expect-error -- monaco-editor ships no .d.ts for its internal worker helper
import { createWebWorker as untyped } from 'monaco-editor/internal/common/workers';

export interface LabelledWorkerOptions {
  label?: string;
  moduleId?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

export const createWebWorker = untyped as <T extends object>(opts: LabelledWorkerOptions) => Monaco.editor.MonacoWebWorker<T>;
