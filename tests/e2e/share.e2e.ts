import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { launchBrowser } from './browser';
import { SEED_CLONESET_YAML } from '../../src/ui/editor/seed';

// Share links: "Copy link" captures the session; opening the link in another browser shows the
// same pods at the same virtual time. Links that cannot be read change nothing.
const playgroundUrl = () => new URL('playground/', inject('baseUrl')).href;

async function setYaml(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'CloneSet YAML' });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  if ((await box.evaluate((el) => el.closest('.monaco-editor') === null)) && (await box.inputValue()) !== text) await box.fill(text);
}

/** The editor's active file, as the autosave keeps it (Monaco shows only the lines in view). */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('cloneset-playground:editor') ?? 'null') as { files: { name: string; text: string }[]; active: string } | null;
    return saved?.files.find((f) => f.name === saved.active)?.text ?? '';
  });
}

const pods = (page: Page) =>
  page.getByRole('list', { name: 'Pods' }).getByRole('listitem').evaluateAll((items) =>
    items.map((el) => {
      const d = (el as HTMLElement).dataset;
      return `${d.pod} ${d.revision} restarts=${d.restarts} ${d.phase} ready=${d.ready} ${d.node} ${d.ip}`;
    }).sort(),
  );
const virtualTime = (page: Page) => page.getByLabel('Virtual time').getAttribute('data-seconds');

