import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser';
import { sha256Hex, workshopHash } from '../../src/ui/site/workshop';

const shots = mkdtempSync(join(tmpdir(), 'site-shots-'));
// The learning site around the lessons: the course map in both languages, progress kept,
// exported, imported and set aside, and a workshop opened from one link that keeps working offline.
const base = () => inject('baseUrl');
const at = (path: string) => new URL(path, base()).href;

describe('the course map', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists both tracks, 16 lessons with title, summary, minutes and state, and leads to each lesson in English', async () => {
    await page.goto(at('./'));
    await page.evaluate(() => localStorage.setItem('cloneset-playground.lang', 'en'));
    await page.reload();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(expect.arrayContaining(['The seed post, hands on', 'Every CloneSet feature']));
    const cards = page.locator('li[data-lesson]');
    expect(await cards.count()).toBe(16);
    const first = cards.first();
    expect(await first.textContent()).toContain('Create a CloneSet');
    expect(await first.textContent()).toContain('5 min');
    expect(await first.getAttribute('data-state')).toBe('new');
    await page.screenshot({ path: join(shots, 'course-map-en.png') });
    await page.getByRole('link', { name: /Delete the pod you choose/ }).click();
    await page.waitForURL(/\/en\/lessons\/03-selective-delete\/$/);
    expect(await page.getByTestId('Lesson').getByRole('heading', { level: 1 }).textContent()).toBe('Delete the pod you choose');
  });

  it('switches to Chinese on the map, and the lesson links follow', async () => {
    await page.goto(at('./'));
    await page.getByTestId('lang-zh').click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('学习 OpenKruise CloneSet');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('link', { name: /创建一个 CloneSet/ }).click();
    await page.waitForURL(/\/zh\/lessons\/01-create-cloneset\/$/);
    expect(await page.getByTestId('Lesson').getByRole('heading', { level: 1 }).textContent()).toBe('创建一个 CloneSet');
    // the lesson page's language links lead to the same lesson in the other language
    await page.getByTestId('lang-en').click();
    await page.waitForURL(/\/en\/lessons\/01-create-cloneset\/$/);
    expect(await page.getByTestId('Lesson').getByRole('heading', { level: 1 }).textContent()).toBe('Create a CloneSet');
    // and the map now opens in English (the last language chosen)
    await page.getByRole('link', { name: 'Course', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Learn OpenKruise CloneSet');
  });

  it('keeps the other places reachable: the playground, the workshop and the rollout arithmetic explorer', async () => {
    await page.goto(at('./'));
    for (const [name, path] of [['Rollout arithmetic', '/arithmetic/'], ['Free playground', '/playground/'], ['Workshop', '/workshop/']] as const) {
      await page.goto(at('./'));
      await page.locator('.more').getByRole('link', { name: new RegExp(name) }).click();
      await page.waitForURL((u) => u.pathname.endsWith(path));
    }
    await page.goto(at('arithmetic/'));
    expect(await page.getByTestId('partition-pods').textContent()).toBe('3');
  });

  it('sets aside unreadable saved progress with a notice and works on', async () => {
    await page.goto(at('./'));
    await page.evaluate(() => localStorage.setItem('cloneset-playground.progress', '{"format":"cloneset-playground-progress","version":1,"lessons":{"01-create-cloneset":{"doneAt":42}}'));
    await page.reload();
    expect(await page.getByRole('status').first().textContent()).toContain('set aside');
    expect(await page.locator('li[data-lesson]').count()).toBe(16);
    expect(await page.evaluate(() => localStorage.getItem('cloneset-playground.progress.set-aside'))).toContain('doneAt');
    await page.reload();
    expect(await page.getByText('set aside').count()).toBe(0);
  });

  it('exports progress as a JSON file and imports it back; a foreign file changes nothing', async () => {
    const done = { format: 'cloneset-playground-progress', version: 1, lessons: { '04-in-place-update': { doneAt: '2025-05-01T10:00:00.000Z', hintsUsed: 1, solutionShown: false, visitedAt: null } }, lastVisited: null };
    await page.goto(at('./'));
    await page.getByTestId('import-progress').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(done)) });
    await page.getByText('Progress imported.').waitFor();
    expect(await page.locator('li[data-lesson="04-in-place-update"]').getAttribute('data-state')).toBe('done');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^cloneset-playground-progress-\d{4}-\d\d-\d\d\.json$/);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(exported.lessons['04-in-place-update'].doneAt).toBe('2025-05-01T10:00:00.000Z');

    await page.getByTestId('import-progress').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"settings":{"theme":"dark"}}') });
    await page.getByText('That file was not imported').waitFor();
    expect(await page.locator('li[data-lesson="04-in-place-update"]').getAttribute('data-state')).toBe('done');

    await page.getByRole('button', { name: 'Reset all progress' }).click();
    await page.getByTestId('confirm-reset-all').click();
    expect(await page.locator('li[data-lesson="04-in-place-update"]').getAttribute('data-state')).toBe('new');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('a workshop from one link', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];
  const workshop = {
    title: 'CloneSet in 30 minutes <img src=x onerror=alert(1)>',
    lessons: ['02-scale-and-pvcs', '01-create-cloneset'],
    unlockCodeSha256: sha256Hex('kruise-2025'),
    speed: 4,
    largeText: true,
    lang: 'en' as const,
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens with its title (as text), its lessons in order, its speed and large text, solutions locked', async () => {
    await page.goto(`${at('workshop/')}${workshopHash(workshop)}`);
    expect(await page.getByTestId('workshop-title').textContent()).toBe(workshop.title);
    const steps = page.getByRole('navigation', { name: 'Lessons of this workshop' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual(['1. Scale out with volume claim templates', '2. Create a CloneSet']);
    expect(await page.getByTestId('Lesson').getByRole('heading', { level: 1 }).textContent()).toBe('Scale out with volume claim templates');
    expect(await page.getByRole('slider', { name: 'Speed' }).getAttribute('aria-valuetext')).toBe('4×');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
    expect(await page.getByTestId('Show solution').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'workshop.png') });
  });

  it('keeps solutions locked for a wrong code and unlocks them with the right one', async () => {
    await page.getByLabel('Unlock code').fill('kruise-2024');
    await page.getByRole('button', { name: 'Unlock solutions' }).click();
    await page.getByText('That code does not unlock the solutions.').waitFor();
    expect(await page.getByTestId('Show solution').isDisabled()).toBe(true);
    await page.getByLabel('Unlock code').fill('kruise-2025');
    await page.getByRole('button', { name: 'Unlock solutions' }).click();
    await page.getByText('Solutions unlocked.').waitFor();
    expect(await page.getByTestId('Show solution').isDisabled()).toBe(false);
  });

  it('works offline once loaded: the next lesson opens in the page, takes typed YAML and meets its goals', async () => {
    await page.locator('.monaco-editor').waitFor();
    await context.setOffline(true);
    await page.getByTestId('Next lesson').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="Lesson"] h1')?.textContent === 'Create a CloneSet');
    await page.locator('.monaco-editor').waitFor();
    const box = page.getByRole('textbox', { name: 'CloneSet YAML' });
    await box.focus();
    await page.keyboard.press('ControlOrMeta+a');
    const text = readFileSync(join(import.meta.dirname, '../../lessons/01-create-cloneset/editor.yaml'), 'utf8').replace('replicas: 1', 'replicas: 5');
    await box.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.getByTestId('Check').click();
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="Goals"] li')];
      return items.length > 0 && items.every((i) => i.getAttribute('data-met') === 'true');
    }, undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid="Next lesson"]').count()).toBe(0);
    await context.setOffline(false);
  });

  it('asked nothing of another origin, and raised no errors or dialogs', () => {
    const origin = new URL(base()).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('reports a damaged link and offers the file picker', async () => {
    await page.goto(`${at('workshop/')}#w=not-a-workshop`);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('the link is damaged');
    const text = `workshop: 1\ntitle: From a file\nlessons: [01-create-cloneset]\n`;
    await page.getByTestId('workshop-file').setInputFiles({ name: 'w.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await page.waitForFunction(() => document.querySelector('[data-testid="workshop-title"]')?.textContent === 'From a file');
    expect(page.url()).toContain('#w=');
  });
});

describe('making a workshop', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turns a title, lessons and a code into a link that holds only the code’s hash, and opens it', async () => {
    await page.goto(at('workshop/'));
    await page.getByLabel('Title').fill('Partition day');
    await page.getByLabel('5. Canary with partition').check();
    await page.getByLabel('1. Create a CloneSet').check();
    await page.getByLabel('Unlock code').fill('s3cret');
    await page.getByRole('button', { name: 'Make link' }).click();
    const link = await page.getByRole('textbox', { name: 'Copy workshop link' }).inputValue();
    const expected = workshopHash({ title: 'Partition day', lessons: ['01-create-cloneset', '05-partition-canary'], unlockCodeSha256: sha256Hex('s3cret'), speed: 1, largeText: false, lang: null });
    expect(link.endsWith(`/workshop/${expected}`)).toBe(true);
    await page.getByRole('button', { name: 'Open it here' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workshop-title"]')?.textContent === 'Partition day');
    expect(await page.getByTestId('Show solution').isDisabled()).toBe(true);
  });
});
