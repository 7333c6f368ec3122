/**
 * SM-5 Win/loss: deals closed in a period (default: this week, Monday 00:00 local to asOf), win rates, why deals
 * were lost, and the split by source and by owner.
 *
 * Definitions:
 * - closed in the period: won / lost as of asOf (stage closed; won when its category is `won`) with the close moment
 *   (common.closedAt: when it last left the open stages, from the stage history) in the period up to asOf.
 *   A deal won in the period but reopened since is not counted here (SM-1 counts the move).
 * - amounts as of asOf (missing = 0).
 * - win rate by count = won ÷ (won + lost); by amount = won amount ÷ (won + lost amount); null when nothing closed.
 * - lost reason: the deal's `closed_lost_reason`, trimmed with spaces collapsed, grouped by LOST_REASON_GROUPS
 *   (first matching rule, case-insensitive; the team's competitor names also mean "competitor"); no reason =
 *   `unspecified`; no rule matched = `other`.
 * - source: the deal's hs_analytics_source, else its first contact's (earliest created) source, else "(unknown)".
 * - owner: the deal's current owner.
 * - new business and renewals kept apart (economics.isRenewal): team, lost reasons, sources and owners count new
 *   business only by default (`scope`); `renewals` gives renewals and expansions closed in the period on their own
 *   (team, per AE, lost reasons) with gross / net revenue retention (economics.retentionOf).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { competitorsOf } from '../competitors.js';
import { closedIn, dealScopeSchema, inScope, retentionOf, retentionSchema, type DealScope } from './economics.js';
import {
  UNKNOWN_SOURCE,
  addTo,
  cmp,
  countAmountSchema,
  emptyCountAmount,
  metricIndex,
  ownerIdSchema,
  ownerRefs,
  periodOut,
  periodSchema,
  ratio,
  resolvePeriod,
  share,
  type CountAmount,
  type PeriodInput,
} from './common.js';

/** Ordered rules: the first whose pattern matches the normalised reason gives its group. */
export const LOST_REASON_GROUPS = [
  {
    group: 'price_budget',
    label: 'Price / budget',
    pattern: /budget|price|pricing|cost|expensive|afford|cheaper|commercial/i,
  },
  {
    group: 'build_in_house',
    label: 'Built in-house',
    pattern: /in[- ]?house|build (it )?(themselves|internally)|internal (tool|solution|team|build)/i,
  },
  {
    group: 'competitor',
    label: 'Competitor / incumbent',
    pattern: /competitor|competition|went with|existing vendor|incumbent|renewed|another vendor|other vendor/i,
  },
  {
    group: 'no_decision',
    label: 'No decision / went dark',
    pattern: /no decision|went dark|dark|ghost|unresponsive|no response|stopped responding|not responding/i,
  },
  {
    group: 'timing',
    label: 'Timing / on hold / business change',
    pattern:
      /hold|timing|postpone|defer|next (fy|year|quarter)|later|downsiz|priorit|freeze|restructur|acquired|merger/i,
  },
] as const;
export const LOST_REASON_GROUP_IDS = [...LOST_REASON_GROUPS.map((g) => g.group), 'other', 'unspecified'] as const;
export type LostReasonGroup = (typeof LOST_REASON_GROUP_IDS)[number];

export function normalizeLostReason(raw: string | null | undefined): string | null {
  const s = raw?.replace(/\s+/g, ' ').trim();
  return s ? s : null;
}

export function lostReasonGroup(reason: string | null, competitors: readonly string[] = []): LostReasonGroup {
  if (reason === null) return 'unspecified';
  for (const g of LOST_REASON_GROUPS) if (g.pattern.test(reason)) return g.group;
  const lower = reason.toLowerCase();
  if (competitors.some((c) => c.trim() !== '' && lower.includes(c.toLowerCase()))) return 'competitor';
  return 'other';
}

const winLossCells = {
  won: countAmountSchema.describe('won deals closed in the period'),
  lost: countAmountSchema.describe('lost deals closed in the period'),
  winRateByCount: share.nullable().describe('won ÷ (won + lost), by count; null when none closed'),
  winRateByAmount: share.nullable().describe('won amount ÷ (won + lost amount); null when the total is 0'),
};

