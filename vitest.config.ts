import { defineConfig } from 'vitest/config';

// Every date in a test means the same instant on every machine.
process.env.TZ = 'UTC';

export default defineConfig({
  resolve: {
    // Site modules read the built report through a virtual module of the Astro build; unit tests
    // that import them get a stand-in with no data (see the file).
    alias: { 'virtual:polku/report-file': new URL('./tests/support/unit-report-file.ts', import.meta.url).pathname },
  },
  test: {
    env: { TZ: 'UTC' },
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Chromium and Astro builds are heavy on two cores: one browser test file at a time.
          fileParallelism: false,
        },
      },
      {
        // Tests that read real data from public projects in ../shared/fixtures, in place: not part of
        // `npm test` (a clone on its own must pass), run by `npm run test:conformance` and in CI.
        extends: true,
        test: {
          name: 'conformance',
          include: ['tests/conformance/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
