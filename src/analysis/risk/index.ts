/**
 * Deal risk (AE-4): for each open deal, the signals that it may slip, each with its weight, a one-line explanation
 * and the evidence (record ids, dates, values) to check it in HubSpot. The score is the sum of the shown weights,
 * capped at 100, so a person can always see why a deal scores what it does.
 */
import { z } from 'zod';
import type { Deal } from '../../crm/index.js';
import {
  calendarDay,
  compareIds,
  dayString,
  humanDay,
  iso,
  money,
  openDeals,
  snippet,
  stageInfo,
} from '../checks/common.js';
import { DAY_MS } from '../time.js';
import { maskNames, namePattern } from '../checks/phrases.js';
import { lastStageChangeMs, recordNames } from '../checks/stage-mismatch.js';
import { openStagesByPipeline, stageJumps } from '../checks/stage-skipped.js';
import { derive, isDone, type Derived, type StageInfo } from '../derive.js';
import type { AnalysisContext } from '../input.js';
import { competitorsOf } from '../competitors.js';
import { daysSince } from '../time.js';
import { stageNorms, MIN_NORM_SAMPLES, type StageNorm } from './norms.js';

export { stageNorms, MIN_NORM_SAMPLES, type StageNorm } from './norms.js';

export const RISK_SIGNALS = [
  'going_cold',
  'close_date_pushed',
  'no_next_activity',
  'single_threaded',
  'competitor_mentioned',
  'amount_decreased',
  'stage_regression',
  'smartlead_silence',
] as const;
export type RiskSignalName = (typeof RISK_SIGNALS)[number];

/** Weight of each signal (points out of 100). going_cold and close_date_pushed grow with how bad it is. */
export const RISK_WEIGHTS = {
  going_cold: { overNorm: 10, over1_5xNorm: 20, overStaleThreshold: 30 },
  close_date_pushed: { base: 15, perExtraPush: 5, max: 25 },
  no_next_activity: 15,
  single_threaded: 15,
  competitor_mentioned: 15,
  amount_decreased: { base: 10, bigDrop: 15, bigDropShare: 0.25 },
  stage_regression: 15,
  smartlead_silence: 10,
} as const;

/** Deals below this amount (or with no amount) get no score; their signals are still listed. */
export const RISK_MIN_AMOUNT = 0;

export const riskSignalSchema = z.object({
  signal: z.enum(RISK_SIGNALS).describe('which risk factor'),
  weight: z.number().int().min(0).max(100).describe('points this factor adds to the score'),
  explanation: z.string().describe('one line a person understands'),
  evidence: z.record(z.string(), z.unknown()).describe('record ids, dates and values to verify it in HubSpot'),
});
export type RiskSignal = z.infer<typeof riskSignalSchema>;

export const dealRiskSchema = z.object({
  dealId: z.string(),
  dealName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  stage: z.string().describe('stage label'),
  category: z.string().describe('early, mid or late (unknown when the stage is not in the pipeline)'),
  probability: z.number().describe('stage probability 0..1'),
  amount: z.number().nullable().describe('deal amount in the portal currency'),
  amountAtRisk: z
    .number()
    .describe('amount × stage probability (0 without an amount): the money the signals put at risk'),
  closeDate: z.string().nullable(),
  daysSinceActivity: z.number().int(),
  score: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .describe('sum of the signal weights, capped at 100; null when the deal is below the size gate'),
  gating: z.object({
    minAmount: z.number().describe('deals with an amount at or above this are scored'),
    scored: z.boolean(),
    rule: z.string(),
  }),
  signals: z.array(riskSignalSchema).describe('every factor that adds to the score, heaviest first'),
});
export type DealRisk = z.infer<typeof dealRiskSchema>;

export interface DealRiskFilter {
  dealId?: string;
  ownerId?: string;
}

export interface DealRiskOptions {
  /** Size gate; default RISK_MIN_AMOUNT. */
  minAmount?: number;
}

