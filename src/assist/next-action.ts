/**
 * Next best action (AE-5): for each open deal, the one thing the AE should do next and why, chosen by rules over
 * the deal's recent activity, its risk signals and its stage (the proposal stage, the closing window). Rules are
 * tried in a fixed order of urgency and the first that applies wins, so the choice is explainable; the AE's list is
 * ordered by money at risk (amount × stage probability), then urgency.
 */
import { z } from 'zod';
import { derive, type AnalysisContext } from '../analysis/index.js';
import { dealRisk, type DealRisk } from '../analysis/risk/index.js';
import type { Deal } from '../crm/index.js';
import { formatMoney } from '../format/index.js';
import { dealFacts, type DealFacts, type Person, type Touch } from './facts.js';
import { dayLabel } from './when.js';

export const NEXT_ACTION_KINDS = [
  'reply',
  'agree_close_date',
  're_engage',
  'send_proposal',
  'multi_thread',
  'book_next_step',
  'confirm_po',
  'prepare_next_step',
] as const;
export type NextActionKind = (typeof NEXT_ACTION_KINDS)[number];

/** Lower is more urgent: the order the rules are tried in. */
export const URGENCY: Readonly<Record<NextActionKind, number>> = {
  reply: 1,
  agree_close_date: 2,
  re_engage: 3,
  send_proposal: 4,
  multi_thread: 5,
  book_next_step: 6,
  confirm_po: 7,
  prepare_next_step: 8,
};

export const nextActionSchema = z.object({
  dealId: z.string(),
  dealName: z.string(),
  companyName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  stage: z.string().describe('stage label'),
  amount: z.number().nullable(),
  amountAtRisk: z.number().describe('amount × stage probability: the priority'),
  kind: z.enum(NEXT_ACTION_KINDS),
  /** Whether anything needs doing (false: the deal is on track and the action is to prepare the booked step). */
  needed: z.boolean(),
  action: z.string().describe('what to do, in one line'),
  reason: z.string().describe('why, with the evidence (days, dates, amounts, names)'),
  /** The person the action is with, when there is one. */
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Record ids behind the reason (engagements, SmartLead messages). */
  evidenceIds: z.array(z.string()),
});
export type NextAction = z.infer<typeof nextActionSchema>;

export interface NextActionFilter {
  ownerId?: string;
  dealId?: string;
}

const DAY = 86_400_000;

function days(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / DAY));
}

/** "1 day", "9 days". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function touchWords(t: Touch): string {
  switch (t.kind) {
    case 'smartlead_reply':
      return 'replied to your SmartLead email';
    case 'smartlead_sent':
      return 'got your SmartLead email';
    case 'email':
      return t.direction === 'inbound' ? 'emailed' : 'got your email';
    case 'call':
      return t.direction === 'inbound' ? 'called' : 'spoke with you';
    case 'meeting':
      return 'met you';
    default:
      return 'was noted';
  }
}

/** The contact a re-engagement or next step is with: the one on the deal touched most recently, else the first. */
function bestContact(f: DealFacts): Person | null {
  return f.people.find((p) => p.onDeal && p.lastTouch) ?? f.people.find((p) => p.onDeal) ?? null;
}

/** One rule: the action when it applies, else null. */
type Rule = (
  f: DealFacts,
  env: RuleEnv,
) => Omit<
  NextAction,
  'dealId' | 'dealName' | 'companyName' | 'ownerId' | 'ownerName' | 'stage' | 'amount' | 'amountAtRisk'
> | null;

interface RuleEnv {
  ctx: AnalysisContext;
  risk: DealRisk | undefined;
  asOfMs: number;
  money(x: number | null): string;
  day(ms: number): string;
  staleDays: number;
}

const reply: Rule = (f, env) => {
  const t = f.unanswered;
  if (!t) return null;
  const hours = (env.asOfMs - t.at) / 3_600_000;
  if (hours < env.ctx.config.enablement.replyHours) return null;
  const who = f.people.find((p) => p.contact.id === t.contactId);
  const name = who?.name ?? 'The customer';
  return {
    kind: 'reply',
    needed: true,
    action: `Reply to ${name}`,
    reason: `${name} ${touchWords(t)} on ${env.day(t.at)} and nothing has gone back since (${plural(days(t.at, env.asOfMs), 'day')}).`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: [t.id],
  };
};

