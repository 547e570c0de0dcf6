// What every page built around a PlaygroundState wires the same way (the playground and the lesson
// page): the kubectl shell on the page's cluster and editor, Apply, the editor's preview version,
// the pod shown in the model view, and the cluster view's actions (pick an event, delete a pod,
// change replicas). Call `pageWiring` while a component initialises (it sets up an effect).
import { createShell } from '../../kubectl/shell';
import type { ApplyOutcome } from '../../sim/apply';
import type { PlaygroundState, Selection } from './playgroundState.svelte';
import type { EventView } from './view';

/** The editor panel's methods the wiring uses. */
export interface EditorFiles {
  readFile(name: string): string | undefined;
  listFiles(): string[];
  openFile(name: string, text: string): void;
}

/** The pod the model view shows: the selected pod, or the pod of a selected event. */
export function modelPodOf(selection: Selection): string | null {
  if (selection?.kind === 'pod') return selection.name;
  if (selection?.kind === 'event' && selection.object.startsWith('Pod/')) return selection.object.slice(4);
  return null;
}

export function pageWiring(pg: () => PlaygroundState, editor: () => EditorFiles | undefined, lang: () => 'en' | 'zh') {
  const shell = createShell({
    getCluster: () => pg().session.cluster,
    readFile: (name) => editor()?.readFile(name),
    listFiles: () => editor()?.listFiles() ?? [],
    openInEditor: (file) => editor()?.openFile(file.name, file.text),
    lang,
  });

  // The editor's preview re-reads the cluster on each version: while time plays, once a second.
  let editorVersion = $state(0);
  let editorSeen = 0;
  $effect(() => {
    const state = pg();
    const v = state.clusterVersion;
    const now = performance.now();
    if (!state.playing || now - editorSeen > 1000) {
      editorSeen = now;
      editorVersion = v;
    }
  });

  return {
    shell,
    runLine: (line: string) => pg().session.change(() => shell.run(line)),
    apply: (text: string): ApplyOutcome => pg().session.apply(text),
    get editorVersion() {
      return editorVersion;
    },
    /** Jumps the timeline to an event and selects it. */
    pickEvent(e: EventView): void {
      const state = pg();
      state.session.pause();
      state.session.seek(e.time);
      state.selection = { kind: 'event', key: e.key, time: e.time, object: e.object };
    },
    deletePod(name: string): void {
      try {
        pg().session.deletePod('default', name);
      } catch {
        // already gone: nothing to do
      }
    },
    scale(cloneSet: string, replicas: number): void {
      try {
        pg().session.scale('default', cloneSet, replicas);
      } catch {
        // refused by the webhook: the status table keeps the old number
      }
    },
  };
}
