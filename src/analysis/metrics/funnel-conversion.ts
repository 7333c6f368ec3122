/**
 * SA-1 Funnel conversion: lead → MQL → SQL → opportunity → customer, from each contact's lifecycle-stage history.
 *
 * Definitions:
 * - lifecycle order: subscriber < lead < marketingqualifiedlead < salesqualifiedlead < opportunity < customer
 *   (HubSpot's; `evangelist` counts as customer, `other` and unknown values are ignored). History entries after asOf
 *   are ignored; a contact with no lifecycle history is at its current lifecycle stage since its creation.
 * - a contact has reached a stage when it has been at that stage or any later one: skipping stages counts as
 *   passing them. It entered the funnel when it first reached `lead` (or later).
 * - cohort: the contacts that entered the funnel in the period; with no period, every contact that ever entered.
 *   Each stage's count is the cohort members that have reached it by asOf, so counts never increase down the funnel.
 * - conversion from the previous stage = count ÷ previous stage's count; overall = customer ÷ lead (null when 0).
 * - subscribersOnly: contacts that reached only `subscriber` (first there in the period, or ever); not in the cohort.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  LIFECYCLE_STAGES,
  metricIndex,
  periodOut,
  periodSchema,
  ratio,
  resolvePeriod,
  share,
  type PeriodInput,
} from './common.js';

export const FUNNEL_STAGES = [
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const funnelConversionSchema = z
  .object({
    metric: z.literal('funnel_conversion'),
    period: periodSchema
      .nullable()
      .describe('cohort = contacts entering the funnel (reaching lead or later) in this period; null = all contacts'),
    asOf: z.string(),
    cohort: z.number().int().nonnegative().describe('contacts in the cohort (= the lead count)'),
    subscribersOnly: z
      .number()
      .int()
      .nonnegative()
      .describe('contacts that never got past subscriber (first subscriber in the period, or ever)'),
    stages: z
      .array(
        z.object({
          stage: z.enum(FUNNEL_STAGES),
          reached: z
            .number()
            .int()
            .nonnegative()
            .describe('cohort contacts that reached this stage or a later one by asOf'),
          conversionFromPrevious: share
            .nullable()
            .describe('reached ÷ previous stage reached; null for lead or when the previous is 0'),
          conversionFromLead: share.nullable().describe('reached ÷ lead reached'),
        }),
      )
      .describe('lead, MQL, SQL, opportunity, customer in order; reached never increases down the list'),
    overallConversion: share.nullable().describe('customer ÷ lead'),
  })
  .describe(
    'SA-1 funnel conversion from contact lifecycle histories (stages may be skipped; a later stage counts as passing the earlier)',
  );
export type FunnelConversion = z.infer<typeof funnelConversionSchema>;

const LEAD = LIFECYCLE_STAGES.indexOf('lead');

export function funnelConversion(ctx: AnalysisContext, period?: PeriodInput): FunnelConversion {
  const ix = metricIndex(ctx);
  const p = period ? resolvePeriod(ctx, period, 'week') : null;
  const inCohort = (t: number | null) => t !== null && (p === null || (t >= p.from && t <= p.through));
  const reached = FUNNEL_STAGES.map(() => 0);
  let subscribersOnly = 0;
  for (const c of ix.d.contacts.values()) {
    const lc = ix.lifecycle(c);
    const entered = lc.reachedAt[LEAD] ?? null;
    if (entered === null) {
      if (inCohort(lc.reachedAt[0] ?? null)) subscribersOnly++;
      continue;
    }
    if (!inCohort(entered)) continue;
    FUNNEL_STAGES.forEach((_, k) => {
      if (lc.reachedAt[LEAD + k] !== null) reached[k]!++;
    });
  }
  const stages = FUNNEL_STAGES.map((stage, k) => ({
    stage,
    reached: reached[k]!,
    conversionFromPrevious: k === 0 ? null : ratio(reached[k]!, reached[k - 1]!),
    conversionFromLead: ratio(reached[k]!, reached[0]!),
  }));
  return {
    metric: 'funnel_conversion',
    period: p ? periodOut(ctx, p) : null,
    asOf: new Date(ix.asOf).toISOString(),
    cohort: reached[0]!,
    subscribersOnly,
    stages,
    overallConversion: ratio(reached[FUNNEL_STAGES.length - 1]!, reached[0]!),
  };
}
