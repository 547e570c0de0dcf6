// The page's animation budget (DESIGN "Quality bars": 200 pods at 55+ fps, no main-thread task
// over 50 ms): builds and serves the site, opens /playground/ in headless Chromium, applies a
// 200-replica CloneSet, lets it settle, then plays an in-place rollout at 20× while measuring
// frames (requestAnimationFrame) and long tasks (PerformanceObserver 'longtask'). Prints one
// JSON line. Run: node --import tsx bench/page.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';

const REPLICAS = 200;
const MEASURE_MS = 6000;

const cloneSet = (image: string) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: bench
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels: {app: bench}
  template:
    metadata:
      labels: {app: bench}
    spec:
      containers:
      - name: web
        image: ${image}
  updateStrategy:
    type: InPlaceIfPossible
    maxUnavailable: 20%
`;

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

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'cloneset-playground-bench-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await launchBrowser();
  try {
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('preview server did not report a URL');
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(new URL('playground/', base).href);
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    // the editor swaps its plain text area for Monaco once loaded: type into the final one
    await page.locator('.monaco-editor').waitFor({ timeout: 15_000 }).catch(() => undefined);
    await setYaml(page, cloneSet('nginx:alpine'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-pod]').length === n, REPLICAS);
    await page.waitForTimeout(1000);

    await setYaml(page, cloneSet('nginx:1.25'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('slider', { name: 'Speed' }).fill('6');
    // A string, not a function: tsx's transform would add helpers the page does not have.
    const measure = page.evaluate(`new Promise((resolve) => {
      const tasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
      observer.observe({ type: 'longtask', buffered: false });
      let frames = 0, worst = 0, last = performance.now();
      const start = last;
      const tick = (now) => {
        frames++;
        worst = Math.max(worst, now - last);
        last = now;
        if (now - start < ${MEASURE_MS}) requestAnimationFrame(tick);
        else {
          observer.disconnect();
          resolve({ frames, seconds: (now - start) / 1000, longTasks: tasks.length, maxTaskMs: Math.max(0, ...tasks), worstFrameMs: worst });
        }
      };
      requestAnimationFrame(tick);
    })`) as Promise<{ frames: number; seconds: number; longTasks: number; maxTaskMs: number; worstFrameMs: number }>;
    await page.getByRole('button', { name: 'Play' }).click();
    const m = await measure;
    const restarted = await page.locator('[data-restarts="1"]').count();
    const virtual = Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'));
    process.stdout.write(
      `${JSON.stringify({
        bench: 'page-inplace-rollout',
        pods: REPLICAS,
        speed: 20,
        seconds: Number(m.seconds.toFixed(2)),
        fps: Number((m.frames / m.seconds).toFixed(1)),
        worstFrameMs: Number(m.worstFrameMs.toFixed(1)),
        longTasks: m.longTasks,
        maxTaskMs: Number(m.maxTaskMs.toFixed(1)),
        podsRestartedInPlace: restarted,
        virtualSeconds: virtual,
      })}\n`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
