/**
 * SM-2 Activity scorecard: per AE, the week's logged activity against the team's weekly targets, how many of their
 * open deals they touched, and how many are stale (default period: this week, Monday 00:00 local to asOf).
 *
 * Definitions. "In the period" = from ≤ t ≤ min(to − 1 ms, asOf); "period end" T = min(to − 1 ms, asOf).
 * - calls / emails / meetings / notes: engagements of that kind owned by the AE (hubspot_owner_id) with hs_timestamp
 *   in the period and done per derive.isDone (not in the future, meetings not canceled / no-show). Tasks are not
 *   counted. Every logged email counts, whatever its direction.
 * - targets: config.targets.weekly; for a custom period they are scaled by its length in weeks (not rounded). The
 *   current week is not pro-rated: on a Wednesday an AE is "behind" until the week's target is reached.
 * - deals touched share: of the AE's deals open at T, the share with any activity in the period
 *   (derive.activities: done engagements on the deal + SmartLead messages of its contacts); target ≥ dealsTouchedShare.
 * - stale share: of the AE's deals open at T, the share stale at T (the stale_deal rule, common.staleAt: more than
 *   the stage's stale threshold in whole days since the last activity, or since creation); target ≤ staleShareMax.
 * - status: met / behind; n/a for the shares when the AE has no open deal.
 * - stage moves: stage-history changes (a new stage value; the creation entry is not a move) in the period on deals
 *   the AE owns now; new deals: the AE's deals created in the period. Targets ≥ targets.weekly.stageMoves / newDeals
 *   (the strategy's 3+ stage moves and 2+ new deals a week).
 * AEs: every owner of a deal (any state) plus every owner of a counted engagement. Team: the sum over AEs, targets
 * × number of AEs; deals with no owner are not in any row.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  DAY_MS,
  activeBetween,
  metricIndex,
  ownerRefs,
  periodOut,
  periodSchema,
  ratio,
  resolvePeriod,
  share,
  staleAt,
  type PeriodInput,
} from './common.js';

export const KPI_STATUSES = ['met', 'behind', 'n/a'] as const;

const countKpi = (what: string) =>
  z
    .object({
      actual: z.number().int().nonnegative(),
      target: z.number().nonnegative(),
      status: z.enum(KPI_STATUSES).describe('met when actual ≥ target'),
    })
    .describe(what);

export const scorecardRowSchema = z.object({
  ownerId: z.string().nullable().describe('HubSpot owner id (null only on the team row)'),
  ownerName: z.string(),
  calls: countKpi('calls owned by the AE, hs_timestamp in the period, done'),
  emails: countKpi('emails owned by the AE, hs_timestamp in the period'),
  meetings: countKpi('meetings owned by the AE, in the period, not canceled / no-show'),
  notes: countKpi('notes owned by the AE, in the period'),
  stageMoves: countKpi("stage changes in the period on the AE's deals (the creation entry is not a move)").optional(),
  newDeals: countKpi("the AE's deals created in the period").optional(),
  dealsTouched: z
    .object({
      openDeals: z.number().int().nonnegative().describe('deals open at the period end'),
      touched: z
        .number()
        .int()
        .nonnegative()
        .describe('of those, with any activity (engagement or SmartLead message) in the period'),
      share: share.nullable().describe('touched ÷ openDeals; null when no open deal'),
      target: share.describe('minimum share (config.targets.weekly.dealsTouchedShare)'),
      status: z.enum(KPI_STATUSES).describe('met when share ≥ target; n/a when no open deal'),
    })
    .describe('share of open deals touched in the period'),
  stale: z
    .object({
      openDeals: z.number().int().nonnegative().describe('deals open at the period end'),
      stale: z.number().int().nonnegative().describe('of those, stale at the period end (the stale_deal rule)'),
      share: share.nullable().describe('stale ÷ openDeals; null when no open deal'),
      max: share.describe('maximum share (config.targets.weekly.staleShareMax)'),
      status: z.enum(KPI_STATUSES).describe('met when share ≤ max; n/a when no open deal'),
      staleDealIds: z.array(z.string()),
    })
    .describe('share of open deals that are stale at the period end'),
});
export type ScorecardRow = z.infer<typeof scorecardRowSchema>;

export const activityScorecardSchema = z
  .object({
    metric: z.literal('activity_scorecard'),
    period: periodSchema,
    weeksInPeriod: z
      .number()
      .positive()
      .describe('period length in weeks; targets = weekly targets × this (1 for a week)'),
    team: scorecardRowSchema.describe('sums over the AEs; count targets × number of AEs'),
    byOwner: z.array(scorecardRowSchema),
  })
  .describe('SM-2 activity scorecard: activity counts vs weekly targets, deals touched share and stale share per AE');
export type ActivityScorecard = z.infer<typeof activityScorecardSchema>;

const KIND_KEY: Partial<Record<string, 'calls' | 'emails' | 'meetings' | 'notes'>> = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
  note: 'notes',
};

export function activityScorecard(ctx: AnalysisContext, period?: PeriodInput): ActivityScorecard {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'week');
  const weekly = ctx.config.targets.weekly;
  const weeks = p.kind === 'week' ? 1 : (p.to - p.from) / (7 * DAY_MS);
  const T = p.through;

  const counts = new Map<string, Record<'calls' | 'emails' | 'meetings' | 'notes', number>>();
  const zero = () => ({ calls: 0, emails: 0, meetings: 0, notes: 0 });
  for (const e of ix.ownedEngagements) {
    if (e.at < p.from || e.at > T) continue;
    const k = KIND_KEY[e.kind];
    if (!k) continue;
    let c = counts.get(e.ownerId);
    if (!c) counts.set(e.ownerId, (c = zero()));
    c[k]++;
  }

  const deals = new Map<string, { open: number; touched: number; stale: string[] }>();
  const moves = new Map<string, { stageMoves: number; newDeals: number }>();
  for (const tl of ix.deals) {
    const owner = tl.deal.ownerId;
    if (owner === null) continue;
    let row = deals.get(owner);
    if (!row) deals.set(owner, (row = { open: 0, touched: 0, stale: [] }));
    let mv = moves.get(owner);
    if (!mv) moves.set(owner, (mv = { stageMoves: 0, newDeals: 0 }));
    if (tl.created >= p.from && tl.created <= T) mv.newDeals++;
    const { at, values } = tl.stage;
    for (let i = 1; i < at.length; i++)
      if (at[i]! >= p.from && at[i]! <= T && values[i] !== values[i - 1]) mv.stageMoves++;
    if (T < p.from) continue;
    const s = ix.stateThrough(tl, T);
    if (!s.open) continue;
    row.open++;
    if (activeBetween(ix, tl, p.from, T)) row.touched++;
    if (staleAt(ix, tl, T).stale) row.stale.push(tl.deal.id);
  }

  const countStatus = (actual: number, target: number) => (actual >= target ? 'met' : 'behind') as 'met' | 'behind';
  const makeRow = (
    ownerId: string | null,
    ownerName: string,
    c: ReturnType<typeof zero>,
    d: { open: number; touched: number; stale: string[] },
    aes: number,
    mv = { stageMoves: 0, newDeals: 0 },
  ): ScorecardRow => {
    const touchedShare = ratio(d.touched, d.open);
    const staleShare = ratio(d.stale.length, d.open);
    const kpi = (actual: number, perWeek: number) => {
      const target = perWeek * weeks * aes;
      return { actual, target, status: countStatus(actual, target) };
    };
    return {
      ownerId,
      ownerName,
      calls: kpi(c.calls, weekly.calls),
      emails: kpi(c.emails, weekly.emails),
      meetings: kpi(c.meetings, weekly.meetings),
      notes: kpi(c.notes, weekly.notes),
      stageMoves: kpi(mv.stageMoves, weekly.stageMoves),
      newDeals: kpi(mv.newDeals, weekly.newDeals),
      dealsTouched: {
        openDeals: d.open,
        touched: d.touched,
        share: touchedShare,
        target: weekly.dealsTouchedShare,
        status: touchedShare === null ? 'n/a' : touchedShare >= weekly.dealsTouchedShare ? 'met' : 'behind',
      },
      stale: {
        openDeals: d.open,
        stale: d.stale.length,
        share: staleShare,
        max: weekly.staleShareMax,
        status: staleShare === null ? 'n/a' : staleShare <= weekly.staleShareMax ? 'met' : 'behind',
        staleDealIds: d.stale,
      },
    };
  };

  const owners = ownerRefs(ix, [...deals.keys(), ...counts.keys()]);
  const byOwner = owners.map((o) =>
    makeRow(
      o.ownerId,
      o.ownerName,
      counts.get(o.ownerId!) ?? zero(),
      deals.get(o.ownerId!) ?? { open: 0, touched: 0, stale: [] },
      1,
      moves.get(o.ownerId!),
    ),
  );
  const teamCounts = zero();
  const teamDeals = { open: 0, touched: 0, stale: [] as string[] };
  const teamMoves = { stageMoves: 0, newDeals: 0 };
  for (const r of byOwner) {
    teamMoves.stageMoves += r.stageMoves?.actual ?? 0;
    teamMoves.newDeals += r.newDeals?.actual ?? 0;
    teamCounts.calls += r.calls.actual;
    teamCounts.emails += r.emails.actual;
    teamCounts.meetings += r.meetings.actual;
    teamCounts.notes += r.notes.actual;
    teamDeals.open += r.dealsTouched.openDeals;
    teamDeals.touched += r.dealsTouched.touched;
    teamDeals.stale.push(...r.stale.staleDealIds);
  }
  return {
    metric: 'activity_scorecard',
    period: periodOut(ctx, p),
    weeksInPeriod: weeks,
    team: makeRow(null, 'Team', teamCounts, teamDeals, byOwner.length, teamMoves),
    byOwner,
  };
}