const agreeCloseDate: Rule = (f, env) => {
  const close = f.deal.closeDate ? Date.parse(f.deal.closeDate) : NaN;
  if (Number.isNaN(close) || close >= env.asOfMs) return null;
  const who = bestContact(f);
  return {
    kind: 'agree_close_date',
    needed: true,
    action: `Agree a new close date${who ? ` with ${who.name}` : ''}`,
    reason: `The close date ${env.day(close)} has passed (${plural(days(close, env.asOfMs), 'day')} ago) and the deal is still open.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: [],
  };
};

const reEngage: Rule = (f, env) => {
  const last = f.touches.find((t) => t.direction !== 'internal');
  const since = last ? last.at : Date.parse(f.deal.createdAt);
  const quiet = days(since, env.asOfMs);
  if (quiet <= env.staleDays) return null;
  const who = bestContact(f);
  return {
    kind: 're_engage',
    needed: true,
    action: who
      ? `Call ${who.name}${who.role ? ` (${who.role})` : ''} to restart the conversation`
      : 'Restart the conversation: nobody is on the deal yet',
    reason: last
      ? `No contact with the customer for ${plural(quiet, 'day')} (last: ${env.day(last.at)}); deals here go stale after ${plural(env.staleDays, 'day')}.`
      : `Nothing logged since the deal was created ${plural(quiet, 'day')} ago.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: last ? [last.id] : [],
  };
};

const sendProposal: Rule = (f, env) => {
  const m = f.lastMeeting;
  const target = f.proposalStage;
  if (!m || !target || !f.stage || f.stage.order >= target.order || f.proposalAfterMeeting) return null;
  const since = days(m.at, env.asOfMs);
  if (since < env.ctx.config.enablement.proposalAfterDemoDays) return null;
  const who = f.people.find((p) => p.contact.id === m.contactId) ?? bestContact(f);
  return {
    kind: 'send_proposal',
    needed: true,
    action: `Send the proposal${who ? ` to ${who.name}` : ''}`,
    reason: `Met on ${env.day(m.at)} (${plural(since, 'day')} ago) and no proposal, quote or pricing email has gone out since.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: [m.id],
  };
};

const multiThread: Rule = (f, env) => {
  const min = env.ctx.config.risk.singleThreadedAmount;
  const deal = f.deal;
  if (deal.amount === null || deal.amount < min || deal.contactIds.length > 1) return null;
  const other = f.people.find((p) => !p.onDeal && p.lastTouch);
  const base = `${deal.contactIds.length === 0 ? 'No contact' : 'Only one contact'} on a ${env.money(deal.amount)} deal`;
  if (other) {
    return {
      kind: 'multi_thread',
      needed: true,
      action: `Add ${other.name}${other.role ? ` (${other.role})` : ''} to the deal`,
      reason: `${base}; ${other.name} ${touchWords(other.lastTouch!)} on ${env.day(other.lastTouch!.at)}.`,
      contactId: other.contact.id,
      contactName: other.name,
      evidenceIds: [other.lastTouch!.id],
    };
  }
  const who = bestContact(f);
  return {
    kind: 'multi_thread',
    needed: true,
    action: who
      ? `Ask ${who.name} to bring in whoever signs off (finance or the business head)`
      : 'Find the people who decide and add them to the deal',
    reason: `${base}: one person leaving or going quiet stalls it.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: [],
  };
};

