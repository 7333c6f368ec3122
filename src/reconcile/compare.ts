/**
 * Compares what each matched mention claims with the CRM and emits the discrepancies (docs/contracts.md §2 types), each
 * with the AE's words as evidence and the CrmChange proposals that would make the CRM agree. Also counts, per
 * mention, the claims the CRM already explains (for coverage).
 */
import type { AnalysisContext, Derived } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import type { Deal, Pipeline } from '../crm/index.js';
import { formatMoney, humanDay } from '../format/index.js';
import type { CrmChange } from '../writes/index.js';
import { stageFor, type Lexicon } from './lexicon.js';
import type { MatchResult } from './match.js';
import { amountsAgree } from './parse/amount.js';
import { dayDiff, daysSince, zoneOffsetMs } from '../time/index.js';
import { addDaysYmd, closeDateDay, localDate } from './parse/dates.js';
import type { ActivityClaim, Discrepancy, MentionClaims } from './schema.js';
import { stripUnsafeText } from '../format/index.js';

/** Days a close date may differ from the one written and still agree. */
export const CLOSE_DATE_SLACK_DAYS = 3;
/** Days around a reported activity's day in which a logged call or meeting counts as that activity. */
export const ACTIVITY_SLACK_DAYS = 1;

export interface CompareInput {
  ctx: AnalysisContext;
  ownerId: string;
  lexicon: Lexicon;
  /** When the update was written (its local day dates the notes it proposes). */
  receivedAt: string;
}

export interface ClaimTally {
  total: number;
  consistent: number;
  /** Inconsistent claims a proposed change would fix. */
  fixable: number;
}

export interface Comparison {
  discrepancies: Discrepancy[];
  tally: ClaimTally;
}

function defaultPipeline(ctx: AnalysisContext): Pipeline | undefined {
  const ps = [...ctx.data.crm.pipelines].sort((a, b) => a.displayOrder - b.displayOrder);
  return ps.find((p) => p.id === 'default') ?? ps[0];
}

