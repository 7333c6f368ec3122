/**
 * deal-momentum (weekly-report-generation): what moved in the pipeline this week per AE and for the team, the
 * open-pipeline waterfall, each AE's activity against targets, and highlights citing deal ids.
 */
import { z } from 'zod';
import { formatDate, formatMoney, renderTable } from '../../format/index.js';
import { renderWaterfall } from '../../analysis/text/index.js';
import { citationSchema, countAmount, read } from './common.js';
import { defineOutput } from './spec.js';

const CATEGORIES = ['new', 'advanced', 'regressed', 'stalled', 'won', 'lost', 'pushed'] as const;
const LINES = ['start', 'created', 'reopened', 'increased', 'decreased', 'won', 'lost', 'end'] as const;

const category = countAmount.extend({ dealIds: z.array(z.string()).max(10).describe('up to 10 of the deals, by id') });
const moves = z.object(
  Object.fromEntries(CATEGORIES.map((c) => [c, category])) as Record<(typeof CATEGORIES)[number], typeof category>,
);
const kpi = z.object({ actual: z.number().int().nonnegative(), target: z.number().nonnegative() });

export const dealMomentumSchema = z.object({
  kind: z.literal('deal_momentum'),
  asOf: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string(),
  team: moves,
  waterfall: z
    .object(
      Object.fromEntries(LINES.map((l) => [l, countAmount])) as Record<(typeof LINES)[number], typeof countAmount>,
    )
    .superRefine((w, ctx) => {
      const end =
        w.start.amount +
        w.created.amount +
        w.reopened.amount +
        w.increased.amount -
        w.decreased.amount -
        w.won.amount -
        w.lost.amount;
      if (Math.abs(end - w.end.amount) > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['end', 'amount'],
          message: `start + created + reopened + increased − decreased − won − lost = ${end}, not end (${w.end.amount})`,
        });
    })
    .describe('team open pipeline: start + created + reopened + increased − decreased − won − lost = end (amounts)'),
  byOwner: z.array(moves.extend({ ownerId: z.string().nullable(), ownerName: z.string() })),
  scorecard: z
    .array(
      z.object({
        ownerId: z.string().nullable(),
        ownerName: z.string(),
        calls: kpi,
        emails: kpi,
        meetings: kpi,
        notes: kpi,
        dealsTouchedShare: z.number().min(0).max(1).nullable(),
        staleShare: z.number().min(0).max(1).nullable(),
        behindOn: z
          .array(z.enum(['calls', 'emails', 'meetings', 'notes', 'dealsTouched', 'stale']))
          .describe('targets not met this week'),
      }),
    )
    .describe('activity this week vs targets, per AE'),
  highlights: z
    .array(z.object({ text: z.string().min(1), citations: z.array(citationSchema).min(1) }))
    .max(8)
    .describe('the moves a sales lead should know about, each citing its deals'),
  headline: z.string().min(1).max(1200),
});
export type DealMomentum = z.infer<typeof dealMomentumSchema>;

const cat = z.looseObject({ count: z.number(), amount: z.number(), dealIds: z.array(z.string()) });
const row = z.looseObject({
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  ...Object.fromEntries(CATEGORIES.map((c) => [c, cat])),
  waterfall: z.record(z.string(), z.looseObject({ count: z.number(), amount: z.number() })),
});
const momentumResult = z.looseObject({
  period: z.looseObject({ from: z.string(), to: z.string(), asOf: z.string() }),
  currency: z.string(),
  team: row,
  byOwner: z.array(row),
});
const k = z.looseObject({ actual: z.number(), target: z.number(), status: z.string() });
const scoreRow = z.looseObject({
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  calls: k,
  emails: k,
  meetings: k,
  notes: k,
  dealsTouched: z.looseObject({ share: z.number().nullable(), status: z.string() }),
  stale: z.looseObject({ share: z.number().nullable(), status: z.string() }),
});
const scorecardResult = z.looseObject({ byOwner: z.array(scoreRow) });

type Row = z.infer<typeof row>;
const movesOf = (r: Row) =>
  Object.fromEntries(
    CATEGORIES.map((c) => {
      const x = r[c] as z.infer<typeof cat>;
      return [c, { count: x.count, amount: x.amount, dealIds: x.dealIds.slice(0, 10) }];
    }),
  ) as z.input<typeof moves>;

