import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import {
  aliasBomb, apply, brokenYaml, CORRUPT_STORAGE, EDITOR_KEY, FULL_QUOTA, HUNDRED_KB_LINE, LANG_KEY, LONGTASK_PROBE, markupAnnotation, markupKubectl, markupName, paste, podNames,
  problems, randomLine, seed, TEN_MB, THEME_KEY,
} from './hostileCases';

// The playground page's part of the hostile-input suite: what a learner pastes, types, or finds
// in their browser's storage must not crash the page, hang it, or lose their work. The page must
// answer within HANG_MS after each; each case's longest main-thread task (PerformanceObserver
// 'longtask') is printed at the end for orientation. Their time is measured, against its budget,
// by the benchmark (bench/hostile.ts, the same inputs from ./hostileCases).

/** A page must answer within this long after any of these inputs. */
const HANG_MS = 5000;

describe('hostile input on the playground page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const longest: Record<string, number> = {};

  async function open(ctx: BrowserContext): Promise<Page> {
    const p = await ctx.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.addInitScript(LONGTASK_PROBE);
    await p.goto(new URL('playground/', inject('baseUrl')).href);
    await p.getByRole('list', { name: 'Pods' }).waitFor();
    return p;
  }

  /** The longest task since the last call, after checking that the page still answers. */
  async function longestTask(p: Page, label: string): Promise<number> {
    const started = Date.now();
    await p.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
    const answered = Date.now() - started;
    expect(answered).toBeLessThan(HANG_MS);
    const ms = (await p.evaluate('window.__longest')) as number;
    await p.evaluate('window.__longest = 0');
    longest[label] = Math.round(ms);
    return ms;
  }

  const savedText = (p: Page) =>
    p.evaluate((key) => {
      const raw = localStorage.getItem(key);
      return raw === null ? null : (JSON.parse(raw) as { files: { text: string }[] }).files[0]?.text;
    }, EDITOR_KEY);
  const injected = (p: Page) => p.evaluate(() => ({ imgs: document.querySelectorAll('img').length, scripts: document.querySelectorAll('body script').length, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null }));

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await open(context);
    await page.locator('.monaco-editor').waitFor({ timeout: 15_000 });
    await paste(page, seed());
    await apply(page);
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-pod]').length === 3);
    // each case counts its own tasks: loading the page is measured by the storage cases
    await longestTask(page, 'page load and first apply');
  });

  afterAll(async () => {
    console.log(`longest main-thread task per hostile input (ms): ${JSON.stringify(longest)}`);
    await browser?.close();
  });

  it('broken YAML: refused with the line at fault, the text kept, the cluster unchanged', async () => {
    const pods = await podNames(page);
    const broken = brokenYaml();
    await paste(page, broken);
    await apply(page);
    await expect.poll(() => problems(page)).toMatch(/Line 7, column \d+: error: error parsing STDIN/);
    await expect.poll(() => savedText(page)).toBe(broken);
    expect(await podNames(page)).toEqual(pods);
    await longestTask(page, 'broken YAML');
  });

  it('a YAML alias bomb is refused at once, the text kept, the cluster unchanged', async () => {
    const pods = await podNames(page);
    await paste(page, aliasBomb);
    await apply(page);
    // go-yaml (and so kubectl) names no line for this one: the whole document is at fault
    await expect.poll(() => problems(page)).toContain('document contains excessive aliasing');
    await expect.poll(() => savedText(page)).toBe(aliasBomb);
    expect(await podNames(page)).toEqual(pods);
    expect(await longestTask(page, 'alias bomb')).toBeLessThan(HANG_MS);
  });

  it('a 10 MB paste is refused at once with a clear message, the text and the cluster unchanged', async () => {
    const pods = await podNames(page);
    const before = await savedText(page);
    await paste(page, TEN_MB);
    // refused before the editor takes it: larger than any apply accepts
    await expect.poll(() => page.getByTestId('paste-refused').textContent()).toMatch(/The pasted text \(9\.5 MiB\) is larger than the 5 MiB the playground can apply, so it was not pasted/);
    expect(await page.getByRole('alert').filter({ hasText: 'not pasted' }).count()).toBe(1);
    // the learner's text is still there, in the editor and in the save
    const visible = async () => ((await page.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(visible).toContain('a: &a ["lol"');
    expect(await visible()).not.toContain('# pasted');
    expect(await savedText(page)).toBe(before);
    await apply(page);
    await expect.poll(() => problems(page)).toContain('document contains excessive aliasing');
    expect(await podNames(page)).toEqual(pods);
    expect(await longestTask(page, '10 MB paste')).toBeLessThan(HANG_MS);
    // back to a small text for what follows; the notice goes with the next paste
    await paste(page, seed());
    await expect.poll(() => savedText(page)).toBe(seed());
    expect(await page.getByTestId('paste-refused').count()).toBe(0);
  });

  it('markup in names, labels and annotations is shown as text, never as HTML', async () => {
    const before = await injected(page);
    // a name the API server refuses: the refusal quotes it in the error list
    await paste(page, markupName());
    await apply(page);
    await expect.poll(() => problems(page)).toContain('<img src=x');
    // an annotation it accepts, then shown by kubectl in the terminal
    await paste(page, markupAnnotation());
    await apply(page);
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.getByRole('region', { name: 'Terminal' }).click();
    const [grep, label, annotate] = markupKubectl((await podNames(page))[0]);
    await page.keyboard.insertText(grep);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(label);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Terminal' }).textContent()).toContain('onerror');
    await page.keyboard.insertText(annotate);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await injected(page)).toEqual(before);
    await longestTask(page, 'markup');
  });

  it('100 KB and random-byte lines typed into the terminal do not hang the page', async () => {
    const terminal = page.getByRole('region', { name: 'Terminal' });
    await terminal.click();
    await page.keyboard.insertText(HUNDRED_KB_LINE);
    await page.keyboard.press('Enter');
    expect(await longestTask(page, '100 KB terminal line')).toBeLessThan(HANG_MS);
    await page.keyboard.insertText(randomLine());
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('kubectl get clone');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminal.textContent()).toMatch(/web\s+3/);
    expect(await longestTask(page, 'random-byte terminal line')).toBeLessThan(HANG_MS);
    expect(errors).toEqual([]);
  });

  it('corrupt and foreign storage entries: the page loads, says so, and keeps everything else', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const first = await open(ctx);
    const keys = await first.evaluate(() => Object.keys(localStorage));
    for (const [, value] of CORRUPT_STORAGE) {
      await first.evaluate(
        ({ keys, value }) => {
          for (const k of keys) localStorage.setItem(k, value);
          localStorage.setItem('another-app', 'theirs');
        },
        { keys: [EDITOR_KEY, THEME_KEY, LANG_KEY, ...keys], value },
      );
      await first.reload();
      await first.getByRole('list', { name: 'Pods' }).waitFor();
      await expect.poll(() => first.getByRole('status').filter({ hasText: 'could not be read' }).count()).toBe(1);
      expect(await first.getByRole('textbox', { name: 'CloneSet YAML' }).count()).toBe(1);
      expect(await first.evaluate(() => localStorage.getItem('another-app'))).toBe('theirs');
      await longestTask(first, `corrupt storage ${JSON.stringify(value.slice(0, 12))}`);
    }
    // a readable save next to a corrupt preference: the learner's files are kept
    await first.evaluate(
      ({ editor, theme }) => {
        localStorage.setItem(editor, JSON.stringify({ version: 1, files: [{ name: 'mine.yaml', text: 'kind: CloneSet # mine\n' }], active: 'mine.yaml' }));
        localStorage.setItem(theme, '<b>dark</b>');
      },
      { editor: EDITOR_KEY, theme: THEME_KEY },
    );
    await first.reload();
    await first.getByRole('list', { name: 'Pods' }).waitFor();
    await expect.poll(() => first.getByText('mine.yaml', { exact: true }).count()).toBeGreaterThan(0);
    await first.locator('.monaco-editor').waitFor({ timeout: 15_000 });
    await expect.poll(async () => ((await first.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ')).toContain('# mine');
    expect(await first.evaluate(() => document.documentElement.dataset.theme ?? 'system')).toBe('system');
    await ctx.close();
    expect(errors).toEqual([]);
  });

  it('a full storage quota: the page works, says the files are not saved, and keeps them on screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await ctx.addInitScript(FULL_QUOTA);
    const p = await open(ctx);
    await p.locator('.monaco-editor').waitFor({ timeout: 15_000 });
    await paste(p, seed('full'));
    await apply(p);
    await p.getByRole('button', { name: 'Skip to rest' }).click();
    await expect.poll(() => podNames(p)).toHaveLength(3);
    await expect.poll(() => p.getByRole('status').filter({ hasText: 'could not be saved' }).count(), { timeout: 5000 }).toBe(1);
    await p.getByRole('button', { name: /Theme/ }).click();
    await p.getByRole('button', { name: '中文' }).click();
    await p.getByRole('button', { name: 'EN' }).click();
    expect(await p.evaluate(() => localStorage.length)).toBe(0);
    await longestTask(p, 'full quota');
    await ctx.close();
    expect(errors).toEqual([]);
  });
});

