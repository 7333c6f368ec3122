/**
 * Lead scores (seeds 001/003/004): an explainable fit + engagement score per contact, its lift on history, and the
 * SA-5 feedback loop (sales rejection reasons per source and campaign, back to marketing).
 *
 * Score = fit (0–50) + engagement (0–50), each with its reasons:
 * - fit, from the contact's first company against config.firmographics (only the attributes configured score):
 *   industry in the list +20; employees within [employeesMin, employeesMax] +15; country in the list +15.
 *   With no firmographics configured, fit is 0 and says so.
 * - engagement, from activity up to the scoring instant: SmartLead replies +15 each (≤ 30); meetings +15 each
 *   (≤ 30); calls +5 each (≤ 15); incoming emails +5 each (≤ 10); marketing touches +3 each (≤ 15); capped at 50.
 * - band: A ≥ 60, B ≥ 40, C ≥ 20, D below.
 * - lift on history: every contact created up to asOf is scored at the instant it reached opportunity (reachedAt,
 *   minus 1 ms: only what was known before), or at asOf if it never did; converted = reached opportunity.
 *   Conversion rate per band = converted ÷ contacts; lift = the band's rate ÷ the overall rate. Fit uses today's
 *   company fields (firmographics have no history).
 * - open leads: contacts not yet at opportunity or customer, scored at asOf; highest first.
 * - rejections (SA-5): contacts whose hs_lead_status is in config.leadScoring.rejectedStatuses, or whose
 *   config.leadScoring.disqualificationProperty is set; reason = that property's value, else the status; grouped by
 *   the contact's original source and by the campaigns that touched it (marketing or SmartLead).
 */
import { z } from 'zod';
import type { Contact } from '../../crm/index.js';
import type { AnalysisContext } from '../input.js';
import { UNKNOWN_SOURCE, cmp, compareIds, metricIndex, share, type MetricIndex } from './common.js';

export const SCORE_BANDS = ['A', 'B', 'C', 'D'] as const;
type Band = (typeof SCORE_BANDS)[number];
const bandOf = (score: number): Band => (score >= 60 ? 'A' : score >= 40 ? 'B' : score >= 20 ? 'C' : 'D');
const OPPORTUNITY = 4;

export interface LeadScore {
  fit: number;
  engagement: number;
  score: number;
  band: Band;
  reasons: string[];
}

export const leadScoresSchema = z
  .object({
    metric: z.literal('lead_scores'),
    asOf: z.string(),
    definition: z.string(),
    firmographicsConfigured: z.boolean(),
    lift: z.array(
      z.object({
        band: z.enum(SCORE_BANDS),
        contacts: z.number().int().nonnegative(),
        converted: z.number().int().nonnegative(),
        conversionRate: share.nullable(),
        lift: z.number().nonnegative().nullable().describe('band rate ÷ overall rate'),
      }),
    ),
    overallConversionRate: share.nullable(),
    leads: z
      .array(
        z.object({
          contactId: z.string(),
          name: z.string(),
          company: z.string().nullable(),
          ownerId: z.string().nullable(),
          fit: z.number(),
          engagement: z.number(),
          score: z.number(),
          band: z.enum(SCORE_BANDS),
          reasons: z.array(z.string()),
        }),
      )
      .describe('open leads (before opportunity), highest score first, at most 50'),
    openLeads: z.number().int().nonnegative(),
    rejections: z.object({
      total: z.number().int().nonnegative(),
      bySource: z.array(
        z.object({
          source: z.string(),
          count: z.number().int().nonnegative(),
          reasons: z.array(z.object({ reason: z.string(), count: z.number().int().nonnegative() })),
        }),
      ),
      byCampaign: z.array(
        z.object({
          campaignId: z.string(),
          name: z.string(),
          count: z.number().int().nonnegative(),
          reasons: z.array(z.object({ reason: z.string(), count: z.number().int().nonnegative() })),
        }),
      ),
      note: z.string().nullable(),
    }),
  })
  .describe(
    'Explainable fit + engagement lead scores, conversion by score band on history, and sales rejection reasons per source and campaign',
  );
