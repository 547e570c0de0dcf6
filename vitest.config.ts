import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Simulation-heavy tests (properties, hostile inputs, whole lessons) run for seconds on a busy
    // two-core machine; a slow machine is not a failure. Speed is judged by `npm run bench`.
    testTimeout: 60_000,
  },
});