export const dealMomentum = defineOutput({
  name: 'deal-momentum',
  description:
    "the weekly deal-momentum report: team and per-AE moves (new, advanced, regressed, stalled, won, lost, pushed), the team's open-pipeline waterfall, the activity scorecard, highlights citing deal ids",
  schema: dealMomentumSchema,
  assemble(results, _inputs, view) {
    const m = read(results, 'momentum', momentumResult);
    const s = read(results, 'scorecard', scorecardResult);
    const w = m.team.waterfall;
    const line = (l: string) => ({ count: w[l]?.count ?? 0, amount: w[l]?.amount ?? 0 });
    const team = m.team as Row;
    const c = (name: (typeof CATEGORIES)[number]) => team[name] as z.infer<typeof cat>;
    const money = (x: number) => formatMoney(x, m.currency);
    const highlights: { text: string; citations: { type: 'deal'; id: string }[] }[] = [];
    const cite = (ids: string[]) => ids.slice(0, 5).map((id) => ({ type: 'deal' as const, id }));
    for (const [name, verb] of [
      ['won', 'won'],
      ['lost', 'lost'],
      ['advanced', 'moved forward'],
      ['regressed', 'moved back'],
      ['pushed', 'had the close date pushed'],
      ['stalled', 'stalled with no activity'],
    ] as const) {
      const x = c(name);
      if (x.count && x.dealIds.length)
        highlights.push({
          text: `${x.count} deal${x.count === 1 ? '' : 's'} ${verb} (${money(x.amount)})`,
          citations: cite(x.dealIds),
        });
    }
    const endAmt = line('end').amount;
    const startAmt = line('start').amount;
    return {
      kind: 'deal_momentum' as const,
      asOf: m.period.asOf,
      period: { from: m.period.from, to: m.period.to },
      currency: m.currency,
      team: movesOf(team),
      waterfall: Object.fromEntries(LINES.map((l) => [l, line(l)])) as Record<
        (typeof LINES)[number],
        { count: number; amount: number }
      >,
      byOwner: (m.byOwner as Row[]).map((r) => ({ ownerId: r.ownerId, ownerName: r.ownerName, ...movesOf(r) })),
      scorecard: s.byOwner.map((r) => ({
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        calls: { actual: r.calls.actual, target: r.calls.target },
        emails: { actual: r.emails.actual, target: r.emails.target },
        meetings: { actual: r.meetings.actual, target: r.meetings.target },
        notes: { actual: r.notes.actual, target: r.notes.target },
        dealsTouchedShare: r.dealsTouched.share,
        staleShare: r.stale.share,
        behindOn: (['calls', 'emails', 'meetings', 'notes', 'dealsTouched', 'stale'] as const).filter(
          (key) => (r[key] as { status: string }).status === 'behind',
        ),
      })),
      highlights: highlights.slice(0, 8),
      headline: `Week of ${formatDate(m.period.from, view.timezone)}: open pipeline ${money(startAmt)} → ${money(endAmt)}; ${c('new').count} new, ${c('advanced').count} advanced, ${c('won').count} won (${money(c('won').amount)}), ${c('lost').count} lost (${money(c('lost').amount)}), ${c('stalled').count} stalled.`,
    };
  },
  render(d, view) {
    const cur = d.currency;
    const ca = (x: { count: number; amount: number }) => (x.count ? `${x.count} · ${formatMoney(x.amount, cur)}` : '—');
    const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
    const out = [`Deal momentum, week of ${formatDate(d.period.from, view.timezone)}`, d.headline, ''];
    out.push(
      renderTable(
        ['AE', 'New', 'Advanced', 'Regressed', 'Stalled', 'Won', 'Lost', 'Pushed'],
        [...d.byOwner, { ownerName: 'Team', ...d.team }].map((r) => [
          r.ownerName,
          ca(r.new),
          ca(r.advanced),
          ca(r.regressed),
          ca(r.stalled),
          ca(r.won),
          ca(r.lost),
          ca(r.pushed),
        ]),
      ),
    );
    const w = d.waterfall;
    out.push('', 'Open pipeline waterfall (team)');
    out.push(renderWaterfall(w, cur));
    const kk = (x: { actual: number; target: number }) =>
      `${x.actual}/${Math.round(x.target)}${x.actual >= x.target ? ' ✓' : ''}`;
    out.push('', 'Activity this week (actual/target, ✓ met)');
    out.push(
      renderTable(
        ['AE', 'Calls', 'Emails', 'Meetings', 'Notes', 'Deals touched', 'Stale', 'Behind on'],
        d.scorecard.map((r) => [
          r.ownerName,
          kk(r.calls),
          kk(r.emails),
          kk(r.meetings),
          kk(r.notes),
          pct(r.dealsTouchedShare),
          pct(r.staleShare),
          r.behindOn.join(', ') || '—',
        ]),
      ),
    );
    if (d.highlights.length) {
      out.push('', 'Highlights');
      for (const h of d.highlights)
        out.push(`  • ${h.text}: ${h.citations.map((c) => `${c.type} ${c.id}`).join(', ')}`);
    }
    return out.join('\n');
  },
});
