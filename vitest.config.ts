import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'android-app/src/**/*.test.ts',
      'android-app/node/**/*.test.ts',
      'test/**/*.test.ts',
      'test/**/*.e2e.ts',
    ],
    // Real SQLite, TCP and child processes: give slow CI machines room, never a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
