import { defineConfig } from 'vitest/config';

/** Browser flows in Debian's Chromium: `npx vitest run --config e2e/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
