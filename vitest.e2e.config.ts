import { defineConfig } from 'vitest/config';

// End-to-end tests of the demo portal in Debian's Chromium: one demo server per file, files one
// after another (two cores; each file has a browser and a server of its own).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
