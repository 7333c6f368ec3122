import { defineConfig } from 'vitest/config';

/** `npx vitest run --config evals/reconcile/vitest.config.ts` (npm run eval:reconcile). */
export default defineConfig({
  test: {
    include: ['evals/reconcile/**/*.eval.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
