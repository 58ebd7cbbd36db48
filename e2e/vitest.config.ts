import { defineConfig } from 'vitest/config';

/**
 * Browser flows in Chromium, one file at a time: `npx vitest run --config e2e/vitest.config.ts`.
 * The global setup chooses the browser once (CHROMIUM_PATH, a system Chromium, or the packaged
 * one — e2e/browser.ts) and stops the run at once when none can start.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
