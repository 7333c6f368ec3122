/**
 * MA-7 budget reallocation: which channel's spend earns most, with the uncertainty stated, and a suggestion only
 * where the data supports one. Deterministic; default period: the trailing 12 months (economics.ts).
 *
 * Definitions (per channel, from `cac`): spend; n = new-business deals won from that source; revenue = their amount;
 * ROI = revenue ÷ spend; CAC = spend ÷ n.
 * - uncertainty: n is treated as a Poisson count; its 95 % interval is n ± 1.96 √n (lower bound ≥ 0). ROI's interval
 *   = ROI × [lower ÷ n, upper ÷ n]; CAC's = spend ÷ [upper, lower] (no upper bound when lower is 0).
 * - eligible: spend > 0 and n ≥ config.budget.minWonDeals.
 * - suggestion: with at least two eligible channels, when the best ROI's lower bound is above the worst ROI's upper
 *   bound, move config.budget.maxShift × the worst channel's spend from it to the best. Otherwise none, saying why.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { money, periodSchema, type PeriodInput } from './common.js';
import { cac } from './unit-economics.js';

const Z95 = 1.96;

export const budgetSchema = z
  .object({
    metric: z.literal('budget'),
    period: periodSchema,
    currency: z.string(),
    definition: z.string(),
    channels: z.array(
      z.object({
        channel: z.string(),
        spend: money,
        wonDeals: z.number().int().nonnegative().describe('sample size'),
        revenue: money,
        roi: z.number().nonnegative().nullable(),
        roiInterval: z.tuple([z.number(), z.number()]).nullable().describe('95 % interval'),
        cac: money.nullable(),
        cacInterval: z
          .tuple([z.number(), z.number().nullable()])
          .nullable()
          .describe('95 % interval; null upper = unbounded'),
        eligible: z.boolean(),
        note: z.string(),
      }),
    ),
    suggestion: z.object({ from: z.string(), to: z.string(), amount: money, reason: z.string() }).nullable(),
    noSuggestionReason: z.string().nullable(),
  })
  .describe(
    'Budget reallocation across channels from ROI and CAC, with sample sizes and 95 % intervals; no suggestion where the data cannot support one',
  );
export type Budget = z.infer<typeof budgetSchema>;

export function budget(ctx: AnalysisContext, period?: PeriodInput): Budget {
  const c = cac(ctx, period);
  const { minWonDeals, maxShift } = ctx.config.budget;
  const channels = c.byChannel.map((r) => {
    const n = r.newCustomers;
    const sd = Math.sqrt(n);
    const lo = Math.max(0, n - Z95 * sd);
    const hi = n + Z95 * sd;
    const roi = r.spend > 0 ? r.newRevenue / r.spend : null;
    const eligible = r.spend > 0 && n >= minWonDeals;
    const note =
      r.spend === 0
        ? 'no spend recorded'
        : n === 0
          ? 'no won deal: ROI cannot be told from zero'
          : n < minWonDeals
            ? `only ${n} won deal${n === 1 ? '' : 's'} (needs ${minWonDeals})`
            : `${n} won deals`;
    return {
      channel: r.channel,
      spend: r.spend,
      wonDeals: n,
      revenue: r.newRevenue,
      roi,
      roiInterval: roi !== null && n > 0 ? ([(roi * lo) / n, (roi * hi) / n] as [number, number]) : null,
      cac: r.cac,
      cacInterval:
        r.spend > 0 && n > 0 ? ([r.spend / hi, lo > 0 ? r.spend / lo : null] as [number, number | null]) : null,
      eligible,
      note,
    };
  });
  const eligible = channels
    .filter((x) => x.eligible)
    .sort((a, b) => b.roi! - a.roi! || (a.channel < b.channel ? -1 : 1));
  let suggestion: Budget['suggestion'] = null;
  let noSuggestionReason: string | null = null;
  if (eligible.length < 2)
    noSuggestionReason = `fewer than two channels have spend and at least ${minWonDeals} won deals, so no channel can be compared with confidence`;
  else {
    const best = eligible[0]!;
    const worst = eligible[eligible.length - 1]!;
    if (best.roiInterval![0] > worst.roiInterval![1]) {
      suggestion = {
        from: worst.channel,
        to: best.channel,
        amount: Math.round(worst.spend * maxShift),
        reason: `ROI ${best.roi!.toFixed(1)}× (95 % ${best.roiInterval![0].toFixed(1)}–${best.roiInterval![1].toFixed(1)}, ${best.wonDeals} deals) vs ${worst.roi!.toFixed(1)}× (${worst.roiInterval![0].toFixed(1)}–${worst.roiInterval![1].toFixed(1)}, ${worst.wonDeals} deals): the intervals do not overlap`,
      };
    } else
      noSuggestionReason = `the best (${best.channel}) and worst (${worst.channel}) ROI intervals overlap, so the difference may be chance`;
  }
  return {
    metric: 'budget',
    period: c.period,
    currency: c.currency,
    definition:
      'ROI = won new-business revenue by source ÷ channel spend; 95 % intervals treat the won-deal count as Poisson (n ± 1.96√n); a move is suggested only when the best and worst eligible channels’ ROI intervals do not overlap',
    channels,
    suggestion,
    noSuggestionReason,
  };
}
