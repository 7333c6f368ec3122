/**
 * The `enablement` block of the team config: thresholds of the next-action and reminder rules, and the stage exit
 * criteria a pre-call brief turns into questions (src/assist reads them).
 */
import { z } from 'zod';

export const exitCriterionSchema = z.strictObject({
  /** What must be true before the deal leaves the stage ("the decision maker has seen the demo"). */
  criterion: z.string().min(3).max(200),
  /** The question that finds out on the call. */
  question: z.string().min(3).max(300),
});
export type ExitCriterion = z.infer<typeof exitCriterionSchema>;

export const enablementConfigSchema = z.strictObject({
  /** Hours after which an inbound reply with no answer becomes the AE's next action and a reminder. */
  replyHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** Days after a demo (a completed meeting before the proposal stage) by which the proposal should be out. */
  proposalAfterDemoDays: z.number().int().positive().max(90).default(5),
  /** A contact on the deal with no touch for this many days has gone quiet (in a brief). */
  quietContactDays: z.number().int().positive().max(365).default(21),
  /** Days before the close date within which a late-stage deal's next action is to confirm the PO. */
  closingWindowDays: z.number().int().positive().max(90).default(14),
  /** Stage id or category (early, mid, late) → what must be true to leave it; stage ids win over categories. */
  exitCriteria: z.record(z.string(), z.array(exitCriterionSchema).max(10)).default({}),
});
export type EnablementConfig = z.infer<typeof enablementConfigSchema>;
export const DEFAULT_ENABLEMENT: EnablementConfig = enablementConfigSchema.parse({});
