/**
 * The shapes reconcile reads and writes. `reconcileResultSchema` is the public `mis reconcile --json` document
 * (docs/contracts.md §2): keep its fields and discrepancy type names; extend only with optional fields.
 */
import { z } from 'zod';
import { crmChangeSchema } from '../writes/index.js';

/** Where an AE's words put a deal, in the portal-independent vocabulary the lexicon maps to real stages. */
export const STAGE_KEYS = [
  'discovery',
  'demo',
  'poc',
  'proposal',
  'shortlisted',
  'negotiation',
  'committed',
  'won',
  'lost',
] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export const ACTIVITY_KINDS = ['call', 'meeting', 'email'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

/** A date an AE wrote, resolved in the team's time zone: one day, or a span for "this week", "end Dec". */
export const dateClaimSchema = z.object({
  raw: z.string().describe('the words as written, e.g. "by 15th", "next Tue"'),
  date: ymd.describe('the day meant (for a span: its last day)'),
  from: ymd.describe('first day the words allow'),
  to: ymd.describe('last day the words allow'),
});
export type DateClaim = z.infer<typeof dateClaimSchema>;

export const amountClaimSchema = z.object({
  raw: z.string().describe('as written: "15.2L", "₹1.1 Cr", "1,52,000"'),
  value: z.number().nonnegative().describe('in the portal currency'),
  tolerance: z.number().nonnegative().describe('how far off the CRM may be and still agree (the precision written)'),
});
export type AmountClaim = z.infer<typeof amountClaimSchema>;

export const activityClaimSchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  raw: z.string().describe('the words that report it, e.g. "F2F with Hitesh on Wed"'),
  date: dateClaimSchema.nullable().describe('when it happened; null: not said (taken as the last 7 days)'),
});
export type ActivityClaim = z.infer<typeof activityClaimSchema>;

/** What one mention of a deal in an update says. Both extractors produce exactly this. */
export const mentionClaimsSchema = z.object({
  text: z.string().min(1).describe('the mention, verbatim from the update'),
  name: z.string().nullable().describe('the company or deal named, as written ("Forace grp")'),
  stage: z
    .object({
      key: z.enum(STAGE_KEYS),
      phrase: z.string(),
      stageId: z.string().optional().describe('the portal stage whose own label the AE used'),
    })
    .nullable(),
  amount: amountClaimSchema.nullable(),
  closeDate: dateClaimSchema.nullable().describe('expected close / PO / signing date'),
  activities: z.array(activityClaimSchema),
  active: z.string().nullable().describe('the words saying the deal is alive ("still active", "in touch"), if any'),
  lostReason: z.string().nullable(),
  nextStep: z.object({ text: z.string(), date: dateClaimSchema.nullable() }).nullable(),
  competitors: z.array(z.string()),
  product: z.string().nullable(),
  newDeal: z.boolean().describe('the AE calls it new ("new opp", "new one")'),
  anchor: z
    .object({
      entity: z.string().nullable(),
      dealIds: z.array(z.string()),
      via: z.enum(['company', 'initials', 'contact', 'product', 'oldname', 'new']),
      confidence: z.number().min(0).max(1),
    })
    .optional()
    .describe('the CRM entity the subject was anchored on (vocabulary.ts); absent: resolved by name only'),
});
export type MentionClaims = z.infer<typeof mentionClaimsSchema>;

export const extractionSchema = z.object({
  mentions: z.array(mentionClaimsSchema),
  warnings: z.array(z.string()).optional(),
});
export type Extraction = z.infer<typeof extractionSchema>;

export const DISCREPANCY_TYPES = [
  'stage_mismatch',
  'missing_deal',
  'stale_deal',
  'amount_mismatch',
  'close_date_mismatch',
  'unlogged_activity',
  'lost_not_closed',
] as const;
export type DiscrepancyType = (typeof DISCREPANCY_TYPES)[number];

export const reconcileMentionSchema = z.object({
  text: z.string(),
  dealId: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  // optional additions
  name: z.string().nullable().optional(),
  companyId: z.string().nullable().optional(),
  matchedName: z.string().nullable().optional(),
  note: z.string().optional(),
  claims: mentionClaimsSchema.optional(),
});
export type ReconcileMention = z.infer<typeof reconcileMentionSchema>;

export const discrepancySchema = z.object({
  type: z.enum(DISCREPANCY_TYPES),
  dealId: z.string().nullable(),
  mention: z.string().describe('the company or deal as the AE named it'),
  claimed: z.record(z.string(), z.unknown()),
  crm: z.record(z.string(), z.unknown()),
  proposedUpdates: z.array(crmChangeSchema),
  // optional additions
  quote: z.string().optional().describe('the mention, verbatim: the evidence'),
  summary: z.string().optional(),
  companyId: z.string().nullable().optional(),
  confidence: z.number().min(0).max(1).optional().describe("how sure the engine is of the mention's match and claim"),
});
export type Discrepancy = z.infer<typeof discrepancySchema>;

export const coverageSchema = z.object({
  mentionsMatched: z.number().int().nonnegative(),
  mentionsTotal: z.number().int().nonnegative(),
  crmExplainedShare: z.number().min(0).max(1).describe("share of the update's claims the CRM already agrees with"),
  // optional additions
  claimsTotal: z.number().int().nonnegative().optional(),
  claimsConsistent: z.number().int().nonnegative().optional(),
  afterApplyShare: z.number().min(0).max(1).optional().describe('the same share once every proposed update is applied'),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const reconcileResultSchema = z.object({
  owner: z.string(),
  asOf: z.string(),
  mentions: z.array(reconcileMentionSchema),
  discrepancies: z.array(discrepancySchema),
  coverage: coverageSchema,
  // optional additions
  updateId: z.string().optional(),
  extractor: z.enum(['offline', 'claude']).optional(),
  warnings: z.array(z.string()).optional(),
  candidates: z
    .array(discrepancySchema)
    .optional()
    .describe('discrepancies below --min-confidence: to check, never proposed'),
  minConfidence: z.number().min(0).max(1).optional(),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;
