import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { lessonPageInputs, lessonsPlugin } from './build/lessonsPlugin';
import { pwaPlugin } from './src/pwa/pwaPlugin';

// The site is plain static files: every page is an HTML entry, nothing is fetched from another origin.
export default defineConfig({
  base: './',
  plugins: [lessonsPlugin({ root: import.meta.dirname }), svelte(), pwaPlugin()],
  publicDir: 'static',
  resolve: {
    alias: [
      // monaco-yaml's worker (through monaco-worker-manager) imports a file monaco-editor's
      // package exports do not list; point it at the file itself.
      {
        find: /^monaco-editor\/esm\/vs\/editor\/editor\.worker(\.js)?$/,
        replacement: resolve(import.meta.dirname, 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js'),
      },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        playground: resolve(import.meta.dirname, 'playground/index.html'),
        arithmetic: resolve(import.meta.dirname, 'arithmetic/index.html'),
        workshop: resolve(import.meta.dirname, 'workshop/index.html'),
        // /<lang>/lessons/<name>/: generated from the lesson folders (build/lessonsPlugin.ts)
        ...lessonPageInputs(import.meta.dirname),
      },
    },
  },
  server: { host: '127.0.0.1' },
});
