/**
 * The team-config keys of the unit-economics, quota, forecast, lead-scoring, leaderboard and budget metrics
 * (`mis metrics cac|ltv|attainment|forecast|aging|speed-to-lead|lead-scores|leaderboard|budget|channels`).
 * One block, spread into the team config schema, so every key here has a default and the file stays optional.
 * Months are `YYYY-MM` in the team's time zone; amounts are in the portal currency.
 */
import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const byMonth = z.record(month, z.number().nonnegative());
export const FORECAST_CATEGORIES = ['commit', 'best_case', 'pipeline', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const metricsConfigShape = {
  /** Marketing spend per channel (HubSpot source or campaign channel, e.g. PAID_SOCIAL) per month, beyond campaign spend in the portal. */
  spend: z.record(z.string(), byMonth).default({}),
  /** Fully loaded sales cost (salaries, tools) per month, for blended CAC. */
  salesCost: byMonth.default({}),
  /** Gross margin of revenue (0–1), for LTV. */
  grossMargin: z.number().min(0).max(1).default(0.7),
  economics: z
    .object({
      /** Months one deal amount pays for (12: amounts are annual contract values). */
      amountMonths: z.number().positive().default(12),
      /** Monthly logo churn to use instead of the one measured on renewals (0–1). */
      monthlyChurn: z.number().min(0).max(1).nullable().default(null),
      /** Monthly churn assumed when none is configured and renewals give no measure (2 %/month ≈ 22 %/year). */
      defaultMonthlyChurn: z.number().min(0).max(1).default(0.02),
      /** The strategy's target: CAC below LTV ÷ this. */
      ltvToCacTarget: z.number().positive().default(3),
    })
    .prefault({}),
  renewals: z
    .object({
      /** Pipeline ids holding renewals; empty = pipelines whose id or label says "renewal". */
      pipelines: z.array(z.string()).default([]),
      /** `dealtype` values of renewals and expansions (HubSpot: existingbusiness). */
      dealTypes: z.array(z.string()).default(['existingbusiness']),
    })
    .prefault({}),
  quotas: z
    .object({
      /** Owner id → monthly quota. */
      monthly: z.record(z.string(), z.number().nonnegative()).default({}),
      /** Owner id → month → quota, overriding `monthly` for that month. */
      byMonth: z.record(z.string(), byMonth).default({}),
      /** Monthly quota of an AE with none configured; null = targets.defaultQuarterlyQuota ÷ 3. Shown as a default. */
      defaultMonthly: z.number().nonnegative().nullable().default(null),
    })
    .prefault({}),
  forecastCategories: z
    .object({
      /** Deal property holding a rep's own category (HubSpot: hs_manual_forecast_category: COMMIT, BEST_CASE, PIPELINE, OMIT). */
      property: z.string().default('hs_manual_forecast_category'),
      /** Stage probability at or above which an open deal is commit, else best case from the next bound, else pipeline (> 0). */
      commitMinProbability: z.number().min(0).max(1).default(0.8),
      bestCaseMinProbability: z.number().min(0).max(1).default(0.4),
      /** Stage id → category, overriding the probability bands. */
      byStage: z.record(z.string(), z.enum(FORECAST_CATEGORIES)).default({}),
      /** Months ahead the forward forecast shows (this month included). */
      months: z.number().int().min(1).max(12).default(3),
    })
    .prefault({}),
  /** Ideal customer profile for the fit half of the lead score. Empty lists score nothing on that attribute. */
  firmographics: z
    .object({
      industries: z.array(z.string()).default([]),
      countries: z.array(z.string()).default([]),
      employeesMin: z.number().int().nonnegative().nullable().default(null),
      employeesMax: z.number().int().nonnegative().nullable().default(null),
    })
    .prefault({}),
  leadScoring: z
    .object({
      /** Contact property with the sales rejection reason; hs_lead_status is always read too. */
      disqualificationProperty: z.string().nullable().default(null),
      /** hs_lead_status values that mean sales rejected the lead. */
      rejectedStatuses: z.array(z.string()).default(['UNQUALIFIED', 'BAD_TIMING']),
    })
    .prefault({}),
  speedToLead: z
    .object({
      /** Contact attempts wanted in the first days after MQL. */
      attempts: z.number().int().positive().default(8),
      attemptWindowDays: z.number().int().positive().default(14),
    })
    .prefault({}),
  aging: z.object({ factor: z.number().positive().default(1.5) }).prefault({}),
  /** Pipeline above this many times the quota still to make is over-stuffed (the band is targets.coverage … this). */
  coverageMax: z.number().positive().default(5),
  /** The team's own company names, never treated as a competitor (the portal's account name is always included). */
  ownCompany: z.array(z.string()).default([]),
  leaderboard: z
    .object({
      /** Off until the team opts in. */
      enabled: z.boolean().default(false),
      /** Owner ids or emails who see the whole board; everyone else sees only their own position. */
      visibleTo: z.array(z.string()).default([]),
      rankBy: z
        .array(z.enum(['won_amount', 'won_deals', 'meetings', 'calls', 'stage_moves', 'new_deals']))
        .min(1)
        .default(['won_amount', 'meetings', 'stage_moves']),
    })
    .prefault({}),
  budget: z
    .object({
      /** Fewest won deals a channel needs before its CAC and ROI are used for a suggestion. */
      minWonDeals: z.number().int().positive().default(5),
      /** Largest share of the total spend one suggestion moves. */
      maxShift: z.number().min(0).max(1).default(0.2),
    })
    .prefault({}),
};
