/**
 * scoring: the fit + engagement lead score of the lead-scores metric, its weights, MQL/SQL thresholds chosen from the
 * portal's own conversion by score band, the lift it shows on past leads, negative signals (sales rejections), the
 * open leads to call first, and routing from each AE's load and response time (velocity, speed-to-lead).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import { SCORE_BANDS, leadScores, speedToLead, velocity } from '../analysis/metrics/index.js';
import { humanLabel } from '../format/index.js';
import { DASHBOARD, base, baseShape, fmtOf, numbered, r0, r2, recordRefSchema, sharePct } from './common.js';

/** The lowest score of each band (the lead-scores metric's bands). */
export const BAND_MIN: Record<(typeof SCORE_BANDS)[number], number> = { A: 60, B: 40, C: 20, D: 0 };
/** Fewest contacts a band needs before its conversion is used for a threshold. */
export const MIN_BAND_CONTACTS = 5;
const LOOKBACK_DAYS = 365;
/** A band is worth a threshold when it converts at least this many times the average. */
export const MQL_MIN_LIFT = 1.2;
export const SQL_MIN_LIFT = 1.5;

export const scoringAdviceSchema = z.object({
  topic: z.literal('scoring'),
  ...baseShape,
  definition: z.string().describe("the lead-scores metric's own definition"),
  weights: z.array(
    z.object({ part: z.enum(['fit', 'engagement', 'negative']), signal: z.string(), points: z.string() }),
  ),
  firmographicsConfigured: z.boolean(),
  bands: z.array(
    z.object({
      band: z.enum(SCORE_BANDS),
      minScore: z.number(),
      contacts: z.number().int(),
      converted: z.number().int(),
      conversionPct: z.number().nullable(),
      lift: z.number().nullable(),
    }),
  ),
  overallConversionPct: z.number().nullable(),
  thresholds: z.object({
    mql: z.number().nullable().describe('score from which a lead is an MQL, null when no band converts above average'),
    sql: z.number().nullable(),
    why: z.string(),
  }),
  rejected: z.number().int(),
  callFirst: z.array(
    z.object({
      contact: recordRefSchema,
      company: z.string().nullable(),
      owner: z.string(),
      score: z.number(),
      band: z.string(),
      reasons: z.array(z.string()),
    }),
  ),
  openLeads: z.number().int(),
  wonIndustries: z.array(z.object({ industry: z.string(), won: z.number().int(), amount: z.number() })),
  routing: z.array(
    z.object({
      owner: z.string(),
      openDeals: z.number().int(),
      openLeads: z.number().int(),
      mqls: z.number().int(),
      medianHoursToTouch: z.number().nullable(),
    }),
  ),
  routeTo: z.string().nullable().describe('who should get the next high-score leads'),
});
export type ScoringAdvice = z.infer<typeof scoringAdviceSchema>;