const bookNextStep: Rule = (f) => {
  if (f.next) return null;
  const who = bestContact(f);
  const overdue = f.overdueTasks.length;
  return {
    kind: 'book_next_step',
    needed: true,
    action: `Book the next step${who ? ` with ${who.name}` : ''}`,
    reason: `Nothing is scheduled: no future meeting or task and no next step on the deal${overdue ? ` (${overdue} overdue task${overdue > 1 ? 's' : ''})` : ''}.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: f.overdueTasks.map((t) => t.id).slice(0, 3),
  };
};

const confirmPo: Rule = (f, env) => {
  if (f.stage?.category !== 'late' || !f.deal.closeDate) return null;
  const close = Date.parse(f.deal.closeDate);
  const left = days(env.asOfMs, close);
  if (left > env.ctx.config.enablement.closingWindowDays) return null;
  const who = bestContact(f);
  return {
    kind: 'confirm_po',
    needed: true,
    action: `Confirm the PO steps${who ? ` with ${who.name}` : ''}`,
    reason: `${f.stage.label}, closing ${env.day(close)} (in ${plural(left, 'day')}): make sure the paperwork can happen by then.`,
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: [],
  };
};

const prepareNext: Rule = (f, env) => {
  const n = f.next;
  const who = bestContact(f);
  return {
    kind: 'prepare_next_step',
    needed: false,
    action: n ? `Prepare for: ${n.subject}` : 'Keep going',
    reason: n
      ? `On track: ${n.kind === 'meeting' ? 'meeting' : n.kind === 'task' ? 'task' : 'next step'} ${n.at !== null ? `on ${env.day(n.at)}` : 'noted on the deal'}.`
      : 'On track.',
    contactId: who?.contact.id ?? null,
    contactName: who?.name ?? null,
    evidenceIds: n?.id ? [n.id] : [],
  };
};

export const RULES: ReadonlyArray<[NextActionKind, Rule]> = [
  ['reply', reply],
  ['agree_close_date', agreeCloseDate],
  ['re_engage', reEngage],
  ['send_proposal', sendProposal],
  ['multi_thread', multiThread],
  ['book_next_step', bookNextStep],
  ['confirm_po', confirmPo],
  ['prepare_next_step', prepareNext],
];

/** The next action for one open deal (the first rule in urgency order that applies). */
export function nextActionFor(ctx: AnalysisContext, deal: Deal, risk?: DealRisk): NextAction {
  const d = derive(ctx);
  const f = dealFacts(ctx, deal);
  const env: RuleEnv = {
    ctx,
    risk,
    asOfMs: d.asOfMs,
    money: (x) => formatMoney(x, ctx.currency),
    day: (ms) => dayLabel(ms, ctx.timezone, d.asOfMs),
    staleDays: d.staleThresholdDays(deal),
  };
  const probability = f.stage?.probability ?? 0;
  const companyName =
    deal.companyIds.map((id) => d.companies.get(id)?.name).find((n): n is string => Boolean(n)) ?? null;
  for (const [, rule] of RULES) {
    const hit = rule(f, env);
    if (!hit) continue;
    return {
      dealId: deal.id,
      dealName: deal.name,
      companyName,
      ownerId: deal.ownerId,
      ownerName: d.ownerName(deal.ownerId),
      stage: f.stage?.label ?? deal.stageId,
      amount: deal.amount,
      amountAtRisk: Math.round((deal.amount ?? 0) * probability),
      ...hit,
    };
  }
  throw new Error('the last next-action rule always applies');
}

/** Next actions for the open deals (of one owner, or one deal): needed first, then money at risk, then urgency. */
export function nextActions(ctx: AnalysisContext, filter: NextActionFilter = {}): NextAction[] {
  const d = derive(ctx);
  const risks = new Map(dealRisk(ctx, filter).map((r) => [r.dealId, r]));
  const out: NextAction[] = [];
  for (const deal of d.deals.values()) {
    if (!d.isOpen(deal) || deal.archived) continue;
    if (filter.ownerId !== undefined && deal.ownerId !== filter.ownerId) continue;
    if (filter.dealId !== undefined && deal.id !== filter.dealId) continue;
    out.push(nextActionFor(ctx, deal, risks.get(deal.id)));
  }
  return out.sort(
    (a, b) =>
      Number(b.needed) - Number(a.needed) ||
      b.amountAtRisk - a.amountAtRisk ||
      URGENCY[a.kind] - URGENCY[b.kind] ||
      (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : 0),
  );
}