export type LeadScores = z.infer<typeof leadScoresSchema>;

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
const title = (s: string) =>
  s
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase());

export function scoreContact(ctx: AnalysisContext, ix: MetricIndex, c: Contact, at: number): LeadScore {
  const f = ctx.config.firmographics;
  const reasons: string[] = [];
  let fit = 0;
  const company = c.companyIds.map((id) => ix.d.companies.get(id)).find((x) => x);
  const props = company?.properties ?? {};
  if (f.industries.length && props['industry'] && f.industries.some((i) => norm(i) === norm(props['industry']))) {
    fit += 20;
    reasons.push(`industry ${title(props['industry'])} is in the ideal profile (+20)`);
  }
  const employees = Number(props['numberofemployees']);
  if (
    (f.employeesMin !== null || f.employeesMax !== null) &&
    props['numberofemployees'] &&
    Number.isFinite(employees) &&
    employees >= (f.employeesMin ?? 0) &&
    employees <= (f.employeesMax ?? Infinity)
  ) {
    fit += 15;
    reasons.push(`${employees} employees is in the size range (+15)`);
  }
  if (f.countries.length && props['country'] && f.countries.some((x) => norm(x) === norm(props['country']))) {
    fit += 15;
    reasons.push(`based in ${props['country']} (+15)`);
  }
  const n = { replies: 0, meetings: 0, calls: 0, incoming: 0, touches: 0 };
  for (const e of ix.d.engagementsByContact.get(c.id) ?? []) {
    const t = Date.parse(e.timestamp);
    if (t > at) continue;
    if (e.kind === 'meeting' && e.status !== 'CANCELED' && e.status !== 'NO_SHOW') n.meetings++;
    else if (e.kind === 'call') n.calls++;
    else if (e.kind === 'email' && e.direction === 'INCOMING_EMAIL') n.incoming++;
  }
  for (const t of ix.touchesByContact.get(c.id) ?? []) if (t.at <= at && t.kind === 'marketing') n.touches++;
  const email = c.email?.trim().toLowerCase();
  for (const m of email ? (ix.d.smartleadByEmail.get(email) ?? []) : [])
    if (m.type === 'REPLY' && Date.parse(m.time) <= at) n.replies++;
  const part = (count: number, each: number, cap: number, what: string, plural = `${what}s`) => {
    if (count === 0) return 0;
    const pts = Math.min(cap, count * each);
    reasons.push(`${count} ${count === 1 ? what : plural} (+${pts})`);
    return pts;
  };
  const raw =
    part(n.replies, 15, 30, 'SmartLead reply') +
    part(n.meetings, 15, 30, 'meeting') +
    part(n.calls, 5, 15, 'call') +
    part(n.incoming, 5, 10, 'email from them', 'emails from them') +
    part(n.touches, 3, 15, 'marketing touch', 'marketing touches');
  const engagement = Math.min(50, raw);
  if (raw > 50) reasons.push('engagement capped at 50');
  const score = fit + engagement;
  return { fit, engagement, score, band: bandOf(score), reasons };
}

