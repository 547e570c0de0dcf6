// The page's budgets (DESIGN "Quality bars", issues "playground page" and "prove it"), measured on
// the production build served on localhost in headless Chromium:
// - first useful screen: navigation start to the first frame after the cluster view and the
//   time controls are in the page, with the editor still loading (median of three cold loads);
// - initial JavaScript: gzip size of the playground's entry and every chunk it imports
//   statically (the editor, Monaco and the terminal are dynamic imports, so they are not in it);
// - animation: a 200-replica CloneSet, then an in-place rollout played at 20×, frames counted
//   with requestAnimationFrame and main-thread tasks over 50 ms with PerformanceObserver;
// - scrubbing: the Timeline slider moved step by step back over that rollout (1,000 events) and
//   forward again; each step timed from the input event to the page's DOM updated and laid out.
// Prints one JSON line. Run: node --import tsx bench/page.ts [--profile FILE.cpuprofile]
// (--profile builds without minifying and records a CPU profile of the page while it plays).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';

const REPLICAS = 200;
const MEASURE_MS = 6000;
const FIRST_SCREEN_RUNS = 3;
const SCRUB_STEPS = 40;

const profileAt = process.argv.indexOf('--profile');
const profileFile = profileAt > 0 ? process.argv[profileAt + 1] : undefined;

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

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; src?: string }>;

/** Gzip bytes of the playground page's entry chunk and everything it imports statically. */
function initialJsGzip(outDir: string): { bytes: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit('playground/index.html');
  const files = [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
  return { bytes, files };
}

// Strings, not functions, for page.evaluate: tsx's transform would add helpers the page lacks.
const FIRST_SCREEN_PROBE = `(() => {
  const done = () => {
    if (!document.querySelector('[data-testid="Pods"]') || !document.querySelector('[data-testid="Timeline"]')) return false;
    requestAnimationFrame(() => setTimeout(() => {
      window.__firstUseful = { ms: performance.now(), editorLoaded: document.querySelector('.monaco-editor') !== null };
    }, 0));
    return true;
  };
  new MutationObserver((_, observer) => { if (done()) observer.disconnect(); }).observe(document, { childList: true, subtree: true });
})()`;

async function firstUsefulScreen(browser: Browser, url: string): Promise<{ ms: number; editorLoadedFirst: boolean }> {
  const runs: { ms: number; editorLoaded: boolean }[] = [];
  for (let i = 0; i < FIRST_SCREEN_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(FIRST_SCREEN_PROBE);
    await page.goto(url);
    runs.push((await (await page.waitForFunction('window.__firstUseful')).jsonValue()) as { ms: number; editorLoaded: boolean });
    await context.close();
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], editorLoadedFirst: runs.some((r) => r.editorLoaded) };
}

interface Animation {
  frames: number;
  seconds: number;
  longTasks: number;
  maxTaskMs: number;
  worstFrameMs: number;
}

const MEASURE_ANIMATION = `new Promise((resolve) => {
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
})`;

interface Scrub {
  steps: number;
  maxStepMs: number;
  medianStepMs: number;
  longTasks: number;
  maxTaskMs: number;
}

/** Moves the Timeline slider from `from` to `to` and back in SCRUB_STEPS steps each way. */
const scrubScript = (from: number, to: number) => `(async () => {
  const slider = document.querySelector('[data-testid="Timeline"]');
  const pods = document.querySelector('[data-testid="Pods"]');
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const positions = [];
  for (let i = 0; i <= ${SCRUB_STEPS}; i++) positions.push(${from} + (${to} - ${from}) * (1 - i / ${SCRUB_STEPS}));
  for (let i = ${SCRUB_STEPS} - 1; i >= 0; i--) positions.push(positions[i]);
  const times = [];
  for (const p of positions) {
    await nextFrame();
    const t0 = performance.now();
    slider.value = String(p);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTask();
    pods.getBoundingClientRect();
    times.push(performance.now() - t0);
  }
  await nextFrame();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  const sorted = [...times].sort((a, b) => a - b);
  return { steps: times.length, maxStepMs: sorted[sorted.length - 1], medianStepMs: sorted[Math.floor(sorted.length / 2)], longTasks: tasks.length, maxTaskMs: Math.max(0, ...tasks) };
})()`;

