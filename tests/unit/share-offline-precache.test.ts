import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precacheList, serviceWorkerSource } from '../../src/pwa/pwaPlugin';

describe('the service worker’s precache list', () => {
  it('lists every file of the build but the worker itself, source maps and the embed’s folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'precache-'));
    for (const f of ['index.html', 'sw.js', 'playground/index.html', 'assets/a.js', 'assets/a.js.map', 'assets/yaml.worker-x.js', 'embed/cloneset-playground.js', 'icons/icon-192.png']) {
      mkdirSync(join(out, f, '..'), { recursive: true });
      writeFileSync(join(out, f), f);
    }
    expect(precacheList(out)).toEqual(['assets/a.js', 'assets/yaml.worker-x.js', 'icons/icon-192.png', 'index.html', 'playground/index.html']);
  });

  it('puts the list and version in place of the template’s placeholder', () => {
    const sw = serviceWorkerSource('/* global PRECACHE, VERSION */\nconst CACHE = `c-${VERSION}`;', ['index.html'], 'abc');
    expect(sw).toBe('const PRECACHE = ["index.html"];\nconst VERSION = "abc";\nconst CACHE = `c-${VERSION}`;');
    expect(() => serviceWorkerSource('no placeholder', [], 'x')).toThrow(/placeholder|lost/);
  });
});
