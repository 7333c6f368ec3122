/**
 * Two projects. `unit`: in-process tests (the CLI through `main(argv, io)`, the product's in-process sandbox, the
 * MCP server in memory): `npm run test:unit`, under a minute. Unit files share their worker's module cache
 * (`isolate: false`): importing the product once per worker instead of once per file saves most of a minute, and
 * the files keep no module-level state that another file could see (each makes its own temp folders).
 * `integration`: the built CLI as a subprocess (one smoke test per command), the browser, SMTP and webhook
 * receivers, the MCP transports, Claude Code, the eval suites: `npm run test:integration`. `npm test` runs both
 * together and ends with the "N passed, N failed" line CI reads.
 *
 * Three workers on a two-core machine (vitest's default is one fewer than the cores): unit files are CPU-bound, and
 * integration files spend much of their time waiting on a child process, a browser, an SMTP receiver or a retry
 * delay, so a third worker keeps both cores busy. Measured on two cores: `npm test` 573 s with one integration
 * worker after the unit files, 357 s with two, 331 s with both projects on three workers at once. Transformed
 * modules are cached on disk between runs (`fsModuleCache`, keyed on each file's content).
 */
import { defineConfig } from 'vitest/config';

const INTEGRATION = [
  'test/**/*.smoke.test.ts',
  'test/notify/browser.test.ts',
  'test/notify/delivery.test.ts',
  'test/notify/cli.test.ts',
  'test/mcp/transports.test.ts',
  'test/eval/cli.test.ts',
  'test/eval/offline-suites.test.ts',
  'test/claude/claude-code.test.ts',
  'test/cli/strategy-metrics.test.ts',
  'test/dashboard/browser.test.ts',
  'test/dashboard/weekly-email.test.ts',
  'test/mcp/serve-startup.test.ts',
  'test/notify/concurrency.test.ts',
  'test/notify/fix-kinds.browser.test.ts',
  'test/notify/reminder-tap.browser.test.ts',
  'test/notify/schedule-cli.test.ts',
  'test/sync/interrupted-sync.test.ts',
  // Real waits and real receivers: the official client's own 10 s retry after a rolling-window 429, four simulated
  // weeks delivered to an SMTP server, the reconcile/ask eval suites run end to end, every MCP read tool on a
  // generated portal of thousands of deals.
  'test/crm/hubspot-resilience.test.ts',
  'test/notify/schedule-sim.test.ts',
  'test/eval/reconcile-ask.test.ts',
  'test/mcp/bound.test.ts',
  'evals/**/*.eval.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    experimental: { fsModuleCache: true },
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/demo-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: INTEGRATION,
          isolate: false,
          maxWorkers: 3,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['./test/support/build-setup.ts'],
          maxWorkers: 3,
        },
      },
    ],
  },
});