const TEXT_KINDS = new Set(['call', 'email', 'meeting', 'note']);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Open deals with their risk signals, sorted by money at risk: deals with signals first, then amount at risk
 * (amount × stage probability) high → low, then score, then deal id.
 */
export function dealRisk(ctx: AnalysisContext, filter: DealRiskFilter = {}, options: DealRiskOptions = {}): DealRisk[] {
  const d = derive(ctx);
  const minAmount = options.minAmount ?? RISK_MIN_AMOUNT;
  const norms = stageNorms(d);
  const openStages = openStagesByPipeline(d);
  const competitors = competitorsOf(ctx);
  const competitorRe = competitors.length
    ? new RegExp(`\\b(?:${competitors.map(escapeRegExp).join('|')})\\b`, 'gi')
    : null;
  const canonical = new Map(competitors.map((c) => [c.toLowerCase(), c]));
  const out: DealRisk[] = [];
  for (const deal of openDeals(d)) {
    if (filter.dealId !== undefined && deal.id !== filter.dealId) continue;
    if (filter.ownerId !== undefined && deal.ownerId !== filter.ownerId) continue;
    const info = stageInfo(d, deal);
    const signals: RiskSignal[] = [];
    const push = (s: RiskSignal | null) => {
      if (s) signals.push(s);
    };
    const last = d.lastActivity(deal);
    const lastAt = last ? last.at : Date.parse(deal.createdAt);
    const days = daysSince(lastAt, d.asOfMs);
    push(goingCold(d, deal, norms.get(`${deal.pipelineId}:${deal.stageId}`), days, lastAt, last?.id ?? null));
    push(closeDatePushed(ctx, deal));
    push(noNextActivity(d, deal));
    push(singleThreaded(ctx, deal));
    if (competitorRe) push(competitorMentioned(ctx, d, deal, competitorRe, canonical));
    push(amountDecreased(ctx, deal));
    const open = openStages.get(deal.pipelineId);
    if (open) push(stageRegression(ctx, d, deal, open));
    push(smartleadSilence(ctx, d, deal));
    signals.sort((a, b) => b.weight - a.weight || RISK_SIGNALS.indexOf(a.signal) - RISK_SIGNALS.indexOf(b.signal));

    const probability = info?.probability ?? 0;
    const scored = deal.amount !== null && deal.amount >= minAmount;
    const total = Math.min(
      100,
      signals.reduce((s, x) => s + x.weight, 0),
    );
    out.push({
      dealId: deal.id,
      dealName: deal.name,
      ownerId: deal.ownerId,
      ownerName: d.ownerName(deal.ownerId),
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      stage: info?.label ?? deal.stageId,
      category: info?.category ?? 'unknown',
      probability,
      amount: deal.amount,
      amountAtRisk: Math.round((deal.amount ?? 0) * probability),
      closeDate: deal.closeDate,
      daysSinceActivity: days,
      score: scored ? total : null,
      gating: {
        minAmount,
        scored,
        rule: scored
          ? `scored: amount ${money(ctx, deal.amount)} ≥ ${money(ctx, minAmount)}`
          : deal.amount === null
            ? 'not scored: the deal has no amount (signals still listed)'
            : `not scored: amount ${money(ctx, deal.amount)} < ${money(ctx, minAmount)} (signals still listed)`,
      },
      signals,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.signals.length > 0) - Number(a.signals.length > 0) ||
      b.amountAtRisk - a.amountAtRisk ||
      (b.score ?? -1) - (a.score ?? -1) ||
      compareIds(a.dealId, b.dealId),
  );
}

function goingCold(
  d: Derived,
  deal: Deal,
  norm: StageNorm | undefined,
  days: number,
  lastAt: number,
  lastId: string | null,
): RiskSignal | null {
  const threshold = d.staleThresholdDays(deal);
  const normDays = norm?.medianGapDays ?? null;
  // Whole days, like daysSinceActivity: a norm of 4.8 days means 5 quiet days are still normal.
  const limit = normDays !== null ? Math.min(Math.ceil(normDays), threshold) : threshold;
  if (days <= limit) return null;
  const w = RISK_WEIGHTS.going_cold;
  const weight = days > threshold ? w.overStaleThreshold : days > 1.5 * limit ? w.over1_5xNorm : w.overNorm;
  const stage = d.stageOf(deal)?.label ?? deal.stageId;
  const basis =
    normDays !== null
      ? `deals that advanced from ${stage} typically went no more than ${normDays} days without activity (median longest gap of ${norm!.samples} stays)`
      : `stale threshold ${threshold} days (fewer than ${MIN_NORM_SAMPLES} deals advanced from ${stage} to set a norm)`;
  return {
    signal: 'going_cold',
    weight,
    explanation: `No activity for ${days} days; ${basis}`,
    evidence: {
      daysSinceActivity: days,
      lastActivityAt: iso(lastAt),
      lastActivityId: lastId,
      stageNormDays: normDays,
      normSamples: norm?.samples ?? 0,
      staleThresholdDays: threshold,
      limitDays: limit,
    },
  };
}

/** Consecutive close date values where the later is a later calendar day. */
export function closeDatePushes(
  ctx: AnalysisContext,
  deal: Deal,
): Array<{ from: string; to: string; at: string; days: number }> {
  const values = deal.closeDateHistory.filter(
    (h) => h.value !== null && h.value.trim() !== '' && !Number.isNaN(Date.parse(h.value)),
  );
  const out: Array<{ from: string; to: string; at: string; days: number }> = [];
  for (let i = 1; i < values.length; i++) {
    const a = calendarDay(Date.parse(values[i - 1]!.value!), ctx.timezone);
    const b = calendarDay(Date.parse(values[i]!.value!), ctx.timezone);
    if (b > a)
      out.push({ from: dayString(a), to: dayString(b), at: iso(Date.parse(values[i]!.timestamp)), days: b - a });
  }
  return out;
}

function closeDatePushed(ctx: AnalysisContext, deal: Deal): RiskSignal | null {
  const pushes = closeDatePushes(ctx, deal);
  const min = ctx.config.risk.closeDatePushes;
  if (pushes.length < min) return null;
  const w = RISK_WEIGHTS.close_date_pushed;
  const slipped = pushes.reduce((s, p) => s + p.days, 0);
  return {
    signal: 'close_date_pushed',
    weight: Math.min(w.max, w.base + w.perExtraPush * (pushes.length - min)),
    explanation: `Close date pushed ${pushes.length} times (${slipped} days in all), now ${humanDay(Date.parse(pushes[pushes.length - 1]!.to) / DAY_MS, calendarDay(Date.parse(ctx.asOf), ctx.timezone))}`,
    evidence: { pushes: pushes.length, threshold: min, daysSlipped: slipped, changes: pushes },
  };
}

function noNextActivity(d: Derived, deal: Deal): RiskSignal | null {
  let overdueTasks = 0;
  for (const e of d.engagementsByDeal.get(deal.id) ?? []) {
    if (e.kind === 'task' && e.status !== 'COMPLETED') {
      if (Date.parse(e.timestamp) > d.asOfMs) return null;
      overdueTasks++;
    } else if (
      e.kind === 'meeting' &&
      e.status !== 'CANCELED' &&
      e.status !== 'NO_SHOW' &&
      Date.parse(e.timestamp) > d.asOfMs
    )
      return null;
  }
  const next = deal.properties['notes_next_activity_date'];
  if (next && Date.parse(next) > d.asOfMs) return null;
  const step = deal.properties['hs_next_step'];
  if (step && step.trim() !== '') return null;
  return {
    signal: 'no_next_activity',
    weight: RISK_WEIGHTS.no_next_activity,
    explanation: `Nothing scheduled: no future task or meeting, no next activity date, no next step${overdueTasks ? ` (${overdueTasks} overdue open task${overdueTasks > 1 ? 's' : ''})` : ''}`,
    evidence: {
      futureTasks: 0,
      futureMeetings: 0,
      overdueOpenTasks: overdueTasks,
      notes_next_activity_date: next ?? null,
      hs_next_step: null,
    },
  };
}

function singleThreaded(ctx: AnalysisContext, deal: Deal): RiskSignal | null {
  const min = ctx.config.risk.singleThreadedAmount;
  if (deal.amount === null || deal.amount < min || deal.contactIds.length > 1) return null;
  return {
    signal: 'single_threaded',
    weight: RISK_WEIGHTS.single_threaded,
    explanation: `${deal.contactIds.length === 0 ? 'No contact' : 'One contact'} on a ${money(ctx, deal.amount)} deal (threshold ${money(ctx, min)})`,
    evidence: { contacts: deal.contactIds.length, contactIds: deal.contactIds, amount: deal.amount, threshold: min },
  };
}

function competitorMentioned(
  ctx: AnalysisContext,
  d: Derived,
  deal: Deal,
  re: RegExp,
  canonical: Map<string, string>,
): RiskSignal | null {
  const mentions: Array<{ competitor: string; source: string; id: string; at: string; snippet: string }> = [];
  let own: RegExp | null | undefined;
  const scan = (raw: string | null, source: string, id: string, at: number) => {
    if (!raw) return;
    re.lastIndex = 0;
    if (!re.test(raw)) return;
    // The customer's own name is not a mention ("Locus Logistics Pvt Ltd" is not the competitor Locus).
    if (own === undefined) own = namePattern(recordNames(d, deal));
    const text = maskNames(raw, own);
    re.lastIndex = 0;
    const seen = new Set<string>();
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const name = canonical.get(m[0].toLowerCase()) ?? m[0];
      if (seen.has(name)) continue;
      seen.add(name);
      mentions.push({
        competitor: name,
        source,
        id,
        at: iso(at),
        snippet: snippet(raw, m.index, m.index + m[0].length),
      });
    }
  };
  for (const e of d.engagementsByDeal.get(deal.id) ?? []) {
    if (!TEXT_KINDS.has(e.kind) || !isDone(e, d.asOfMs)) continue;
    const at = Date.parse(e.timestamp);
    scan(e.subject, e.kind, e.id, at);
    scan(e.body, e.kind, e.id, at);
  }
  const emails = new Set<string>();
  for (const cid of deal.contactIds) {
    const email = d.contacts.get(cid)?.email?.trim().toLowerCase();
    if (email) emails.add(email);
  }
  for (const email of emails) {
    for (const m of d.smartleadByEmail.get(email) ?? []) {
      const at = Date.parse(m.time);
      if (m.type !== 'REPLY' || at > d.asOfMs) continue;
      scan(m.body, 'smartlead_reply', `${m.campaignId}:${m.leadId}:${m.time}`, at);
    }
  }
  if (mentions.length === 0) return null;
  mentions.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const names = [...new Set(mentions.map((m) => m.competitor))].sort();
  const latest = mentions[0]!;
  return {
    signal: 'competitor_mentioned',
    weight: RISK_WEIGHTS.competitor_mentioned,
    explanation: `${names.join(', ')} mentioned (latest: ${SOURCE_WORDS[latest.source] ?? latest.source} on ${spokenDay(ctx, Date.parse(latest.at))})`,
    evidence: { competitors: names, mentions: mentions.slice(0, 5), mentionCount: mentions.length },
  };
}