describe('share links', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let link = '';
  let sharedPods: string[] = [];
  let sharedTime: string | null = null;
  let sharedText = '';

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('copies a link to the current moment of a session', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(playgroundUrl()).origin });
    await page.goto(playgroundUrl());
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    sharedText = SEED_CLONESET_YAML.replace('image: nginx:alpine', 'image: nginx:1.19.6-alpine');
    await setYaml(page, sharedText);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    // back to the middle of the in-place update: some pods restarted, some not yet
    const end = Number(await virtualTime(page));
    await page.getByRole('slider', { name: 'Timeline' }).fill(String(Math.round(end * 0.8)));
    await expect.poll(async () => Number(await virtualTime(page))).toBeLessThan(end);
    sharedTime = await virtualTime(page);
    await expect.poll(() => pods(page)).toHaveLength(5);
    sharedPods = await pods(page);

    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByRole('textbox', { name: 'Share link' });
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(/\/playground\/#v1=[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' }).count()).resolves.toBe(1);
  });

  it('opens the link in another browser at the same moment, with the same pods', async () => {
    const page = await newPage();
    await page.goto(link);
    await expect.poll(() => virtualTime(page), { timeout: 10_000 }).toBe(sharedTime);
    await expect.poll(() => pods(page), { timeout: 10_000 }).toEqual(sharedPods);
    await expect(page.getByTestId('Share notice').textContent()).resolves.toContain('Opened a shared session');
    expect(page.url()).not.toContain('#v1=');
    // (the editor panel is made in a task after the page's first one: wait for its file tabs)
    await expect.poll(() => page.getByRole('button', { name: 'shared.yaml', pressed: true }).count()).toBe(1);
    await expect.poll(() => editorText(page)).toBe(sharedText);
    // the whole history came along: Skip to rest finishes the update
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await expect.poll(async () => (await pods(page)).every((p) => p.includes('restarts=1'))).toBe(true);
  });

  it('shares a moment of a lesson: the link opens that lesson at the same time, with the same pods', async () => {
    const lessonUrl = new URL('en/lessons/05-partition-canary/', inject('baseUrl')).href;
    const page = await newPage();
    await page.goto(lessonUrl);
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    await expect.poll(async () => (await pods(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    const time = await virtualTime(page);
    const before = await pods(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByRole('textbox', { name: 'Share link' });
    await field.waitFor();
    const lessonLink = await field.inputValue();
    expect(lessonLink).toMatch(/\/en\/lessons\/05-partition-canary\/#v1=/);

    const other = await newPage();
    await other.goto(lessonLink);
    await expect.poll(() => virtualTime(other), { timeout: 10_000 }).toBe(time);
    await expect.poll(() => pods(other), { timeout: 10_000 }).toEqual(before);

    // the playground's link opened on a lesson page changes nothing there
    const elsewhere = await newPage();
    await elsewhere.goto(`${lessonUrl}${link.slice(link.indexOf('#'))}`);
    await expect.poll(() => elsewhere.getByTestId('Share notice').textContent(), { timeout: 10_000 }).toContain('belongs to another page');
  });

  it('opens the same state from a share file', async () => {
    const page = await newPage();
    await page.goto(playgroundUrl());
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    const file = join(mkdtempSync(join(tmpdir(), 'share-file-')), 'cloneset-playground-share.txt');
    writeFileSync(file, `${link.slice(link.indexOf('#') + 1)}\n`);
    await page.getByTestId('Open share file').setInputFiles(file);
    await expect.poll(() => virtualTime(page), { timeout: 10_000 }).toBe(sharedTime);
    await expect.poll(() => pods(page)).toEqual(sharedPods);
  });

  it('offers a share file when the session is too long for a link, and the file opens the same moment', async () => {
    const page = await newPage();
    await page.goto(playgroundUrl());
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    await page.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    // five applies, each with 6,000 random hex digits in an annotation: more than 16 KB compressed
    for (let i = 0; i < 5; i++) {
      const noise = randomBytes(3000).toString('hex');
      await setYaml(page, SEED_CLONESET_YAML.replace('  labels:\n    app: nginx-2\n', `  labels:\n    app: nginx-2\n  annotations:\n    noise: "${noise}"\n`));
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByRole('button', { name: 'Step', exact: true }).click();
    }
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    const time = await virtualTime(page);
    const before = await pods(page);
    expect(before).toHaveLength(5);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'too long for a link' }).count()).resolves.toBe(1);
    await expect(page.getByRole('textbox', { name: 'Share link' }).count()).resolves.toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('Download share file').click()]);
    expect(download.suggestedFilename()).toBe('cloneset-playground-share.txt');
    const file = join(mkdtempSync(join(tmpdir(), 'share-file-')), 'shared.txt');
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThan(16 * 1024);

    const other = await newPage();
    await other.goto(playgroundUrl());
    await other.getByRole('list', { name: 'Pods' }).waitFor();
    await other.getByTestId('Open share file').setInputFiles(file);
    await expect.poll(() => virtualTime(other), { timeout: 15_000 }).toBe(time);
    await expect.poll(() => pods(other)).toEqual(before);
  });

  it('shows a notice for malformed, cut-off, unknown-version and oversized links and keeps the learner’s text', async () => {
    const page = await newPage();
    await page.goto(playgroundUrl());
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    const mine = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n';
    await page.locator('.monaco-editor').waitFor();
    await setYaml(page, mine);
    await expect.poll(() => editorText(page)).toBe(mine);
    const payload = link.slice(link.indexOf('#v1=') + 4);
    const cases: [string, RegExp][] = [
      [`v1=${payload.slice(0, Math.floor(payload.length / 2))}`, /damaged or incomplete/],
      ['v1=%%%not-base64', /damaged or incomplete/],
      [`v7=${payload}`, /newer version/],
      [`v1=${'A'.repeat(17 * 1024)}`, /too long/],
      [`v1=${deflateSync(JSON.stringify({ hello: 'world' })).toString('base64url')}`, /not a CloneSet Playground share link/],
    ];
    for (const [hash, message] of cases) {
      await page.goto(`${playgroundUrl()}#${hash}`);
      await page.reload();
      const alert = page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
      await expect(alert.textContent()).resolves.toMatch(message);
      await expect(pods(page)).resolves.toEqual([]);
      await expect(virtualTime(page)).resolves.toBe('0.000');
      await expect.poll(() => editorText(page)).toBe(mine);
    }
    expect(errors).toEqual([]);
  });
});
