// Copies the built widget (the project's dist/embed/, or CLONESET_EMBED_DIR) into static/, where
// the site serves it as /cloneset-playground/ and the MDX pages import its React wrapper from.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = resolve(process.env.CLONESET_EMBED_DIR ?? join(site, '../../dist/embed'));
const to = join(site, 'static/cloneset-playground');

if (!existsSync(join(from, 'cloneset-playground.js'))) {
  console.error(`No widget at ${from}: run "npm run build" in the project's root first (or set CLONESET_EMBED_DIR).`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log(`widget copied from ${from}`);
