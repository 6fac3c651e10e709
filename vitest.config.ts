import { defineConfig } from 'vitest/config';
import SummaryReporter from './test/helpers/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two workers keep the suite fast without starving the spawned processes.
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
  },
});
