// The hostile inputs of the playground page, shared by the e2e test (tests/e2e/hostile.e2e.ts:
// what the page does with them) and the benchmark (bench/hostile.ts: how long the main thread is
// held by each).
import type { Page } from 'playwright-core';

export const EDITOR_KEY = 'cloneset-playground:editor';
export const THEME_KEY = 'cloneset-playground.theme';
export const LANG_KEY = 'cloneset-playground.lang';

export const seed = (name = 'web', extra = '') => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}${extra}
    spec:
      containers:
      - name: web
        image: nginx:alpine
`;

/** The seed with a mapping value where none can be (go-yaml: "mapping values are not allowed in this context" at line 7). */
export const brokenYaml = () => seed().replace('  replicas: 3', '  replicas: 3\n  foo: bar: baz');

/** Nine levels of nine aliases each: 9^9 strings if expanded. */
export const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`))
  .join('\n');

/** 1,000 levels of flow sequences under the spec. */
export const deepNesting = () => `${seed()}  nested: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;

/** Wrong types and an unknown field in the spec. */
export const wrongTypes = () => seed().replace('  replicas: 3', '  replicas: three\n  minReadySeconds: [1]\n  bogusField: x');

/** Ten megabytes as head + line × times (built in the page: sending megabytes there is the harness's cost, not the page's). */
export const TEN_MB = { head: '# pasted\n', line: 'x: 1\n', times: 2_000_000 };

export const MARKUP = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

/** A name the API server refuses: the refusal quotes it. */
export const markupName = () => seed(`"${MARKUP.replace(/"/g, '\\"')}"`);
/** An annotation the API server accepts, then shown by kubectl. */
export const markupAnnotation = () => seed('web', `\n      annotations: {note: '${MARKUP}'}`);
/** kubectl lines carrying markup (the pod's name is filled in). */
export const markupKubectl = (pod: string) => [`kubectl get pods -o yaml | grep note`, `kubectl label pod '${MARKUP}' x=y`, `kubectl annotate pod ${pod} 'x=${MARKUP}'`];

export const HUNDRED_KB_LINE = `kubectl get pods ${'a'.repeat(100_000)}`;

/** 4,096 pseudo-random characters below U+3000, without line breaks. */
export function randomLine(): string {
  let random = '';
  let state = 12345;
  for (let i = 0; i < 4096; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    random += String.fromCharCode(state % 0x3000);
  }
  return random.replace(/[\r\n]/g, ' ');
}

/** What other code, an older version or a broken browser may have left under the page's keys: [what it is, the value]. */
export const CORRUPT_STORAGE: [string, string][] = [
  ['not JSON', '{not json'],
  ['an unknown version', '{"version":2,"files":"x"}'],
  ['null', 'null'],
  ['NUL, a lone surrogate and U+FFFF', '\u0000\ud800\uffff'],
  ['a file named ../x whose text is a number', JSON.stringify({ version: 1, files: [{ name: '../x', text: 1 }], active: 0 })],
];

/** Makes every localStorage write fail as a full quota does (an init script). */
export const FULL_QUOTA = `Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`;

/** Records the longest task since `window.__longest` was last reset (an init script). */
export const LONGTASK_PROBE = `(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });
})()`;

/** The editor's text box (Monaco's, or the plain text area before it). */
export const editorBox = (p: Page) => p.getByRole('textbox', { name: 'CloneSet YAML' });

/** Selects all of the editor's text and pastes `text` over it, as the clipboard would. */
export async function paste(p: Page, text: string | typeof TEN_MB): Promise<void> {
  const box = editorBox(p);
  await box.focus();
  await p.keyboard.press('ControlOrMeta+a');
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', typeof t === 'string' ? t : t.head + t.line.repeat(t.times));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  if (typeof text === 'string' && (await box.evaluate((el) => el.closest('.monaco-editor') === null)) && (await box.inputValue()) !== text) await box.fill(text);
}

/** The editor's error list (role alert). */
export const problems = (p: Page) => p.getByTestId('editor-problems').textContent();
export const apply = (p: Page) => p.getByRole('button', { name: 'Apply', exact: true }).click();
export const podNames = (p: Page) => p.locator('[data-pod]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.pod ?? '').sort());