export function leadScores(ctx: AnalysisContext): LeadScores {
  const ix = metricIndex(ctx);
  const f = ctx.config.firmographics;
  const configured =
    f.industries.length > 0 || f.countries.length > 0 || f.employeesMin !== null || f.employeesMax !== null;
  const bands = new Map<Band, { contacts: number; converted: number }>(
    SCORE_BANDS.map((b) => [b, { contacts: 0, converted: 0 }]),
  );
  const leads: LeadScores['leads'] = [];
  const contacts = [...ix.d.contacts.values()].sort((a, b) => compareIds(a.id, b.id));
  for (const c of contacts) {
    const created = Date.parse(c.createdAt);
    if (Number.isNaN(created) || created > ix.asOf) continue;
    const life = ix.lifecycle(c);
    const opp = life.reachedAt[OPPORTUNITY] ?? null;
    const s = scoreContact(ctx, ix, c, opp === null ? ix.asOf : opp - 1);
    const b = bands.get(s.band)!;
    b.contacts++;
    if (opp !== null) b.converted++;
    else {
      const company = c.companyIds.map((id) => ix.d.companies.get(id)).find((x) => x);
      const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || `Contact ${c.id}`;
      const owner = c.properties['hubspot_owner_id']?.trim();
      leads.push({
        contactId: c.id,
        name,
        company: company?.name ?? null,
        ownerId: owner ? owner : null,
        fit: s.fit,
        engagement: s.engagement,
        score: s.score,
        band: s.band,
        reasons: s.reasons,
      });
    }
  }
  leads.sort((a, b) => b.score - a.score || compareIds(a.contactId, b.contactId));
  const total = [...bands.values()].reduce((s, b) => s + b.contacts, 0);
  const conv = [...bands.values()].reduce((s, b) => s + b.converted, 0);
  const overall = total > 0 ? conv / total : null;
  const lift = SCORE_BANDS.map((band) => {
    const b = bands.get(band)!;
    const rate = b.contacts > 0 ? b.converted / b.contacts : null;
    return {
      band,
      contacts: b.contacts,
      converted: b.converted,
      conversionRate: rate,
      lift: rate !== null && overall ? rate / overall : null,
    };
  });

  // SA-5: rejection reasons per source and campaign.
  const ls = ctx.config.leadScoring;
  const rejected = new Set(ls.rejectedStatuses.map((s) => s.toUpperCase()));
  const bySource = new Map<string, Map<string, number>>();
  const byCampaign = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, k: string, reason: string) => {
    const r = m.get(k) ?? new Map<string, number>();
    r.set(reason, (r.get(reason) ?? 0) + 1);
    m.set(k, r);
  };
  let totalRejected = 0;
  for (const c of contacts) {
    const status = c.properties['hs_lead_status']?.trim().toUpperCase() ?? '';
    const dq = ls.disqualificationProperty ? c.properties[ls.disqualificationProperty]?.trim() : '';
    if (!dq && !rejected.has(status)) continue;
    const reason = dq || title(status);
    totalRejected++;
    bump(bySource, c.source?.trim() || UNKNOWN_SOURCE, reason);
    for (const id of new Set((ix.touchesByContact.get(c.id) ?? []).map((t) => t.campaignId)))
      bump(byCampaign, id, reason);
  }
  const names = new Map<string, string>((ctx.data.marketing?.campaigns ?? []).map((c) => [c.id, c.name]));
  for (const [id, name] of ix.smartleadCampaignName) names.set(`smartlead:${id}`, name);
  const rows = (m: Map<string, Map<string, number>>) =>
    [...m.entries()]
      .map(([k, r]) => ({
        k,
        count: [...r.values()].reduce((a, b) => a + b, 0),
        reasons: [...r.entries()]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || cmp(a.reason, b.reason)),
      }))
      .sort((a, b) => b.count - a.count || cmp(a.k, b.k));
  return {
    metric: 'lead_scores',
    asOf: ctx.asOf,
    definition:
      'score = fit (industry +20, size +15, country +15 against the configured ideal profile) + engagement (replies and meetings +15, calls and their emails +5, marketing touches +3, capped at 50); bands A ≥ 60, B ≥ 40, C ≥ 20, D; lift = conversion to opportunity by band ÷ overall, scored on what was known before converting',
    firmographicsConfigured: configured,
    lift,
    overallConversionRate: overall,
    leads: leads.slice(0, 50),
    openLeads: leads.length,
    rejections: {
      total: totalRejected,
      bySource: rows(bySource).map((r) => ({ source: r.k, count: r.count, reasons: r.reasons })),
      byCampaign: rows(byCampaign).map((r) => ({
        campaignId: r.k,
        name: names.get(r.k) ?? r.k,
        count: r.count,
        reasons: r.reasons,
      })),
      note:
        totalRejected === 0
          ? `no contact has a rejection (hs_lead_status ${[...rejected].join(' or ')}${ls.disqualificationProperty ? ` or ${ls.disqualificationProperty}` : ''}) yet`
          : null,
    },
  };
}
