/**
 * SM-7 leaderboard: opt-in (config.leaderboard.enabled, off by default). Ranks AEs by the measures the team chose
 * (config.leaderboard.rankBy) over the period (default: this quarter). Who sees what:
 * - a viewer named in config.leaderboard.visibleTo (owner id or email) sees every row;
 * - any other viewer sees only their own row and position ("3rd of 4"), never the others';
 * - no viewer named: no rows (a board is always shown to someone).
 * Score = Σ over the chosen measures of (the AE's value ÷ the highest value among AEs), so each measure weighs the
 * same; ties by name. Measures: won_amount / won_deals (won, close moment in the period), meetings and calls (done,
 * owned, in the period), stage_moves (stage-history changes on their deals), new_deals (created in the period).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import { cmp, metricIndex, ownerRefs, periodOut, periodSchema, resolvePeriod, type PeriodInput } from './common.js';

const MEASURES = ['won_amount', 'won_deals', 'meetings', 'calls', 'stage_moves', 'new_deals'] as const;
type Measure = (typeof MEASURES)[number];

const rowSchema = z.object({
  position: z.number().int().positive(),
  ownerId: z.string(),
  ownerName: z.string(),
  score: z.number().nonnegative(),
  values: z.record(z.string(), z.number()),
});

export const leaderboardSchema = z
  .object({
    metric: z.literal('leaderboard'),
    enabled: z.boolean(),
    period: periodSchema.nullable(),
    rankBy: z.array(z.enum(MEASURES)),
    view: z
      .enum(['off', 'full', 'own', 'none'])
      .describe('off: not enabled; full: the viewer may see every row; own: only their row; none: no viewer named'),
    viewerId: z.string().nullable(),
    of: z.number().int().nonnegative().describe('AEs ranked'),
    rows: z.array(rowSchema),
    message: z.string(),
  })
  .describe('Opt-in leaderboard; each AE sees their own position privately unless named in leaderboard.visibleTo');
export type Leaderboard = z.infer<typeof leaderboardSchema>;

export function leaderboard(ctx: AnalysisContext, viewer: string | null, period?: PeriodInput): Leaderboard {
  const cfg = ctx.config.leaderboard;
  if (!cfg.enabled)
    return {
      metric: 'leaderboard',
      enabled: false,
      period: null,
      rankBy: cfg.rankBy,
      view: 'off',
      viewerId: viewer,
      of: 0,
      rows: [],
      message: 'The leaderboard is off: the team turns it on with leaderboard.enabled in mis.config.json.',
    };
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'quarter');
  const values = new Map<string, Record<Measure, number>>();
  const v = (o: string) => {
    let x = values.get(o);
    if (!x) values.set(o, (x = { won_amount: 0, won_deals: 0, meetings: 0, calls: 0, stage_moves: 0, new_deals: 0 }));
    return x;
  };
  for (const o of ix.d.owners.values()) if (!o.archived) v(o.id);
  for (const tl of ix.deals) {
    const o = tl.deal.ownerId;
    if (!o) continue;
    const x = v(o);
    if (tl.created >= p.from && tl.created <= p.through) x.new_deals++;
    const { at, values: vs } = tl.stage;
    for (let i = 1; i < at.length; i++)
      if (at[i]! >= p.from && at[i]! <= p.through && vs[i] !== vs[i - 1]) x.stage_moves++;
    const s = ix.current(tl);
    const closed = ix.closedAt(tl);
    if (s.won && closed !== null && closed >= p.from && closed <= p.through) {
      x.won_deals++;
      x.won_amount += s.amount;
    }
  }
  for (const e of ix.ownedEngagements) {
    if (e.at < p.from || e.at > p.through) continue;
    if (e.kind === 'meeting') v(e.ownerId).meetings++;
    if (e.kind === 'call') v(e.ownerId).calls++;
  }
  const max = Object.fromEntries(
    cfg.rankBy.map((m) => [m, Math.max(0, ...[...values.values()].map((x) => x[m]))]),
  ) as Record<Measure, number>;
  const ranked = ownerRefs(ix, values.keys())
    .map((o) => {
      const x = values.get(o.ownerId!)!;
      const score = cfg.rankBy.reduce((s, m) => s + (max[m] > 0 ? x[m] / max[m] : 0), 0);
      return {
        ownerId: o.ownerId!,
        ownerName: o.ownerName,
        score,
        values: Object.fromEntries(cfg.rankBy.map((m) => [m, x[m]])),
      };
    })
    .sort((a, b) => b.score - a.score || cmp(a.ownerName, b.ownerName))
    .map((r, i) => ({ position: i + 1, ...r }));
  const email = viewer ? ix.d.owners.get(viewer)?.email?.toLowerCase() : undefined;
  const full =
    viewer !== null && cfg.visibleTo.some((x) => x === viewer || (email !== undefined && x.toLowerCase() === email));
  const base = {
    metric: 'leaderboard' as const,
    enabled: true,
    period: periodOut(ctx, p),
    rankBy: cfg.rankBy,
    viewerId: viewer,
    of: ranked.length,
  };
  if (viewer === null)
    return {
      ...base,
      view: 'none',
      rows: [],
      message:
        'Name who is looking (--owner): each AE sees only their own position unless leaderboard.visibleTo names them.',
    };
  if (full)
    return {
      ...base,
      view: 'full',
      rows: ranked,
      message: `${ranked.length} AEs ranked by ${cfg.rankBy.join(', ').replace(/_/g, ' ')}.`,
    };
  const own = ranked.filter((r) => r.ownerId === viewer);
  return {
    ...base,
    view: 'own',
    rows: own,
    message: own.length
      ? `Your position: ${own[0]!.position} of ${ranked.length}.`
      : 'You are not on the board for this period.',
  };
}
