// Draws the PNG icons of the web app manifest from static/favicon.svg with headless Chromium:
//   npx tsx src/pwa/makeIcons.ts
// (maskable: the symbol inside the safe zone, on the brand's background).
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../../tests/e2e/browser';

const root = resolve(import.meta.dirname, '../..');
const svg = readFileSync(join(root, 'static/favicon.svg'), 'utf8');
const out = join(root, 'static/icons');
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
const icons = [
  { file: 'icon-192.png', size: 192, padding: 0.06, background: 'transparent' },
  { file: 'icon-512.png', size: 512, padding: 0.06, background: 'transparent' },
  { file: 'maskable-512.png', size: 512, padding: 0.2, background: '#ffffff' },
];
for (const icon of icons) {
  const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
  const inset = Math.round(icon.size * icon.padding);
  await page.setContent(`<html><body style="margin:0;background:${icon.background}"><div style="padding:${inset}px;width:${icon.size}px;height:${icon.size}px;box-sizing:border-box">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body></html>`);
  await page.screenshot({ path: join(out, icon.file), omitBackground: icon.background === 'transparent' });
  await page.close();
}
await browser.close();
