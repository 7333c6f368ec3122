/**
 * Compares what each matched mention claims with the CRM and emits the discrepancies (docs/contracts.md §2 types), each
 * with the AE's words as evidence and the CrmChange proposals that would make the CRM agree. Also counts, per
 * mention, the claims the CRM already explains (for coverage).
 */
import type { AnalysisContext, Derived } from '../analysis/index.js';
import { derive, zoneOffsetMs } from '../analysis/index.js';
import type { Deal, Pipeline } from '../crm/index.js';
import { formatMoney } from '../format/index.js';
import type { CrmChange } from '../writes/index.js';
import { stageFor, type Lexicon } from './lexicon.js';
import type { MatchResult } from './match.js';
import { amountsAgree } from './parse/amount.js';
import { addDaysYmd, closeDateDay, dayDiff, localDate } from './parse/dates.js';
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

/** Compares one mention. `match.dealId` null: the deal the update names is missing from the CRM. */
export function compareMention(
  input: CompareInput,
  m: MentionClaims,
  match: MatchResult,
  ownerName: string,
): Comparison {
  const { ctx, lexicon, ownerId } = input;
  const d = derive(ctx);
  const tz = ctx.timezone;
  const today = localDate(ctx.asOf, tz);
  const updateDay = localDate(input.receivedAt, tz);
  const mentionName = m.name ?? match.matchedName ?? m.text.slice(0, 40);
  const out: Discrepancy[] = [];
  const tally: ClaimTally = { total: 0, consistent: 0, fixable: 0 };
  const claim = (consistent: boolean, fixable = true) => {
    tally.total++;
    if (consistent) tally.consistent++;
    else if (fixable) tally.fixable++;
  };
  const quote = m.text;
  const fromUpdate = `From ${ownerName}'s update of ${updateDay}: "${quote}"`;

  const deal = match.dealId ? d.deals.get(match.dealId) : undefined;
  if (!deal) {
    const pipeline = defaultPipeline(ctx);
    const stage = pipeline
      ? ((m.stage ? stageFor(lexicon, pipeline, m.stage.key) : undefined) ??
        pipeline.stages.filter((s) => !s.isClosed).sort((a, b) => a.displayOrder - b.displayOrder)[0])
      : undefined;
    const name = stripUnsafeText(titleCase(mentionName)).trim();
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
    for (let i = 0; i < n; i++) claim(false);
    out.push({
      type: 'missing_deal',
      dealId: null,
      mention: mentionName,
      claimed: {
        company: name,
        ...(m.product ? { product: m.product } : {}),
        ...(stage ? { stage: stage.id } : {}),
        ...(m.amount ? { amount: m.amount.value } : {}),
        ...(m.closeDate ? { closeDate: m.closeDate.date } : {}),
      },
      crm: match.companyId ? { companyId: match.companyId, company: match.matchedName, deal: null } : { deal: null },
      proposedUpdates: [change],
      quote,
      summary: `The update names ${name}${m.amount ? ` (${formatMoney(m.amount.value, ctx.currency)})` : ''}, but ${match.companyId ? `${match.matchedName} has no open deal` : 'no such deal or company is in the CRM'}${match.note ? ` (${match.note})` : ''}`,
      companyId: match.companyId,
    });
    return { discrepancies: out, tally };
  }

  claim(true); // the deal exists
  const dealId = deal.id;
  const info = d.stageOf(deal);
  const open = d.isOpen(deal);
  const pipeline = ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
  const crmStage = { stage: deal.stageId, stageLabel: info?.label ?? deal.stageId };

  // Stage (and lost).
  if (m.stage && pipeline) {
    const byLabel = m.stage.stageId ? pipeline.stages.find((st) => st.id === m.stage!.stageId) : undefined;
    const target = byLabel ?? stageFor(lexicon, pipeline, m.stage.key);
    if (target && target.id !== deal.stageId) {
      claim(false);
      const lost = target.isClosed && !target.isWon;
      const properties: Record<string, string> = { dealstage: target.id };
      if (lost && m.lostReason) properties['closed_lost_reason'] = m.lostReason.slice(0, 500);
      const direction =
        info && !target.isClosed
          ? target.displayOrder > info.displayOrder
            ? 'ahead'
            : 'behind'
          : target.isClosed
            ? 'closed'
            : 'ahead';
      out.push({
        type: lost && open ? 'lost_not_closed' : 'stage_mismatch',
        dealId,
        mention: mentionName,
        claimed: {
          stage: target.id,
          stageLabel: target.label,
          phrase: m.stage.phrase,
          ...(lost && m.lostReason ? { reason: m.lostReason } : {}),
        },
        crm: crmStage,
        proposedUpdates: [{ op: 'update_deal', dealId, properties }],
        quote,
        summary:
          lost && open
            ? `The update says ${mentionName} is lost ("${m.stage.phrase}"); the CRM still has it open in ${crmStage.stageLabel}`
            : `The update puts ${mentionName} at ${target.label} ("${m.stage.phrase}"), ${direction} of the CRM's ${crmStage.stageLabel}`,
      });
    } else if (target) claim(true);
  }
  const lostClaim = m.stage?.key === 'lost';

  // Amount.
  if (m.amount && !lostClaim) {
    const agrees = deal.amount !== null && amountsAgree(m.amount, deal.amount);
    claim(agrees);
    if (!agrees) {
      out.push({
        type: 'amount_mismatch',
        dealId,
        mention: mentionName,
        claimed: { amount: m.amount.value, raw: m.amount.raw },
        crm: { amount: deal.amount },
        proposedUpdates: [{ op: 'update_deal', dealId, properties: { amount: String(m.amount.value) } }],
        quote,
        summary: `The update says ${m.amount.raw} (${formatMoney(m.amount.value, ctx.currency)}); the CRM has ${formatMoney(deal.amount, ctx.currency)}`,
      });
    }
  }

  // Close date (a closed deal's close date is history: a go-live or a PO date later is not a new forecast).
  // A won claim's date is when it closed: the stage change sets it, it is no forecast to compare.
  const wonClaim = m.stage?.key === 'won';
  if (m.closeDate && !lostClaim && !wonClaim && open) {
    const crmDay = deal.closeDate ? closeDateDay(deal.closeDate, tz) : null;
    const agrees =
      crmDay !== null &&
      dayDiff(crmDay, m.closeDate.from) >= -CLOSE_DATE_SLACK_DAYS &&
      dayDiff(crmDay, m.closeDate.to) <= CLOSE_DATE_SLACK_DAYS;
    claim(agrees);
    if (!agrees) {
      out.push({
        type: 'close_date_mismatch',
        dealId,
        mention: mentionName,
        claimed: { closeDate: m.closeDate.date, raw: m.closeDate.raw, from: m.closeDate.from, to: m.closeDate.to },
        crm: { closeDate: crmDay },
        proposedUpdates: [{ op: 'update_deal', dealId, properties: { closedate: m.closeDate.date } }],
        quote,
        summary: `The update says "${m.closeDate.raw}" (${m.closeDate.date}); the CRM's close date is ${crmDay ?? 'not set'}`,
      });
    }
  }

  // Activities the AE reports.
  for (const a of m.activities) {
    const logged = loggedActivity(ctx, d, deal, a, today);
    claim(logged.found);
    if (logged.found) continue;
    const day = a.date?.date ?? today;
    const at = localMorningIso(day > today ? today : day, tz);
    const change: CrmChange =
      a.kind === 'meeting'
        ? {
            op: 'log_meeting',
            dealId,
            at,
            title: (a.raw.charAt(0).toUpperCase() + a.raw.slice(1)).slice(0, 120),
            body: fromUpdate,
          }
        : a.kind === 'call'
          ? { op: 'log_call', dealId, at, body: fromUpdate }
          : { op: 'add_note', dealId, body: fromUpdate };
    out.push({
      type: 'unlogged_activity',
      dealId,
      mention: mentionName,
      claimed: {
        activity: a.kind,
        raw: a.raw,
        date: a.date?.date ?? null,
        from: a.date?.from ?? null,
        to: a.date?.to ?? null,
      },
      crm: { activity: null, searched: { kinds: [...KINDS_FOR[a.kind]], from: logged.from, to: logged.to } },
      proposedUpdates: [change],
      quote,
      summary: `The update reports a ${a.kind} ("${a.raw}"${a.date ? `, ${a.date.date}` : ''}); the CRM has no ${[...KINDS_FOR[a.kind]].join(' or ')} logged ${logged.from}…${logged.to}`,
    });
  }

  // "Still active" on a deal the CRM shows as stale.
  if (open && !lostClaim && (m.active || m.activities.length > 0)) {
    const last = d.lastActivity(deal);
    const lastMs = last?.at ?? Date.parse(deal.createdAt);
    const days = Math.floor((Date.parse(ctx.asOf) - lastMs) / 86_400_000);
    const threshold = d.staleThresholdDays(deal);
    const stale = days > threshold;
    if (m.active) claim(!stale);
    if (stale) {
      out.push({
        type: 'stale_deal',
        dealId,
        mention: mentionName,
        claimed: { status: 'active', words: m.active ?? m.activities[0]!.raw },
        crm: {
          lastActivity: new Date(lastMs).toISOString(),
          lastActivityKind: last?.kind ?? null,
          daysSinceActivity: days,
          thresholdDays: threshold,
        },
        proposedUpdates: [{ op: 'add_note', dealId, body: fromUpdate }],
        quote,
        summary: `The update says ${mentionName} is active ("${m.active ?? m.activities[0]!.raw}"); the CRM has no activity for ${days} days (threshold ${threshold})`,
      });
    }
  }
  return { discrepancies: out, tally };
}
