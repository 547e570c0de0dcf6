import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';

// <cloneset-playground> on a plain page (static/embed-demo/) whose own CSS is loud on purpose:
// two widgets, each in its own shadow root, one read-only playing an in-place update by itself.
const demo = (file = '') => new URL(`embed-demo/${file}`, inject('baseUrl')).href;

const podsOf = (widget: Locator) =>
  widget.getByTestId('Pods').getByRole('listitem').evaluateAll((items) =>
    items.map((el) => {
      const d = (el as HTMLElement).dataset;
      return { name: d.pod ?? '', restarts: d.restarts ?? '', ready: d.ready ?? '', revision: d.revision ?? '' };
    }),
  );

async function pasteYaml(page: Page, box: Locator, text: string): Promise<void> {
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  if ((await box.evaluate((el) => el.closest('.monaco-editor') === null)) && (await box.inputValue()) !== text) await box.fill(text);
}

describe('<cloneset-playground> on a plain page', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(demo());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders two widgets, each in a shadow root of its own', async () => {
    const ro = page.locator('cloneset-playground#readonly');
    const ed = page.locator('cloneset-playground#editable');
    await expect.poll(() => podsOf(ro).then((p) => p.length), { timeout: 15_000 }).toBe(5);
    await expect.poll(() => podsOf(ed).then((p) => p.length), { timeout: 15_000 }).toBe(5);
    expect(await page.evaluate(() => [...document.querySelectorAll('cloneset-playground')].map((e) => e.shadowRoot !== null && e.children.length === 0))).toEqual([true, true]);
    // the page's light DOM has none of the widget's elements
    expect(await page.evaluate(() => document.querySelectorAll('[data-pod], .cp-root').length)).toBe(0);
    for (const w of [ro, ed]) {
      expect((await w.getByTestId('Play').count()) + (await w.getByTestId('Pause').count())).toBe(1);
      for (const id of ['Step', 'Skip to rest']) await expect(w.getByTestId(id).count()).resolves.toBe(1);
      for (const id of ['Timeline', 'Pods', 'Events', 'CloneSet status', 'Why']) await expect(w.getByTestId(id).count()).resolves.toBe(1);
    }
  });

  it('plays the read-only widget’s in-place update to its end: same names, one restart each', async () => {
    const ro = page.locator('cloneset-playground#readonly');
    await expect.poll(() => ro.locator('.cp-root').getAttribute('data-autoplay'), { timeout: 30_000 }).toBe('done');
    const after = await podsOf(ro);
    expect(after).toHaveLength(5);
    expect(after.every((p) => p.restarts === '1' && p.ready === 'true')).toBe(true);
    expect(new Set(after.map((p) => p.revision)).size).toBe(1);
    // back on the widget's timeline, before the update: the same five names, not restarted
    await ro.getByRole('slider', { name: 'Timeline' }).fill('3');
    await expect.poll(async () => (await podsOf(ro)).every((p) => p.restarts === '0')).toBe(true);
    expect((await podsOf(ro)).map((p) => p.name).sort()).toEqual(after.map((p) => p.name).sort());
  });

  it('shows read-only YAML as highlighted text; the editable widget has the editor, in Chinese', async () => {
    const ro = page.locator('cloneset-playground#readonly');
    const yaml = ro.getByRole('textbox', { name: 'CloneSet YAML' });
    await expect(yaml.getAttribute('aria-readonly')).resolves.toBe('true');
    await expect(yaml.textContent()).resolves.toContain('kind: CloneSet');
    await expect(yaml.locator('.tok-key', { hasText: 'replicas' }).count()).resolves.toBe(1);
    await expect(ro.getByRole('button', { name: 'Apply' }).count()).resolves.toBe(0);
    const ed = page.locator('cloneset-playground#editable');
    await ed.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    await expect(ed.getByTestId('Play').textContent()).resolves.toContain('播放');
  });

  it('applies in one widget without touching the other', async () => {
    const ro = page.locator('cloneset-playground#readonly');
    const ed = page.locator('cloneset-playground#editable');
    const before = await podsOf(ro);
    const box = ed.getByRole('textbox', { name: 'CloneSet YAML' });
    const seed = await page.evaluate(async () => (await fetch('nginx-2.yaml')).text());
    await pasteYaml(page, box, seed.replace('replicas: 5', 'replicas: 2'));
    await ed.getByRole('button', { name: 'Apply', exact: true }).click();
    await ed.getByTestId('Skip to rest').click();
    await expect.poll(() => podsOf(ed).then((p) => p.length)).toBe(2);
    expect(await podsOf(ro)).toEqual(before);
  });

  it('runs kubectl in the editable widget’s terminal, on that widget’s cluster only', async () => {
    const ro = page.locator('cloneset-playground#readonly');
    const ed = page.locator('cloneset-playground#editable');
    await expect(ro.getByTestId('Terminal').count()).resolves.toBe(0);
    const terminal = ed.getByTestId('Terminal');
    await terminal.locator('.xterm').waitFor({ timeout: 15_000 });
    await terminal.click();
    await page.keyboard.type('kubectl scale cloneset nginx-2 --replicas=3');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminal.textContent()).toContain('scaled');
    await ed.getByTestId('Skip to rest').click();
    await expect.poll(() => podsOf(ed).then((p) => p.length)).toBe(3);
    expect(await podsOf(ro)).toHaveLength(5);
  });

  it('keeps the page’s CSS out and its own CSS in', async () => {
    const ed = page.locator('cloneset-playground#editable');
    const play = ed.getByTestId('Play');
    const style = await play.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, background: s.backgroundColor, letterSpacing: s.letterSpacing, fontSize: s.fontSize };
    });
    expect(style.color).not.toBe('rgb(0, 255, 0)');
    expect(style.background).not.toBe('rgb(255, 0, 255)');
    expect(style.letterSpacing).toBe('normal');
    expect(style.fontSize).not.toBe('30px');
    const item = ed.getByTestId('Pods').getByRole('listitem').first();
    expect(await item.evaluate((el) => getComputedStyle(el).borderTopStyle)).not.toBe('dotted');
    const page_ = await page.evaluate(() => ({
      body: getComputedStyle(document.body).marginTop,
      button: getComputedStyle(document.getElementById('page-button') as HTMLElement).backgroundColor,
      sizing: getComputedStyle(document.querySelector('h1') as HTMLElement).boxSizing,
      // Monaco puts a few rules of its own in the document's head: each may only match its own elements
      foreign: [...document.styleSheets]
        .filter((sheet) => sheet.ownerNode instanceof HTMLStyleElement)
        .flatMap((sheet) => [...sheet.cssRules])
        .flatMap((rule) => (rule instanceof CSSStyleRule ? rule.selectorText.split(',') : rule instanceof CSSKeyframesRule ? [] : [rule.cssText.slice(0, 60)]))
        .filter((selector) => !/monaco|codicon|mtk|context-view/.test(selector)),
      pageSheets: [...document.styleSheets].filter((sheet) => sheet.href !== null).map((sheet) => new URL(sheet.href as string).pathname),
    }));
    expect(page_).toEqual({ body: '32px', button: 'rgb(255, 0, 255)', sizing: 'content-box', foreign: [], pageSheets: ['/embed-demo/page.css'] });
    // the one thing declared on the document: the editor's icon font, which a shadow root cannot declare
    const adopted = await page.evaluate(() => document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.constructor.name + ' ' + (r as CSSFontFaceRule).style.getPropertyValue('font-family'))));
    expect(adopted).toEqual(['CSSFontFaceRule codicon']);
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px codicon'))).toBe(true);
  });

  it('follows html[data-theme] live, as Docusaurus sets it', async () => {
    const roots = page.locator('cloneset-playground .cp-root');
    const backgrounds = () => roots.evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await expect.poll(() => roots.evaluateAll((els) => els.map((el) => el.getAttribute('data-theme')))).toEqual(['light', 'light']);
    const light = await backgrounds();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expect.poll(() => roots.evaluateAll((els) => els.map((el) => el.getAttribute('data-theme')))).toEqual(['dark', 'dark']);
    const dark = await backgrounds();
    expect(dark[0]).not.toBe(light[0]);
    expect(dark[1]).not.toBe(light[1]);
    expect(dark[0]).toBe('rgb(18, 21, 27)');
  });

  it('loads the editor’s chunks only because of the editable widget, with no errors', async () => {
    expect(requests.some((u) => /\/embed\/chunks\/EditorPanel-/.test(u))).toBe(true);
    expect(requests.every((u) => new URL(u).origin === new URL(demo()).origin)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a read-only widget alone never loads the editor', async () => {
    const p = await browser.newPage();
    const seen: string[] = [];
    p.on('request', (r) => seen.push(r.url()));
    await p.goto(demo('readonly.html'));
    const w = p.locator('cloneset-playground');
    await expect.poll(() => podsOf(w).then((x) => x.length), { timeout: 15_000 }).toBe(5);
    await expect(w.locator('.cp-root').getAttribute('data-theme')).resolves.toBe('dark');
    expect(seen.filter((u) => /EditorPanel|editor\.api|monaco|Terminal|xterm/i.test(u))).toEqual([]);
    await p.close();
  });
});

