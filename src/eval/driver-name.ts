/** The drivers an eval suite runs with (a leaf module: product.ts and types.ts both read it). */
export const EVAL_DRIVERS = ['offline', 'claude'] as const;
export type EvalDriverName = (typeof EVAL_DRIVERS)[number];