/** 11:00 local on a calendar day, as an ISO instant (the time of day is not in the update). */
export function localMorningIso(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T11:00:00Z`);
  return new Date(guess - zoneOffsetMs(guess, timeZone)).toISOString();
}

function titleCase(s: string): string {
  return s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}

const KINDS_FOR: Record<ActivityClaim['kind'], ReadonlySet<string>> = {
  call: new Set(['call', 'meeting']),
  meeting: new Set(['meeting', 'call']),
  email: new Set(['email']),
};

function loggedActivity(
  ctx: AnalysisContext,
  d: Derived,
  deal: Deal,
  a: ActivityClaim,
  today: string,
): { found: boolean; from: string; to: string } {
  const tz = ctx.timezone;
  const from = addDaysYmd(a.date?.from ?? addDaysYmd(today, -6), -ACTIVITY_SLACK_DAYS);
  const to = addDaysYmd(a.date?.to ?? today, ACTIVITY_SLACK_DAYS);
  const kinds = KINDS_FOR[a.kind];
  const seen = new Set<string>();
  const lists = [
    d.engagementsByDeal.get(deal.id) ?? [],
    ...deal.contactIds.map((c) => d.engagementsByContact.get(c) ?? []),
  ];
  for (const list of lists) {
    for (const e of list) {
      if (seen.has(e.id) || !kinds.has(e.kind)) continue;
      seen.add(e.id);
      if (e.kind === 'meeting' && (e.status === 'CANCELED' || e.status === 'NO_SHOW')) continue;
      const day = localDate(e.timestamp, tz);
      if (day >= from && day <= to) return { found: true, from, to };
    }
  }
  if (a.kind === 'email') {
    for (const cid of deal.contactIds) {
      const email = d.contacts.get(cid)?.email?.trim().toLowerCase();
      for (const msg of (email && d.smartleadByEmail.get(email)) || []) {
        const day = localDate(msg.time, tz);
        if (day >= from && day <= to) return { found: true, from, to };
      }
    }
  }
  return { found: false, from, to };
}

/** What every claim check of one mention shares. */
interface Claims {
  input: CompareInput;
  d: Derived;
  m: MentionClaims;
  mentionName: string;
  quote: string;
  /** The note text the proposals carry: who wrote it, when, and their words. */
  fromUpdate: string;
  today: string;
  tally: ClaimTally;
  out: Discrepancy[];
}

/** Compares one mention. `match.dealId` null: the deal the update names is missing from the CRM. */
export function compareMention(
  input: CompareInput,
  m: MentionClaims,
  match: MatchResult,
  ownerName: string,
): Comparison {
  const { ctx } = input;
  const d = derive(ctx);
  const tz = ctx.timezone;
  const today = localDate(ctx.asOf, tz);
  const updateDay = localDate(input.receivedAt, tz);
  const c: Claims = {
    input,
    d,
    m,
    mentionName: m.name ?? match.matchedName ?? m.text.slice(0, 40),
    quote: m.text,
    fromUpdate: `From ${ownerName}'s update of ${humanDay(updateDay, tz, today)}: "${m.text}"`,
    today,
    tally: { total: 0, consistent: 0, fixable: 0 },
    out: [],
  };
  const deal = match.dealId ? d.deals.get(match.dealId) : undefined;
  if (!deal) {
    missingDeal(c, match);
    return { discrepancies: c.out, tally: c.tally };
  }
  claim(c, true); // the deal exists
  stageClaim(c, deal);
  const lostClaim = m.stage?.key === 'lost';
  if (m.amount && !lostClaim) amountClaim(c, deal, m.amount);
  // A closed deal's close date is history (a go-live or a PO date later is not a new forecast); a won claim's
  // date is when it closed: the stage change sets it, it is no forecast to compare.
  if (m.closeDate && !lostClaim && m.stage?.key !== 'won' && d.isOpen(deal)) closeDateClaim(c, deal, m.closeDate);
  for (const a of m.activities) activityClaim(c, deal, a);
  if (d.isOpen(deal) && !lostClaim && (m.active || m.activities.length > 0)) activeClaim(c, deal);
  return { discrepancies: c.out, tally: c.tally };
}

function claim(c: Claims, consistent: boolean, fixable = true): void {
  c.tally.total++;
  if (consistent) c.tally.consistent++;
  else if (fixable) c.tally.fixable++;
}

/** The update names a deal the CRM does not have: propose creating it with what the update says. */
function missingDeal(c: Claims, match: MatchResult): void {
  const { m, input } = c;
  const { ctx, lexicon, ownerId } = input;
  const pipeline = defaultPipeline(ctx);
  const stage = pipeline
    ? ((m.stage ? stageFor(lexicon, pipeline, m.stage.key) : undefined) ??
      pipeline.stages.filter((s) => !s.isClosed).sort((a, b) => a.displayOrder - b.displayOrder)[0])
    : undefined;
  const name = stripUnsafeText(titleCase(c.mentionName)).trim();
  const properties: Record<string, string> = {
    dealname: m.product ? `${name} - ${m.product}` : name,
    hubspot_owner_id: ownerId,
  };
  if (pipeline) properties['pipeline'] = pipeline.id;
  if (stage) properties['dealstage'] = stage.id;
  if (m.amount) properties['amount'] = String(m.amount.value);
  if (m.closeDate) properties['closedate'] = m.closeDate.date;
  const change: CrmChange = {
    op: 'create_deal',
    properties,
    ...(match.companyId ? { companyId: match.companyId } : {}),
  };
  const n = 1 + (m.stage ? 1 : 0) + (m.amount ? 1 : 0) + (m.closeDate ? 1 : 0);
  for (let i = 0; i < n; i++) claim(c, false);
  c.out.push({
    type: 'missing_deal',
    dealId: null,
    mention: c.mentionName,
    claimed: {
      company: name,
      ...(m.product ? { product: m.product } : {}),
      ...(stage ? { stage: stage.id } : {}),
      ...(m.amount ? { amount: m.amount.value } : {}),
      ...(m.closeDate ? { closeDate: m.closeDate.date } : {}),
    },
    crm: match.companyId ? { companyId: match.companyId, company: match.matchedName, deal: null } : { deal: null },
    proposedUpdates: [change],
    quote: c.quote,
    summary: `The update names ${name}${m.amount ? ` (${formatMoney(m.amount.value, ctx.currency)})` : ''}, but ${match.companyId ? `${match.matchedName} has no open deal` : 'no such deal or company is in the CRM'}${match.note ? ` (${match.note})` : ''}`,
    companyId: match.companyId,
  });
}

