import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // e2e/: only the browser resolver's own test here; the browser flows run with e2e/vitest.config.ts.
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'bench/**/*.test.ts', 'e2e/browser.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
