// Builds the site once into a private temporary folder, serves it on a free localhost port and
// hands the URL to the tests. A private folder keeps two test runs from overwriting each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | undefined;
let outDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  outDir = mkdtempSync(join(tmpdir(), 'cloneset-playground-e2e-'));
  await build({ configLoader: 'runner', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  // the embeddable widget, served beside the site as `npm run build` places it
  await build({ configFile: 'vite.embed.config.ts', configLoader: 'runner', logLevel: 'warn', build: { outDir: join(outDir, 'embed'), emptyOutDir: true } });
  server = await preview({
    configLoader: 'runner',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server did not report a URL');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
