import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The functions' structured logs and EMF metrics would bury the test report; tests assert on replies.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The report page in headless chromium (playwright-core); the screenshot goes to the temporary folder.
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // A private MariaDB primary + replica for the whole run, started here and always stopped.
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/use-test-databases.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Whole simulated calls: the real flows and functions against a private primary + replica of their own.
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/use-test-databases.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          // fast-check properties and faults on a private primary + replica; CHAOS_RUNS cases each (100 unless set).
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/use-test-databases.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