function amountDecreased(ctx: AnalysisContext, deal: Deal): RiskSignal | null {
  const values = deal.amountHistory
    .filter((h) => h.value !== null && h.value.trim() !== '' && Number.isFinite(Number(h.value)))
    .map((h) => ({ value: Number(h.value), at: h.timestamp }));
  const drops: Array<{ from: number; to: number; at: string }> = [];
  let peak = -Infinity;
  for (let i = 1; i < values.length; i++) {
    peak = Math.max(peak, values[i - 1]!.value);
    if (values[i]!.value < values[i - 1]!.value)
      drops.push({ from: values[i - 1]!.value, to: values[i]!.value, at: iso(Date.parse(values[i]!.at)) });
  }
  if (drops.length === 0) return null;
  const now = values[values.length - 1]!.value;
  const w = RISK_WEIGHTS.amount_decreased;
  if (now >= peak) {
    const lastDrop = drops[drops.length - 1]!;
    return {
      signal: 'amount_decreased',
      weight: w.base,
      explanation: `Amount was cut from ${money(ctx, lastDrop.from)} to ${money(ctx, lastDrop.to)} on ${spokenDay(ctx, Date.parse(lastDrop.at))} (now ${money(ctx, now)})`,
      evidence: { peak, current: now, dropShare: 0, decreases: drops },
    };
  }
  const share = peak > 0 ? (peak - now) / peak : 0;
  return {
    signal: 'amount_decreased',
    weight: share >= w.bigDropShare ? w.bigDrop : w.base,
    explanation: `Amount cut from ${money(ctx, peak)} to ${money(ctx, now)} (−${Math.round(share * 100)}%)`,
    evidence: { peak, current: now, dropShare: Math.round(share * 1000) / 1000, decreases: drops },
  };
}

