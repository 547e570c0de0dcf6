// The build's offline support: every page gets the web app manifest and the module that installs
// the service worker, and when the build is written, sw.js is made from src/pwa/serviceWorker.js
// with the list of every file of the build (Monaco and its workers included) and a version
// derived from their contents (a changed file is a new worker and a new cache).
import type { Plugin, ResolvedConfig } from 'vite';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const TEMPLATE = resolve(import.meta.dirname, 'serviceWorker.js');
/** The template's line naming the globals the plugin fills in; it is replaced by their values. */
const GLOBALS_COMMENT = '/* global PRECACHE, VERSION */';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The files a service worker precaches: all of the build but itself, source maps and the embed's own folder. */
export function precacheList(outDir: string): string[] {
  return filesUnder(outDir)
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !f.startsWith('embed/'))
    .sort();
}

/** The service worker's source for a build: the template with the file list and version in place. */
export function serviceWorkerSource(template: string, files: readonly string[], version: string): string {
  if (!template.includes(GLOBALS_COMMENT)) throw new Error(`${TEMPLATE} lost its ${GLOBALS_COMMENT} line`);
  return template.replace(GLOBALS_COMMENT, `const PRECACHE = ${JSON.stringify(files)};\nconst VERSION = ${JSON.stringify(version)};`);
}

export function pwaPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'cloneset-playground-pwa',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(_html, ctx) {
        // '/index.html' is at the root, '/playground/index.html' one folder down: links are relative
        const up = '../'.repeat(Math.max(0, ctx.path.split('/').length - 2)) || './';
        return [
          { tag: 'link', attrs: { rel: 'manifest', href: `${up}manifest.webmanifest` }, injectTo: 'head' },
          { tag: 'meta', attrs: { name: 'theme-color', content: '#2f6fde' }, injectTo: 'head' },
          { tag: 'script', attrs: { type: 'module', src: '/src/pwa/register.ts' }, injectTo: 'head' },
        ];
      },
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const files = precacheList(outDir);
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update('\0').update(readFileSync(join(outDir, f))).update('\0');
      writeFileSync(join(outDir, 'sw.js'), serviceWorkerSource(readFileSync(TEMPLATE, 'utf8'), files, hash.digest('hex').slice(0, 16)));
    },
  };
}
