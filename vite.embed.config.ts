import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

// The embeddable widget (DESIGN.md "Embedding"): one ES module, dist/embed/cloneset-playground.js,
// defining <cloneset-playground>, with one stylesheet the element links inside its shadow root
// and lazily loaded chunks (the editor, Monaco and its workers, each lesson) beside it. Paths are
// relative to the module, so the folder can be served from anywhere on a site.
/** The React wrapper (src/embed/react/) published as it is, in dist/embed/react/ beside the element. */
function reactWrapper(): Plugin {
  const files = ['CloneSetPlayground.jsx', 'CloneSetPlayground.d.ts', 'package.json'];
  return {
    name: 'cloneset-playground-react-wrapper',
    generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: `react/${file}`, source: readFileSync(resolve(import.meta.dirname, 'src/embed/react', file), 'utf8') });
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [svelte(), reactWrapper()],
  publicDir: false,
  resolve: {
    alias: [
      {
        find: /^monaco-editor\/esm\/vs\/editor\/editor\.worker(\.js)?$/,
        replacement: resolve(import.meta.dirname, 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js'),
      },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    // one stylesheet for the shadow root, the lazily loaded editor's included
    cssCodeSplit: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/embed/cloneset-playground.ts'),
      formats: ['es'],
      fileName: () => 'cloneset-playground.js',
      cssFileName: 'cloneset-playground',
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // the stylesheet keeps a fixed name: the element links it by that name
        assetFileNames: (asset) => (asset.names.some((n) => n.endsWith('.css')) ? 'cloneset-playground.css' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
