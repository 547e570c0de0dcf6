import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';

// The rollout arithmetic explorer runs the controller's own functions in the browser: these are
// the numbers SPEC §7/§8 gives, read off the real page.
describe('rollout arithmetic page', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(new URL('arithmetic/', inject('baseUrl')).href);
  });
  afterAll(async () => { await browser?.close(); });

  const value = (id: string) => page.getByTestId(id).textContent();
  const field = (name: string) => page.getByLabel(name, { exact: true });

  it('shows the seed post partition canary: 5 replicas, partition 3 → 2 to update, one at a time', async () => {
    expect(await value('partition-pods')).toBe('3');
    expect(await value('expected-updated')).toBe('2');
    expect(await value('max-unavailable')).toBe('1');
    expect(await value('update-num')).toBe('2');
    expect(await page.getByTestId('next-action').getAttribute('data-kind')).toBe('update');
    expect(await value('next-action')).toContain('Start updating 1 old pod');
    expect(await page.getByRole('list', { name: 'Pods now' }).getByRole('listitem').count()).toBe(5);
  });

  it('applies the percent partition rules: ceil, then "at least one pod updated"', async () => {
    await field('replicas').fill('10');
    await field('old revision, available').fill('10');
    await field('updateStrategy.partition').fill('90%');
    expect(await value('partition-pods')).toBe('9');
    await field('updateStrategy.partition').fill('99%');
    expect(await value('partition-pods')).toBe('9');
    expect(await value('expected-updated')).toBe('1');
    await field('updateStrategy.partition').fill('100%');
    expect(await value('partition-pods')).toBe('10');
  });

  it('rounds maxUnavailable down when maxSurge is set, and back up when paused', async () => {
    await field('replicas').fill('5');
    await field('old revision, available').fill('5');
    await field('updateStrategy.partition').fill('0');
    await field('updateStrategy.maxUnavailable').fill('30%');
    expect(await value('max-unavailable')).toBe('2');
    await field('updateStrategy.maxSurge').fill('1');
    expect(await value('max-unavailable')).toBe('1');
    expect(await value('max-surge')).toBe('1');
    await page.getByLabel('updateStrategy.paused').check();
    expect(await value('max-surge')).toBe('0');
    expect(await value('max-unavailable')).toBe('2');
    expect(await page.getByTestId('next-action').getAttribute('data-kind')).toBe('paused');
  });

  it('scales while paused: 5 → 10 replicas creates 5 pods at the update revision', async () => {
    await field('replicas').fill('10');
    expect(await value('scale-up')).toBe('5 (0)');
    expect(await page.getByTestId('next-action').getAttribute('data-kind')).toBe('create');
  });

  it('shows the webhook refusal kubectl would print, and what the controller would do with the value', async () => {
    await field('updateStrategy.partition').fill('five');
    await expect.poll(() => page.getByTestId('denied').textContent()).toContain(
      'admission webhook "vcloneset.kb.io" denied the request: spec.updateStrategy.partition: Invalid value: "five"',
    );
    expect(await value('partition-pods')).toBe('0');
    await field('updateStrategy.partition').fill('0');
    await field('updateStrategy.maxSurge').fill('"5"');
    await expect.poll(() => page.getByTestId('denied').textContent()).toContain(
      'spec.updateStrategy.maxSurge: Invalid value: "5": failed GetScaledValueFromIntOrPercent for maxSurge: invalid type: string is not a percentage',
    );
    await page.screenshot({ path: 'test-results/arithmetic-denied.png', fullPage: true });
    await field('updateStrategy.maxSurge').fill('');
    await field('updateStrategy.maxUnavailable').fill('0');
    await expect.poll(() => page.getByTestId('denied').textContent()).toContain('maxUnavailable and maxSurge should not both be less than 1');
    await field('updateStrategy.maxUnavailable').fill('');
    await expect.poll(() => page.getByTestId('denied').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
