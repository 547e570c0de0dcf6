import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';

// The editor panel on a test-only page (tests/e2e/editor-fixture), built here with its own Vite
// configuration so the site's build is untouched, under the playground page's CSP.
const fixtureRoot = resolve(import.meta.dirname, 'editor-fixture');
// monaco-yaml's worker reaches Monaco's worker through monaco-worker-manager by a path that
// monaco-editor 0.57's package exports no longer map: the site's Vite config needs the same alias.
const monacoWorkerAlias = {
  find: 'monaco-editor/esm/vs/editor/editor.worker.js',
  replacement: resolve(import.meta.dirname, '..', '..', 'node_modules', 'monaco-editor', 'esm', 'vs', 'editor', 'editor.worker.js'),
};
const cspOf = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];

describe('editor panel', () => {
  let outDir: string;
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const shots = mkdtempSync(join(tmpdir(), 'editor-e2e-shots-'));

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'editor-e2e-'));
    const config = { configFile: false as const, root: fixtureRoot, base: './', plugins: [svelte()], resolve: { alias: [monacoWorkerAlias] }, logLevel: 'warn' as const };
    await build({ ...config, build: { outDir, emptyOutDir: true } });
    server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    console.log(`editor screenshots: ${shots}`);
  });

  const editorBox = () => page.getByRole('textbox', { name: 'CloneSet YAML', exact: true });
  const monacoReady = () => page.locator('.monaco-editor .view-lines').waitFor();
  const problems = () => page.getByTestId('editor-problems');
  const fixture = <T>(expr: string) => page.evaluate(expr) as Promise<T>;
  // Monaco draws spaces as no-break spaces, and only the lines in view.
  const visibleText = async () => ((await page.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');

  it('runs under the playground page\'s CSP', () => {
    const page = readFileSync(resolve(import.meta.dirname, '..', '..', 'playground', 'index.html'), 'utf8');
    const test = readFileSync(join(fixtureRoot, 'index.html'), 'utf8');
    expect(cspOf(test)).toBe(cspOf(page));
  });

  it('loads Monaco with the accessible name, the Tab hint, and the seed CloneSet', async () => {
    await monacoReady();
    await expect.poll(() => editorBox().count()).toBe(1);
    expect(await page.getByTestId('tab-hint').textContent()).toContain('Ctrl+M');
    await expect.poll(() => visibleText()).toContain('image: nginx:alpine');
    expect(await fixture<string>('fixture.getText()')).toContain('image: nginx:alpine');
    await expect.poll(() => page.getByTestId('apply-preview').textContent()).toContain('Creates CloneSet nginx-2 with 5 pods.');
  });

  it('explains a field on hover, from the CloneSet schema', async () => {
    await page.locator('.view-line span span', { hasText: /^replicas$/ }).first().hover();
    await expect.poll(async () => (await page.locator('.monaco-hover').allTextContents()).join(' '), { timeout: 10000 }).toContain('How many pods to run');
    await page.waitForTimeout(300); // the hover fades in
    await page.screenshot({ path: join(shots, 'hover.png') });
    await page.mouse.move(0, 0);
  });

  it('applies with the Apply button, and previews an image change as in place for every pod', async () => {
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'cloneset.apps.kruise.io/nginx-2 created' }).count()).toBe(1);
    expect(await fixture<unknown[]>('fixture.pods()')).toHaveLength(5);

    await page.locator('.view-lines').getByText('nginx:alpine').click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'alpine'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('1.19.6-alpine');
    const preview = page.getByTestId('apply-preview');
    await expect.poll(() => preview.locator('[data-action="in-place"]').count(), { timeout: 5000 }).toBe(5);
    expect(await preview.textContent()).toContain('spec.template.spec.containers[0].image');
    await page.screenshot({ path: join(shots, 'preview.png') });
  });

  it('refuses broken YAML with its line and column, changing neither the text nor the cluster', async () => {
    const rv = await fixture<number>('fixture.resourceVersion()');
    await editorBox().focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('foo: bar: baz');
    const before = await fixture<string>('fixture.getText()');
    const line = before.split('\n').indexOf('foo: bar: baz') + 1;
    expect(line).toBeGreaterThan(30);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => problems().textContent()).toContain(
      `Line ${line}, column 9: error: error parsing STDIN: error converting YAML to JSON: yaml: line ${line}: mapping values are not allowed in this context`,
    );
    expect(await page.getByRole('alert').filter({ hasText: `Line ${line}, column 9` }).count()).toBe(1);
    expect(await fixture<number>('fixture.resourceVersion()')).toBe(rv);
    expect(await fixture<string>('fixture.getText()')).toBe(before);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('apply-preview').textContent()).toContain(`Line ${line}, column 9: error: error parsing STDIN`);
    await page.screenshot({ path: join(shots, 'broken.png') });
  });

  it('keeps the text across a reload', async () => {
    await page.waitForTimeout(600); // the autosave's debounce
    await page.reload();
    await monacoReady();
    const text = await fixture<string>('fixture.getText()');
    expect(text).toContain('image: nginx:1.19.6-alpine');
    expect(text).toContain('foo: bar: baz');
  });

  it('shows a webhook refusal at the line it points to', async () => {
    const text = (await fixture<string>('fixture.getText()')).replace('foo: bar: baz', '').replace('replicas: 5', 'replicas: -1');
    const rv = await fixture<number>('fixture.resourceVersion()');
    await page.evaluate((t) => (globalThis as unknown as { fixture: { setText(t: string): void } }).fixture.setText(t), text);
    // Monaco paints the new text on its next frame
    await expect.poll(() => visibleText()).toContain('replicas: -1');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => problems().textContent()).toContain('spec.replicas: Invalid value: -1');
    expect(await problems().textContent()).toMatch(/Line \d+/);
    expect(await fixture<string>('fixture.getText()')).toBe(text);
    expect(await fixture<number>('fixture.resourceVersion()')).toBe(rv);
    await page.screenshot({ path: join(shots, 'webhook.png') });
    expect(errors).toEqual([]);
  });

  it('keeps a 5 MB paste without hanging: no preview, a quick refusal, the text intact', async () => {
    const started = Date.now();
    const length = await page.evaluate(() => {
      const f = (globalThis as unknown as { fixture: { setText(t: string): void; getText(): string } }).fixture;
      f.setText(`# pasted\n${'x: 1\n'.repeat(1_100_000)}`);
      return f.getText().length;
    });
    expect(length).toBe(5_500_009);
    await expect.poll(() => page.getByTestId('apply-preview').textContent()).toContain('no preview');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => problems().textContent()).toContain('the input is larger than 5242880 bytes');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await fixture<number>('fixture.getText().length')).toBe(length);
    await page.screenshot({ path: join(shots, 'huge.png') });
  });

  it('falls back to a plain text area with the same name on touch screens', async () => {
    const touch = await browser.newPage({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    await touch.goto(url);
    const box = touch.getByRole('textbox', { name: 'CloneSet YAML', exact: true });
    await box.waitFor();
    expect(await box.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await touch.locator('.monaco-editor').count()).toBe(0);
    await touch.screenshot({ path: join(shots, 'touch.png') });
    await touch.close();
  });
});