/** The stage the update puts the deal at (a lost claim on an open deal is its own type). */
function stageClaim(c: Claims, deal: Deal): void {
  const { m, d } = c;
  const pipeline = c.input.ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
  if (!m.stage || !pipeline) return;
  const info = d.stageOf(deal);
  const crmStage = { stage: deal.stageId, stageLabel: info?.label ?? deal.stageId };
  const byLabel = m.stage.stageId ? pipeline.stages.find((st) => st.id === m.stage!.stageId) : undefined;
  const target = byLabel ?? stageFor(c.input.lexicon, pipeline, m.stage.key);
  if (!target) return;
  if (target.id === deal.stageId) return claim(c, true);
  claim(c, false);
  const open = d.isOpen(deal);
  const lost = target.isClosed && !target.isWon;
  const properties: Record<string, string> = { dealstage: target.id };
  if (lost && m.lostReason) properties['closed_lost_reason'] = m.lostReason.slice(0, 500);
  const relation = target.isClosed
    ? `closed; the CRM has it at ${crmStage.stageLabel}`
    : info && target.displayOrder < info.displayOrder
      ? `behind the CRM's ${crmStage.stageLabel}`
      : `ahead of the CRM's ${crmStage.stageLabel}`;
  c.out.push({
    type: lost && open ? 'lost_not_closed' : 'stage_mismatch',
    dealId: deal.id,
    mention: c.mentionName,
    claimed: {
      stage: target.id,
      stageLabel: target.label,
      phrase: m.stage.phrase,
      ...(lost && m.lostReason ? { reason: m.lostReason } : {}),
    },
    crm: crmStage,
    proposedUpdates: [{ op: 'update_deal', dealId: deal.id, properties }],
    quote: c.quote,
    summary:
      lost && open
        ? `The update says ${c.mentionName} is lost ("${m.stage.phrase}"); the CRM still has it open in ${crmStage.stageLabel}`
        : `The update puts ${c.mentionName} at ${target.label} ("${m.stage.phrase}"), ${relation}`,
  });
}

function amountClaim(c: Claims, deal: Deal, amount: NonNullable<MentionClaims['amount']>): void {
  const currency = c.input.ctx.currency;
  const agrees = deal.amount !== null && amountsAgree(amount, deal.amount);
  claim(c, agrees);
  if (agrees) return;
  c.out.push({
    type: 'amount_mismatch',
    dealId: deal.id,
    mention: c.mentionName,
    claimed: { amount: amount.value, raw: amount.raw },
    crm: { amount: deal.amount },
    proposedUpdates: [{ op: 'update_deal', dealId: deal.id, properties: { amount: String(amount.value) } }],
    quote: c.quote,
    summary: `The update says ${amount.raw} (${formatMoney(amount.value, currency)}); the CRM has ${formatMoney(deal.amount, currency)}`,
  });
}

