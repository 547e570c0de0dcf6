import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// The simulation core must stay pure and deterministic: no wall clock, no Math.random, no DOM,
// no Svelte. These rules make that a lint error rather than a review comment.
const simPurity = {
  files: ['src/sim/**/*.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-globals': [
      'error',
      { name: 'Date', message: 'src/sim runs on the virtual clock: pass `now` in instead of reading Date.' },
      { name: 'window', message: 'src/sim is DOM-free.' },
      { name: 'document', message: 'src/sim is DOM-free.' },
      { name: 'navigator', message: 'src/sim is DOM-free.' },
      { name: 'localStorage', message: 'src/sim is DOM-free.' },
      { name: 'performance', message: 'src/sim must not read real time.' },
      { name: 'setTimeout', message: 'src/sim timers run on the virtual clock.' },
      { name: 'setInterval', message: 'src/sim timers run on the virtual clock.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded Rng from src/sim/rng.ts.' },
      { object: 'globalThis', property: 'Date', message: 'src/sim runs on the virtual clock.' },
      { object: 'globalThis', property: 'window', message: 'src/sim is DOM-free.' },
      { object: 'globalThis', property: 'document', message: 'src/sim is DOM-free.' },
    ],
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['svelte', 'svelte/*'], message: 'src/sim must not depend on Svelte.' },
          { group: ['**/ui/**', '**/kubectl/**', '**/lessons/**', '**/embed/**', '**/cli/**'], message: 'src/sim depends on nothing above it.' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/sim runs in the browser too: no Node APIs.' },
        ],
      },
    ],
  },
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/build/', 'examples/**/.docusaurus/', 'examples/**/static/cloneset-playground/', 'examples/**/node_modules/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  simPurity,
);
