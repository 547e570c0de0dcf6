// Test-only page: the editor panel alone, on a simulated cluster that settles after each apply.
// Built by tests/e2e/editor.e2e.ts with its own Vite config; not part of the site.
import { mount } from 'svelte';
import '../../../src/ui/theme.css';
import EditorPanel from '../../../src/ui/editor/EditorPanel.svelte';
import { Cluster } from '../../../src/sim/cluster';

const cluster = new Cluster({ seed: 7 });
const props = $state({ version: 0 });
const target = document.getElementById('app');
if (!target) throw new Error('no #app');
const lang = new URLSearchParams(location.search).get('lang') === 'zh' ? 'zh' : 'en';

const panel = mount(EditorPanel, {
  target,
  props: {
    lang,
    getCluster: () => cluster,
    apply: (text: string) => {
      const outcome = cluster.apply(text);
      cluster.settle();
      props.version++;
      return outcome;
    },
    get version() {
      return props.version;
    },
  },
});

(globalThis as { fixture?: unknown }).fixture = {
  pods: () => cluster.pods().map((p) => ({ name: p.metadata.name, image: p.spec.containers[0].image })),
  resourceVersion: () => cluster.store.resourceVersion(),
  getText: () => panel.getText(),
  setText: (text: string) => panel.setText(text),
  openFile: (name: string, text: string) => panel.openFile(name, text),
  listFiles: () => panel.listFiles(),
  readFile: (name: string) => panel.readFile(name),
};
