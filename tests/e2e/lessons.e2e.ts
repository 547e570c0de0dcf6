import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser';

// A learner works through lessons on the built site: reads, types YAML into the editor, applies,
// lets time run, checks the goals, and moves on; in English and in Chinese.
const root = join(import.meta.dirname, '../..');
const editorYaml = (lesson: string) => readFileSync(join(root, 'lessons', lesson, 'editor.yaml'), 'utf8');
export const shots = mkdtempSync(join(tmpdir(), 'lesson-shots-'));

const lessonUrl = (lang: 'en' | 'zh', name: string) => new URL(`${lang}/lessons/${name}/`, inject('baseUrl')).href;

/** Replaces the editor's text as a learner pasting would (Monaco's textbox or the plain text area). */
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

const goals = (page: Page) => page.getByTestId('Goals').getByRole('listitem');
const metStates = async (page: Page) => goals(page).evaluateAll((items) => items.map((i) => i.getAttribute('data-met')));

async function waitAllMet(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('[data-testid="Goals"] li')];
    return items.length > 0 && items.every((i) => i.getAttribute('data-met') === 'true');
  }, undefined, { timeout });
}

describe('lessons in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lesson 1 in English: the text, unmet goals, then replicas 5, Apply, Skip to rest, Check: all met', async () => {
    await page.goto(lessonUrl('en', '01-create-cloneset'));
    const lesson = page.getByRole('region', { name: 'Lesson' });
    await expect(lesson.getByRole('heading', { name: 'Create a CloneSet' }).isVisible()).resolves.toBe(true);
    expect(await lesson.locator('article strong').first().textContent()).toBe('CloneSet');
    const list = page.getByRole('list', { name: 'Goals' });
    expect(await list.getByRole('listitem').count()).toBe(4);
    expect(await metStates(page)).toEqual(['false', 'false', 'false', 'false']);
    expect(await goals(page).first().textContent()).toContain('no CloneSet yet');

    await page.getByRole('button', { name: 'Hint' }).click();
    expect(await page.getByTestId('hints').textContent()).toContain('spec.replicas');

    await setYaml(page, editorYaml('01-create-cloneset').replace('replicas: 1', 'replicas: 5'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.getByRole('button', { name: 'Check' }).click();
    await waitAllMet(page);
    expect(await page.getByTestId('goal-verdict').textContent()).toContain('All goals met');
    expect(await goals(page).nth(1).textContent()).toContain('5 of 5');
    expect(await page.getByRole('list', { name: 'Pods' }).getByRole('listitem').count()).toBe(5);
    await page.screenshot({ path: join(shots, 'lesson-01-done.png') });
  });

  it('Next lesson opens lesson 2, which starts from its own cluster; the editor, Play and the live checklist finish it', async () => {
    await page.getByRole('button', { name: 'Next lesson' }).click();
    await page.waitForURL(/\/en\/lessons\/02-scale-and-pvcs\/$/);
    await page.getByRole('list', { name: 'Pods' }).getByRole('listitem').nth(4).waitFor();
    expect(await page.getByRole('list', { name: 'Pods' }).getByRole('listitem').count()).toBe(5);
    const before = await metStates(page);
    expect(before).toContain('false');

    await setYaml(page, editorYaml('02-scale-and-pvcs').replace('replicas: 5', 'replicas: 7'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('slider', { name: 'Speed' }).fill('6');
    await page.getByRole('button', { name: 'Play' }).click();
    // the checklist follows the cluster while time plays, without pressing Check
    await waitAllMet(page, 45_000);
    expect(await page.getByTestId('goal-verdict').textContent()).toContain('All goals met');
    expect(await page.getByTestId('goal-announcement').textContent()).toContain('met: ');
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await page.getByTestId('goal-verdict').textContent()).toContain('All goals met');
    expect(await goals(page).nth(2).textContent()).toContain('Bound PVCs: 7 of 7');
  });

  it('the course map shows both lessons done, and Reset starts a lesson again', async () => {
    await page.goto(new URL('./', inject('baseUrl')).href);
    const card = (name: string) => page.locator(`li[data-lesson="${name}"]`);
    expect(await card('01-create-cloneset').getAttribute('data-state')).toBe('done');
    expect(await card('02-scale-and-pvcs').getAttribute('data-state')).toBe('done');
    expect(await card('03-selective-delete').getAttribute('data-state')).toBe('new');
    expect(await page.getByTestId('done-count').textContent()).toBe('2 of 16 done');

    await page.goto(lessonUrl('en', '02-scale-and-pvcs'));
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByTestId('Confirm reset').click();
    expect(await metStates(page)).toContain('false');
    expect(await page.getByRole('textbox', { name: 'CloneSet YAML' }).evaluate((el) => (el as HTMLTextAreaElement).value ?? '')).not.toContain('replicas: 7');
    await page.goto(new URL('./', inject('baseUrl')).href);
    expect(await card('02-scale-and-pvcs').getAttribute('data-state')).toBe('new');
  });

  it('Show solution plays the solution on the timeline, animated, until the goals are met', async () => {
    await page.goto(lessonUrl('en', '05-partition-canary'));
    const show = page.getByRole('button', { name: 'Show solution' });
    await show.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="Show solution"]')?.textContent?.includes('Playing the solution'), undefined, { timeout: 5_000 });
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      seen.add(String(await page.getByTestId('Virtual time').getAttribute('data-seconds')));
      await page.waitForTimeout(150);
    }
    // time moved through several moments, not one jump to the end
    expect(seen.size).toBeGreaterThan(2);
    await waitAllMet(page, 60_000);
    await page.waitForFunction(() => (document.querySelector('[data-testid="Show solution"]') as HTMLButtonElement | null)?.disabled === false);
    expect(await page.getByTestId('goal-verdict').textContent()).toContain('All goals met');
    await page.screenshot({ path: join(shots, 'lesson-05-solution.png') });
  });

  it('lesson 2 in Chinese: kubectl scale in the terminal, Skip to rest, Check (检查)', async () => {
    await page.goto(lessonUrl('zh', '02-scale-and-pvcs'));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const lesson = page.getByTestId('Lesson');
    expect(await lesson.getByRole('heading', { level: 1 }).textContent()).toBe('扩容与 PVC 模板');
    expect(await page.getByTestId('Check').textContent()).toBe('检查');
    expect(await goals(page).first().textContent()).toContain('nginx-2 的期望副本数为 7');
    await page.locator('.xterm').click();
    await page.keyboard.type('kubectl scale clone/nginx-2 --replicas=7');
    await page.keyboard.press('Enter');
    await page.getByTestId('Check').waitFor();
    await page.getByRole('button', { name: '快进到稳定' }).click();
    await page.getByTestId('Check').click();
    await waitAllMet(page);
    expect(await page.getByTestId('goal-verdict').textContent()).toContain('全部目标已达成');
    await page.screenshot({ path: join(shots, 'lesson-02-zh.png') });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
