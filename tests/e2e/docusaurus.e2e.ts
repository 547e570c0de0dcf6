import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { launchBrowser } from './browser';

// The real thing: the widget built, the Docusaurus 3 site of examples/docusaurus installed with
// `npm ci` and built by Docusaurus itself, served on localhost and opened in Chromium.
const root = resolve(import.meta.dirname, '../..');
const site = join(root, 'examples/docusaurus');
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network|fetch failed/i;

interface Ran {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: site, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => done({ code, output }));
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain' };

/** A plain static file server, as a docs host would be: directories serve their index.html. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end(readFileSync(join(dir, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

const podsOf = (widget: Locator) =>
  widget.getByTestId('Pods').getByRole('listitem').evaluateAll((items) =>
    items.map((el) => {
      const d = (el as HTMLElement).dataset;
      return { name: d.pod ?? '', restarts: d.restarts ?? '', ready: d.ready ?? '' };
    }),
  );

describe('<cloneset-playground> in a Docusaurus 3 site', () => {
  let skip: string | null = null;
  const seconds: Record<string, number> = {};
  const temp: string[] = [];
  let served: { server: Server; url: string } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];

  async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      seconds[name] = Math.round((performance.now() - start) / 100) / 10;
    }
  }

  beforeAll(async () => {
    const embed = mkdtempSync(join(tmpdir(), 'cloneset-embed-'));
    const out = mkdtempSync(join(tmpdir(), 'cloneset-docusaurus-'));
    temp.push(embed, out);
    await timed('widget build', () => build({ root, configFile: join(root, 'vite.embed.config.ts'), configLoader: 'runner', logLevel: 'warn', build: { outDir: embed, emptyOutDir: true } }));
    const ci = await timed('npm ci', () => run('npm', ['ci', '--no-audit', '--no-fund']));
    if (ci.code !== 0) {
      if (OFFLINE.test(ci.output)) {
        skip = `Docusaurus could not be installed (the npm registry is out of reach): ${ci.output.split('\n').find((l) => OFFLINE.test(l))?.trim()}`;
        return;
      }
      throw new Error(`npm ci failed in examples/docusaurus:\n${ci.output.slice(-3000)}`);
    }
    const copied = await run('node', ['scripts/copy-widget.mjs'], { CLONESET_EMBED_DIR: embed });
    if (copied.code !== 0) throw new Error(copied.output);
    const built = await timed('docusaurus build (en + zh-Hans)', () => run('npx', ['docusaurus', 'build', '--out-dir', out]));
    if (built.code !== 0) throw new Error(`docusaurus build failed:\n${built.output.slice(-3000)}`);
    served = await serve(out);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    console.log(`examples/docusaurus timings (s): ${JSON.stringify(seconds)}`);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    served?.server.close();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
    // the copied widget is a build output: it does not stay in the source tree (nor in the lint)
    rmSync(join(site, 'static/cloneset-playground'), { recursive: true, force: true });
  });

  it('server-renders a placeholder of each widget’s height', async (ctx) => {
    if (skip) ctx.skip(skip);
    const html = await (await fetch(served!.url)).text();
    expect(html.match(/data-cloneset-playground="loading"/g)).toHaveLength(2);
    expect(html).toMatch(/height:520px"[^>]*data-cloneset-playground="loading"/);
    expect(html).toMatch(/height:560px"[^>]*data-cloneset-playground="loading"/);
    expect(html).not.toContain('<cloneset-playground');
  });

  it('renders both widgets; the read-only one plays its in-place update to the end', async (ctx) => {
    if (skip) ctx.skip(skip);
    await page.goto(served!.url);
    const watch = page.locator('cloneset-playground#watch');
    const tryIt = page.locator('cloneset-playground#try');
    await expect.poll(() => podsOf(tryIt).then((p) => p.length), { timeout: 20_000 }).toBe(5);
    await expect.poll(() => watch.locator('.cp-root').getAttribute('data-autoplay'), { timeout: 30_000 }).toBe('done');
    const after = await podsOf(watch);
    expect(after).toHaveLength(5);
    expect(after.every((p) => p.restarts === '1' && p.ready === 'true')).toBe(true);
    await watch.getByTestId('Timeline').fill('3');
    await expect.poll(async () => (await podsOf(watch)).every((p) => p.restarts === '0')).toBe(true);
    expect((await podsOf(watch)).map((p) => p.name).sort()).toEqual(after.map((p) => p.name).sort());
    await expect(watch.getByRole('textbox', { name: 'CloneSet YAML' }).getAttribute('aria-readonly')).resolves.toBe('true');
    await tryIt.locator('.monaco-editor').waitFor({ timeout: 20_000 });
    await expect(tryIt.getByRole('button', { name: 'Apply', exact: true }).count()).resolves.toBe(1);
  });

  it('restyles both widgets when the Docusaurus color mode switches', async (ctx) => {
    if (skip) ctx.skip(skip);
    const roots = page.locator('cloneset-playground .cp-root');
    const looks = () => roots.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-theme')} ${getComputedStyle(el).backgroundColor}`));
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const light = await looks();
    expect(light.every((l) => l.startsWith('light'))).toBe(true);
    await page.getByRole('button', { name: /dark and light mode/i }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(looks).toEqual(['dark rgb(18, 21, 27)', 'dark rgb(18, 21, 27)']);
    expect(light[0]).not.toBe('dark rgb(18, 21, 27)');
  });

  it('speaks Chinese on the zh-Hans locale', async (ctx) => {
    if (skip) ctx.skip(skip);
    await page.goto(new URL('zh-Hans/', served!.url).href);
    const watch = page.locator('cloneset-playground#watch');
    await expect.poll(() => podsOf(watch).then((p) => p.length), { timeout: 20_000 }).toBe(5);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-Hans');
    await expect(watch.locator('.cp-root').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(watch.getByTestId('Step').textContent()).resolves.toContain('单步');
    expect(errors).toEqual([]);
  });
});