function stageRegression(ctx: AnalysisContext, d: Derived, deal: Deal, open: StageInfo[]): RiskSignal | null {
  const back = stageJumps(d, deal, open, 'backward');
  if (back.length === 0) return null;
  const lastMove = back[back.length - 1]!;
  return {
    signal: 'stage_regression',
    weight: RISK_WEIGHTS.stage_regression,
    explanation: `Moved back from ${lastMove.fromLabel} to ${lastMove.toLabel} on ${spokenDay(ctx, Date.parse(lastMove.at))}`,
    evidence: {
      regressions: back.map(({ from, fromLabel, to, toLabel, at }) => ({ from, fromLabel, to, toLabel, at })),
      lastStageChangeAt: iso(lastStageChangeMs(deal)),
    },
  };
}

function smartleadSilence(ctx: AnalysisContext, d: Derived, deal: Deal): RiskSignal | null {
  let reply: { at: number; id: string; email: string } | null = null;
  const seen = new Set<string>();
  for (const cid of deal.contactIds) {
    const email = d.contacts.get(cid)?.email?.trim().toLowerCase();
    if (!email || seen.has(email)) continue;
    seen.add(email);
    for (const m of d.smartleadByEmail.get(email) ?? []) {
      const at = Date.parse(m.time);
      if (m.type === 'REPLY' && at <= d.asOfMs && (!reply || at > reply.at))
        reply = { at, id: `${m.campaignId}:${m.leadId}:${m.time}`, email };
    }
  }
  if (!reply) return null;
  const silence = ctx.config.risk.smartleadSilenceDays;
  const days = daysSince(reply.at, d.asOfMs);
  if (days <= silence) return null;
  const after = d.activities(deal).filter((a) => a.at > reply.at);
  if (after.length > 0) return null;
  return {
    signal: 'smartlead_silence',
    weight: RISK_WEIGHTS.smartlead_silence,
    explanation: `${reply.email} replied in SmartLead ${days} days ago and nothing has happened on the deal since (threshold ${silence} days)`,
    evidence: {
      replyId: reply.id,
      repliedAt: iso(reply.at),
      email: reply.email,
      daysSinceReply: days,
      thresholdDays: silence,
      activitiesSince: 0,
    },
  };
}

/** Where a competitor was mentioned, as people say it. */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  note: 'a note',
  call: 'a call',
  email: 'an email',
  meeting: 'a meeting',
  task: 'a task',
  smartlead_reply: 'a SmartLead reply',
};

/** "Tue 17 Nov" for an instant, in the team's time zone (the year only when not the as-of's). */
function spokenDay(ctx: AnalysisContext, ms: number): string {
  return humanDay(calendarDay(ms, ctx.timezone), calendarDay(Date.parse(ctx.asOf), ctx.timezone));
}
