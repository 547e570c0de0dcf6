import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';

// The site as an installed web app: after one visit the service worker holds every file of the
// build, so with the network off the playground still loads, Monaco included, and runs a CloneSet.
describe('offline after the first visit', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failed: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('offers a web app manifest with icons', async () => {
    await page.goto(new URL('playground/', inject('baseUrl')).href);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('../manifest.webmanifest');
    const manifest = await page.evaluate(async (h) => (await fetch(h as string)).json(), href);
    expect(manifest).toMatchObject({ name: 'CloneSet Playground', start_url: './', display: 'standalone' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await page.evaluate(async (src) => {
        const r = await fetch(new URL(src, new URL('../manifest.webmanifest', location.href)));
        return { ok: r.ok, type: r.headers.get('content-type') };
      }, icon.src);
      expect(response.ok, icon.src).toBe(true);
      expect(response.type, icon.src).toContain(icon.type);
    }
  });

  it('installs a service worker that controls the page and holds the whole build', async () => {
    const state = () =>
      page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return r ? `${r.installing ? 'installing' : ''}${r.waiting ? 'waiting' : ''}${r.active?.state ?? ''}` : 'none';
      });
    await expect.poll(state, { timeout: 45_000 }).toBe('activated');
    // the worker claims the page when it activates; a reload makes sure every request goes through it
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 30_000 }).toBe('activated');
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('cloneset-playground-')) as string);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/playground/index.html');
    expect(cached).toContain('/index.html');
    expect(cached.some((p) => /editor\.api.*\.js$/.test(p))).toBe(true);
    expect(cached.filter((p) => /worker.*\.js$/i.test(p)).length).toBeGreaterThanOrEqual(2);
  });

  it('reloads with the network off and still applies a CloneSet, the editor included', async () => {
    await context.setOffline(true);
    // a request cut short by the reload itself is aborted, not failed for want of a network
    page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failed.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.reload();
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    await page.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Pods' }).getByRole('listitem').count()).toBe(5);
    const phases = await page.getByRole('list', { name: 'Pods' }).getByRole('listitem').evaluateAll((items) => items.map((el) => (el as HTMLElement).dataset.phase));
    expect(phases).toEqual(['Running', 'Running', 'Running', 'Running', 'Running']);
    // the course map too
    const home = await context.newPage();
    await home.goto(inject('baseUrl'));
    await expect(home.title()).resolves.toMatch(/CloneSet/);
    await home.close();
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await context.setOffline(false);
  });
});