export const winLossSchema = z
  .object({
    metric: z.literal('win_loss'),
    period: periodSchema,
    currency: z.string(),
    team: z.object(winLossCells),
    lostReasons: z
      .array(
        z.object({
          group: z.enum(LOST_REASON_GROUP_IDS),
          label: z.string(),
          count: z.number().int().nonnegative(),
          amount: z.number(),
          reasons: z
            .array(z.object({ reason: z.string(), count: z.number().int().positive() }))
            .describe('the normalised reasons in this group, most frequent first'),
          dealIds: z.array(z.string()),
        }),
      )
      .describe('lost deals by reason group (closed_lost_reason), most frequent first'),
    bySource: z.array(
      z.object({
        source: z.string().describe('deal source, else first contact source, else "(unknown)"'),
        ...winLossCells,
      }),
    ),
    byOwner: z.array(z.object({ ownerId: ownerIdSchema, ownerName: z.string(), ...winLossCells })),
    scope: dealScopeSchema.optional().describe('which deals the figures above count (default new_business)'),
    renewals: z
      .object({
        team: z.object(winLossCells),
        byOwner: z.array(z.object({ ownerId: ownerIdSchema, ownerName: z.string(), ...winLossCells })),
        lostReasons: z
          .array(z.object({ label: z.string(), count: z.number().int().nonnegative(), amount: z.number() }))
          .describe('churned renewals by reason group, most frequent first'),
        retention: retentionSchema,
      })
      .optional()
      .describe('renewals and expansions closed in the period, on their own (present when scope is new_business)'),
  })
  .describe('SM-5 win/loss: won/lost counts and amounts, win rates, lost reasons, by source and by owner');
export type WinLoss = z.infer<typeof winLossSchema>;

interface Cells {
  won: CountAmount;
  lost: CountAmount;
}
const emptyCells = (): Cells => ({ won: emptyCountAmount(), lost: emptyCountAmount() });
const finish = (c: Cells) => ({
  won: c.won,
  lost: c.lost,
  winRateByCount: ratio(c.won.count, c.won.count + c.lost.count),
  winRateByAmount: ratio(c.won.amount, c.won.amount + c.lost.amount),
});

export function winLoss(ctx: AnalysisContext, period?: PeriodInput, scope: DealScope = 'new_business'): WinLoss {
  const core = winLossCore(ctx, period, scope);
  if (scope !== 'new_business') return core;
  const ren = winLossCore(ctx, period, 'renewals');
  const ix = metricIndex(ctx);
  return {
    ...core,
    renewals: {
      team: ren.team,
      byOwner: ren.byOwner,
      lostReasons: ren.lostReasons.map((r) => ({ label: r.label, count: r.count, amount: r.amount })),
      retention: retentionOf(ctx, closedIn(ctx, ix, resolvePeriod(ctx, period, 'week'))),
    },
  };
}

function winLossCore(ctx: AnalysisContext, period: PeriodInput | undefined, scope: DealScope): WinLoss {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'week');
  const competitors = competitorsOf(ctx);
  const team = emptyCells();
  const bySource = new Map<string, Cells>();
  const byOwner = new Map<string | null, Cells>();
  const groups = new Map<
    LostReasonGroup,
    { count: number; amount: number; reasons: Map<string, { reason: string; count: number }>; dealIds: string[] }
  >();
  const cell = <K>(m: Map<K, Cells>, k: K) => {
    let c = m.get(k);
    if (!c) m.set(k, (c = emptyCells()));
    return c;
  };

  for (const tl of ix.deals) {
    const s = ix.current(tl);
    if (!s.exists || s.open || !inScope(ctx, tl.deal, scope)) continue;
    const at = ix.closedAt(tl);
    if (at === null || at < p.from || at > p.through) continue;
    const key = s.won ? 'won' : 'lost';
    for (const c of [team, cell(bySource, ix.dealSource(tl.deal) ?? UNKNOWN_SOURCE), cell(byOwner, tl.deal.ownerId)])
      addTo(c[key], s.amount);
    if (!s.won) {
      const reason = normalizeLostReason(tl.deal.properties['closed_lost_reason']);
      const g = lostReasonGroup(reason, competitors);
      let entry = groups.get(g);
      if (!entry) groups.set(g, (entry = { count: 0, amount: 0, reasons: new Map(), dealIds: [] }));
      entry.count++;
      entry.amount += s.amount;
      entry.dealIds.push(tl.deal.id);
      if (reason !== null) {
        const r = entry.reasons.get(reason.toLowerCase());
        if (r) r.count++;
        else entry.reasons.set(reason.toLowerCase(), { reason, count: 1 });
      }
    }
  }

  const label = (g: LostReasonGroup) =>
    LOST_REASON_GROUPS.find((x) => x.group === g)?.label ?? (g === 'other' ? 'Other' : 'No reason given');
  return {
    metric: 'win_loss',
    period: periodOut(ctx, p),
    currency: ctx.currency,
    team: finish(team),
    lostReasons: [...groups.entries()]
      .map(([group, e]) => ({
        group,
        label: label(group),
        count: e.count,
        amount: e.amount,
        reasons: [...e.reasons.values()].sort((a, b) => b.count - a.count || cmp(a.reason, b.reason)),
        dealIds: e.dealIds,
      }))
      .sort((a, b) => b.count - a.count || b.amount - a.amount || cmp(a.group, b.group)),
    bySource: [...bySource.entries()]
      .map(([source, c]) => ({ source, ...finish(c) }))
      .sort((a, b) => b.won.amount - a.won.amount || cmp(a.source, b.source)),
    byOwner: ownerRefs(ix, byOwner.keys()).map((o) => ({ ...o, ...finish(byOwner.get(o.ownerId)!) })),
    scope,
  };
}