const round = (n: number) => Number(n.toFixed(1));

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'cloneset-playground-bench-'));
  await build({ configLoader: 'runner', logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true, ...(profileFile ? { minify: false } : {}) } });
  const initial = initialJsGzip(outDir);
  const server = await preview({ configLoader: 'runner', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await launchBrowser();
  try {
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('preview server did not report a URL');
    const url = new URL('playground/', base).href;
    const first = await firstUsefulScreen(browser, url);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(url);
    await page.getByRole('list', { name: 'Pods' }).waitFor();
    // the editor swaps its plain text area for Monaco once loaded: type into the final one
    await page.locator('.monaco-editor').waitFor({ timeout: 15_000 }).catch(() => undefined);
    await setYaml(page, cloneSet('nginx:alpine'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-pod]').length === n, REPLICAS);
    await page.waitForTimeout(1000);
    const virtualTime = async () => Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'));
    const rolloutStart = await virtualTime();
    const eventsBefore = Number(await page.getByTestId('Events').getAttribute('data-occurrences'));

    await setYaml(page, cloneSet('nginx:1.25'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('slider', { name: 'Speed' }).fill('6');
    let metricsBefore: { name: string; value: number }[] = [];
    const cdp = profileFile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Performance.enable');
      metricsBefore = (await cdp.send('Performance.getMetrics')).metrics;
      await cdp.send('Profiler.start');
    }
    const measure = page.evaluate(MEASURE_ANIMATION) as Promise<Animation>;
    // by test id: finding a button by role and name computes every pod card's name on the page
    await page.getByTestId('Play').click();
    const m = await measure;
    if (cdp && profileFile) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
      const after = (await cdp.send('Performance.getMetrics')).metrics;
      const spent = Object.fromEntries(
        after.filter((a) => a.name.endsWith('Duration')).map((a) => [a.name, round((a.value - (metricsBefore.find((b) => b.name === a.name)?.value ?? 0)) * 1000)]),
      );
      process.stderr.write(`main-thread ms while playing: ${JSON.stringify(spent)}\n`);
    }
    const restarted = await page.locator('[data-restarts="1"]').count();
    const virtual = await virtualTime();

    // the rest of the rollout, then back and forth over it on the timeline
    if (await page.getByRole('button', { name: 'Pause' }).isVisible()) await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-restarts="1"]').length === n, REPLICAS);
    const rolloutEnd = await virtualTime();
    const rolloutEvents = Number(await page.getByTestId('Events').getAttribute('data-occurrences')) - eventsBefore;
    const scrub = (await page.evaluate(scrubScript(rolloutStart, rolloutEnd))) as Scrub;

    process.stdout.write(
      `${JSON.stringify({
        bench: 'page',
        firstUsefulScreenMs: round(first.ms),
        editorLoadedBeforeFirstScreen: first.editorLoadedFirst,
        initialJsGzipKB: round(initial.bytes / 1024),
        initialJsFiles: initial.files.length,
        pods: REPLICAS,
        speed: 20,
        seconds: round(m.seconds),
        fps: round(m.frames / m.seconds),
        worstFrameMs: round(m.worstFrameMs),
        longTasks: m.longTasks,
        maxTaskMs: round(m.maxTaskMs),
        podsRestartedInPlace: restarted,
        virtualSeconds: virtual,
        rolloutEvents,
        scrubSteps: scrub.steps,
        maxScrubStepMs: round(scrub.maxStepMs),
        medianScrubStepMs: round(scrub.medianStepMs),
        scrubLongTasks: scrub.longTasks,
        scrubMaxTaskMs: round(scrub.maxTaskMs),
      })}\n`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