function closeDateClaim(c: Claims, deal: Deal, close: NonNullable<MentionClaims['closeDate']>): void {
  const tz = c.input.ctx.timezone;
  const crmDay = deal.closeDate ? closeDateDay(deal.closeDate, tz) : null;
  const agrees =
    crmDay !== null &&
    dayDiff(close.from, crmDay) >= -CLOSE_DATE_SLACK_DAYS &&
    dayDiff(close.to, crmDay) <= CLOSE_DATE_SLACK_DAYS;
  claim(c, agrees);
  if (agrees) return;
  c.out.push({
    type: 'close_date_mismatch',
    dealId: deal.id,
    mention: c.mentionName,
    claimed: { closeDate: close.date, raw: close.raw, from: close.from, to: close.to },
    crm: { closeDate: crmDay },
    proposedUpdates: [{ op: 'update_deal', dealId: deal.id, properties: { closedate: close.date } }],
    quote: c.quote,
    summary: `The update says "${close.raw}" (${humanDay(close.date, tz, c.today)}); the CRM's close date is ${crmDay ? humanDay(crmDay, tz, c.today) : 'not set'}`,
  });
}

/** An activity the AE reports: logged in the CRM (or SmartLead) around that day, or proposed to be logged. */
function activityClaim(c: Claims, deal: Deal, a: ActivityClaim): void {
  const { ctx } = c.input;
  const tz = ctx.timezone;
  const logged = loggedActivity(ctx, c.d, deal, a, c.today);
  claim(c, logged.found);
  if (logged.found) return;
  const day = a.date?.date ?? c.today;
  const at = localMorningIso(day > c.today ? c.today : day, tz);
  const dealId = deal.id;
  const change: CrmChange =
    a.kind === 'meeting'
      ? {
          op: 'log_meeting',
          dealId,
          at,
          title: (a.raw.charAt(0).toUpperCase() + a.raw.slice(1)).slice(0, 120),
          body: c.fromUpdate,
        }
      : a.kind === 'call'
        ? { op: 'log_call', dealId, at, body: c.fromUpdate }
        : { op: 'add_note', dealId, body: c.fromUpdate };
  const kinds = [...KINDS_FOR[a.kind]];
  const day0 = (x: string) => humanDay(x, tz, c.today);
  c.out.push({
    type: 'unlogged_activity',
    dealId,
    mention: c.mentionName,
    claimed: {
      activity: a.kind,
      raw: a.raw,
      date: a.date?.date ?? null,
      from: a.date?.from ?? null,
      to: a.date?.to ?? null,
    },
    crm: { activity: null, searched: { kinds, from: logged.from, to: logged.to } },
    proposedUpdates: [change],
    quote: c.quote,
    summary: `The update reports a ${a.kind} ("${a.raw}"${a.date ? `, ${day0(a.date.date)}` : ''}); the CRM has no ${kinds.join(' or ')} logged ${day0(logged.from)} – ${day0(logged.to)}`,
  });
}

/** "Still active" (or activity reported) on a deal the CRM shows as stale. */
function activeClaim(c: Claims, deal: Deal): void {
  const { m, d } = c;
  const last = d.lastActivity(deal);
  const lastMs = last?.at ?? Date.parse(deal.createdAt);
  const days = daysSince(lastMs, Date.parse(c.input.ctx.asOf));
  const threshold = d.staleThresholdDays(deal);
  const stale = days > threshold;
  if (m.active) claim(c, !stale);
  if (!stale) return;
  const words = m.active ?? m.activities[0]!.raw;
  c.out.push({
    type: 'stale_deal',
    dealId: deal.id,
    mention: c.mentionName,
    claimed: { status: 'active', words },
    crm: {
      lastActivity: new Date(lastMs).toISOString(),
      lastActivityKind: last?.kind ?? null,
      daysSinceActivity: days,
      thresholdDays: threshold,
    },
    proposedUpdates: [{ op: 'add_note', dealId: deal.id, body: c.fromUpdate }],
    quote: c.quote,
    summary: `The update says ${c.mentionName} is active ("${words}"); the CRM has no activity for ${days} days (stale after ${threshold})`,
  });
}