describe('<cloneset-playground lesson mode="guided">', () => {
  it('shows the lesson’s goals, unmet at its start, and meets them all when the solution plays', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(demo('lesson.html'));
      const w = page.locator('cloneset-playground');
      const lesson = w.getByRole('region', { name: 'Lesson' });
      await expect(lesson.getByRole('heading').textContent({ timeout: 15_000 })).resolves.toBe('In-place update versus recreate');
      const met = () => lesson.getByRole('list', { name: 'Goals' }).getByRole('listitem').evaluateAll((items) => items.map((el) => el.getAttribute('data-met')));
      await expect.poll(async () => (await met()).length).toBeGreaterThan(3);
      expect(await met()).toContain('false');
      // the lesson's start: five pods already running
      await expect.poll(() => podsOf(w).then((p) => p.length)).toBe(5);
      // the editor has loaded: Monaco's surface is shown and its textbox is in the tree (Monaco's
      // EditContext textbox is zero pixels wide until it has the focus, so it is not "visible")
      await w.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
      await w.getByRole('textbox', { name: 'CloneSet YAML' }).first().waitFor({ state: 'attached' });
      await lesson.getByRole('button', { name: 'Show solution' }).click();
      await expect.poll(() => w.locator('.cp-root').getAttribute('data-autoplay'), { timeout: 30_000 }).toBe('done');
      await expect.poll(met).toEqual((await met()).map(() => 'true'));
      expect((await podsOf(w)).every((p) => p.restarts === '1')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