export function adviseScoring(ctx: AnalysisContext): ScoringAdvice {
  const d = derive(ctx);
  const f = fmtOf(ctx);
  const asOf = Date.parse(ctx.asOf);
  const s = leadScores(ctx);
  const vel = velocity(ctx);
  const stl = speedToLead(ctx, {
    from: new Date(asOf - LOOKBACK_DAYS * 86_400_000).toISOString(),
    to: new Date(asOf + 1).toISOString(),
  });

  const bands = s.lift.map((b) => ({
    band: b.band,
    minScore: BAND_MIN[b.band],
    contacts: b.contacts,
    converted: b.converted,
    conversionPct: sharePct(b.conversionRate),
    lift: b.lift === null ? null : r2(b.lift),
  }));
  // MQL: the lowest band above D (with enough contacts) converting clearly better than average (lift ≥ 1.2);
  // SQL: the best band at ≥ 1.5×. Band D holds every score, so a threshold there would separate nothing.
  const usable = bands.filter((b) => b.band !== 'D' && b.contacts >= MIN_BAND_CONTACTS && b.lift !== null);
  const mqlBand = [...usable].reverse().find((b) => b.lift! >= MQL_MIN_LIFT);
  const sqlBand = usable.find((b) => b.lift! >= SQL_MIN_LIFT && b !== mqlBand) ?? null;
  const thresholds = {
    mql: mqlBand?.minScore ?? null,
    sql: sqlBand?.minScore ?? null,
    why: mqlBand
      ? `band ${mqlBand.band} (score ${mqlBand.minScore}+) converts ${mqlBand.lift}× the average${sqlBand ? `; band ${sqlBand.band} (${sqlBand.minScore}+) converts ${sqlBand.lift}×` : ''}`
      : `no band above D with at least ${MIN_BAND_CONTACTS} leads converts ${MQL_MIN_LIFT}× the average or better`,
  };

  // Industries of the companies behind won deals: where fit should point.
  const won = new Map<string, { won: number; amount: number }>();
  for (const deal of d.deals.values()) {
    const st = d.stageOf(deal);
    if (!st?.isWon || deal.archived) continue;
    const company = deal.companyIds.map((id) => d.companies.get(id)).find(Boolean);
    const ind = company?.properties['industry'];
    if (!ind) continue;
    const key = f.label(ind);
    const row = won.get(key) ?? { won: 0, amount: 0 };
    row.won++;
    row.amount += deal.amount ?? 0;
    won.set(key, row);
  }
  const wonIndustries = [...won]
    .map(([industry, x]) => ({ industry, ...x }))
    .sort((a, b) => b.won - a.won || b.amount - a.amount || a.industry.localeCompare(b.industry))
    .slice(0, 5);

  const leadsByOwner = new Map<string | null, number>();
  for (const l of s.leads) leadsByOwner.set(l.ownerId, (leadsByOwner.get(l.ownerId) ?? 0) + 1);
  const stlBy = new Map(stl.byOwner.map((r) => [r.ownerId, r]));
  const routing = vel.byOwner
    .filter((r) => r.ownerId !== null)
    .map((r) => ({
      owner: r.ownerName,
      openDeals: r.openDeals,
      openLeads: leadsByOwner.get(r.ownerId) ?? 0,
      mqls: stlBy.get(r.ownerId)?.mqls ?? 0,
      medianHoursToTouch: stlBy.get(r.ownerId)?.medianHours == null ? null : r0(stlBy.get(r.ownerId)!.medianHours!),
    }));
  const medianLoad =
    [...routing].map((r) => r.openDeals).sort((a, b) => a - b)[Math.floor((routing.length - 1) / 2)] ?? 0;
  const routeTo =
    [...routing]
      .filter((r) => r.openDeals <= medianLoad && r.medianHoursToTouch !== null)
      .sort((a, b) => a.medianHoursToTouch! - b.medianHoursToTouch! || a.openDeals - b.openDeals)[0]?.owner ?? null;

  const callFirst = s.leads.slice(0, 10).map((l) => ({
    contact: { type: 'contact' as const, id: l.contactId, name: l.name },
    company: l.company,
    owner: d.ownerName(l.ownerId),
    score: l.score,
    band: l.band,
    reasons: l.reasons,
  }));

  const plan = numbered([
    s.firmographicsConfigured
      ? null
      : {
          action: `Configure the ideal customer profile (mis.config.json firmographics)${
            wonIndustries.length
              ? `, starting with the industries you win in: ${wonIndustries
                  .slice(0, 3)
                  .map((w) => w.industry)
                  .join(', ')}`
              : ''
          }`,
          why: 'the fit half of the score is 0 for every contact until it is configured, so only engagement ranks leads today',
          amount: wonIndustries.slice(0, 3).reduce((a, w) => a + w.amount, 0) || null,
          count: wonIndustries.slice(0, 3).reduce((a, w) => a + w.won, 0) || null,
          records: [],
        },
    callFirst.length
      ? {
          action: `Call the ${callFirst.length} highest-scoring open leads first`,
          why: `${s.openLeads} leads are open; these score highest on fit and engagement`,
          amount: null,
          count: callFirst.length,
          records: callFirst.map((c) => c.contact),
        }
      : null,
    {
      action:
        thresholds.mql !== null
          ? `Set MQL at score ${thresholds.mql}${thresholds.sql !== null ? ` and fast-track to SQL at ${thresholds.sql}` : ''}`
          : 'Keep MQL on the hand-raise (reply, meeting request) until the score separates leads',
      why: thresholds.why,
      amount: null,
      count: null,
      records: [],
    },
    {
      action: 'Subtract points for negative signals: rejected by sales, wrong role, competitor or student email',
      why: `${s.rejections.total} contact${s.rejections.total === 1 ? ' was' : 's were'} rejected by sales${rejectedFrom(s.rejections.bySource)}; today the score does not count that against them`,
      amount: null,
      count: s.rejections.total,
      records: [],
    },
    routeTo
      ? {
          action: `Route new high-score leads to ${routeTo} first, round-robin among AEs under the median load`,
          why: 'fastest median first touch among AEs whose open-deal load is at or under the median',
          amount: null,
          count: null,
          records: [],
        }
      : null,
  ]);

  return scoringAdviceSchema.parse({
    topic: 'scoring',
    ...base(ctx),
    headline:
      `${s.openLeads} open leads. ` +
      (s.overallConversionRate !== null
        ? `${sharePct(s.overallConversionRate)}% of past leads reached opportunity. `
        : '') +
      (thresholds.mql !== null
        ? `The score separates them: ${thresholds.why}.`
        : `The score does not separate them yet: ${thresholds.why}.`) +
      (s.firmographicsConfigured ? '' : ' The fit half is empty until the ideal customer profile is configured.'),
    definition: s.definition,
    weights: [
      { part: 'fit', signal: 'industry in the ideal profile', points: '+20' },
      { part: 'fit', signal: 'employees within the ideal range', points: '+15' },
      { part: 'fit', signal: 'country in the ideal profile', points: '+15' },
      { part: 'engagement', signal: 'SmartLead reply or meeting', points: '+15 each, up to 30' },
      { part: 'engagement', signal: 'call', points: '+5 each, up to 15' },
      { part: 'engagement', signal: 'email from the lead', points: '+5 each, up to 10' },
      { part: 'engagement', signal: 'marketing touch', points: '+3 each, up to 15' },
      { part: 'negative', signal: 'rejected by sales (lead status)', points: 'proposed: −20' },
    ],
    firmographicsConfigured: s.firmographicsConfigured,
    bands,
    overallConversionPct: sharePct(s.overallConversionRate),
    thresholds,
    rejected: s.rejections.total,
    callFirst,
    openLeads: s.openLeads,
    wonIndustries,
    routing,
    routeTo,
    plan,
    cannotTell: [
      'Deal size before a deal exists: a lead has no amount, so "large ticket" can only come from fit (company size, industry).',
      'Fit on history uses today’s company fields: HubSpot keeps no history of them.',
      'Intent outside the CRM (website visits, content read) unless HubSpot tracking or marketing touches are synced.',
    ],
    links: [DASHBOARD.marketing, { label: 'Lead scores', path: 'mis metrics lead-scores' }],
    sources: ['mis metrics lead-scores', 'mis metrics speed-to-lead', 'mis metrics velocity'],
  });
}

/** " (3 from Paid search: Unqualified ×2, Bad timing)": where sales' rejections came from and why, for marketing. */
function rejectedFrom(
  bySource: ReadonlyArray<{ source: string; count: number; reasons: ReadonlyArray<{ reason: string; count: number }> }>,
): string {
  if (bySource.length === 0) return '';
  const parts = bySource.slice(0, 3).map((r) => {
    const reasons = r.reasons
      .slice(0, 3)
      .map((x) => `${humanLabel(x.reason)}${x.count > 1 ? ` ×${x.count}` : ''}`)
      .join(', ');
    return `${r.count} from ${humanLabel(r.source)}${reasons ? `: ${reasons}` : ''}`;
  });
  return ` (${parts.join('; ')})`;
}
