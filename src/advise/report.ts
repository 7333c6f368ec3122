/** Every advice report: one zod schema, discriminated by topic. */
import { z } from 'zod';
import { hygieneAdviceSchema } from './hygiene.js';
import { lifecycleAdviceSchema } from './lifecycle.js';
import { metricsAdviceSchema } from './metrics.js';
import { pipelineAdviceSchema } from './pipeline.js';
import { outOfScopeAdviceSchema } from './scope.js';
import { scoringAdviceSchema } from './scoring.js';

export const adviceReportSchema = z.discriminatedUnion('topic', [
  lifecycleAdviceSchema,
  scoringAdviceSchema,
  pipelineAdviceSchema,
  metricsAdviceSchema,
  hygieneAdviceSchema,
  outOfScopeAdviceSchema,
]);
export type AdviceReport = z.infer<typeof adviceReportSchema>;
