/**
 * The facts about one deal that briefs, next actions and reminders share: its people and when each was last in
 * touch, every touch across HubSpot and SmartLead (newest first), the reply still waiting for an answer, the last
 * demo and whether a proposal went out after it, and what is scheduled next. Pure over the analysis context.
 */
import { derive, isDone, type AnalysisContext, type Derived, type StageInfo } from '../analysis/index.js';
import { daysSince } from '../time/index.js';
import type { Contact, Deal, Engagement } from '../crm/index.js';

export interface Touch {
  /** Epoch ms. */
  at: number;
  source: 'hubspot' | 'smartlead';
  kind: 'call' | 'email' | 'meeting' | 'note' | 'smartlead_sent' | 'smartlead_reply';
  /** Inbound: the customer wrote or called; outbound: the team did; internal: a note. */
  direction: 'inbound' | 'outbound' | 'internal';
  /** Engagement id, or `campaignId:leadId:time` for SmartLead. */
  id: string;
  contactId: string | null;
  subject: string | null;
  /** CRM text: data, never instructions. */
  body: string | null;
}

export interface Person {
  contact: Contact;
  name: string;
  role: string | null;
  onDeal: boolean;
  lastTouch: Touch | null;
  /** Whole days since the last touch (null: never). */
  quietDays: number | null;
}

export interface Scheduled {
  kind: 'task' | 'meeting' | 'next_step';
  at: number | null;
  subject: string;
  id: string | null;
}

export interface DealFacts {
  deal: Deal;
  stage: StageInfo | undefined;
  /** Touches on the deal and its contacts up to asOf, newest first. */
  touches: Touch[];
  /** People on the deal first (most recent touch first), then others at its companies who were touched. */
  people: Person[];
  /** The latest inbound message with no outbound touch after it. */
  unanswered: Touch | null;
  /** The latest completed meeting. */
  lastMeeting: Touch | null;
  /** An outbound email after the last meeting that speaks of a proposal, quote or pricing. */
  proposalAfterMeeting: Touch | null;
  /** The next future task or meeting, or the deal's next step text. */
  next: Scheduled | null;
  /** Open tasks whose due date has passed. */
  overdueTasks: Engagement[];
  /** The pipeline's first open stage that reads as the proposal stage (by label), else the first late stage. */
  proposalStage: StageInfo | undefined;
}

const PROPOSAL_WORDS = /\b(proposal|quote|quotation|commercials?|pricing|price list|offer)\b/i;

export function contactName(c: Contact): string {
  const full = [c.firstName, c.lastName]
    .filter((x) => x && x.trim())
    .join(' ')
    .trim();
  return full || c.email || `Contact ${c.id}`;
}

function fromEngagement(e: Engagement, contactId: string | null): Touch | null {
  if (e.kind === 'task') return null;
  const inbound =
    (e.kind === 'email' && e.direction === 'INCOMING_EMAIL') || (e.kind === 'call' && e.direction === 'INBOUND');
  return {
    at: Date.parse(e.timestamp),
    source: 'hubspot',
    kind: e.kind,
    direction: e.kind === 'note' ? 'internal' : inbound ? 'inbound' : 'outbound',
    id: e.id,
    contactId: contactId ?? e.contactIds[0] ?? null,
    subject: e.subject,
    body: e.body,
  };
}

/** Touches of one contact (HubSpot engagements on the contact, SmartLead messages to/from its email), up to asOf. */
function contactTouches(d: Derived, c: Contact): Touch[] {
  const out: Touch[] = [];
  for (const e of d.engagementsByContact.get(c.id) ?? []) {
    if (!isDone(e, d.asOfMs)) continue;
    const t = fromEngagement(e, c.id);
    if (t) out.push(t);
  }
  const email = c.email?.trim().toLowerCase();
  for (const m of (email && d.smartleadByEmail.get(email)) || []) {
    const at = Date.parse(m.time);
    if (at > d.asOfMs) continue;
    const reply = m.type === 'REPLY';
    out.push({
      at,
      source: 'smartlead',
      kind: reply ? 'smartlead_reply' : 'smartlead_sent',
      direction: reply ? 'inbound' : 'outbound',
      id: `${m.campaignId}:${m.leadId}:${m.time}`,
      contactId: c.id,
      subject: m.subject ?? null,
      body: m.body ?? null,
    });
  }
  return out;
}

export function proposalStageOf(d: Derived, pipelineId: string): StageInfo | undefined {
  const open = [...d.stages.values()]
    .filter((s) => s.pipelineId === pipelineId && !s.isClosed)
    .sort((a, b) => a.order - b.order);
  return open.find((s) => PROPOSAL_WORDS.test(s.label)) ?? open.find((s) => s.category === 'late');
}

const factsCache = new WeakMap<AnalysisContext, Map<string, DealFacts>>();

export function dealFacts(ctx: AnalysisContext, deal: Deal): DealFacts {
  let cache = factsCache.get(ctx);
  if (!cache) factsCache.set(ctx, (cache = new Map<string, DealFacts>()));
  const hit = cache.get(deal.id);
  if (hit) return hit;
  const facts = build(ctx, deal);
  cache.set(deal.id, facts);
  return facts;
}

function build(ctx: AnalysisContext, deal: Deal): DealFacts {
  const d = derive(ctx);
  const byId = new Map<string, Touch>();
  for (const e of d.engagementsByDeal.get(deal.id) ?? []) {
    if (!isDone(e, d.asOfMs)) continue;
    const t = fromEngagement(e, null);
    if (t) byId.set(t.id, t);
  }
  const people: Person[] = [];
  const onDeal = new Set(deal.contactIds);
  const companyContacts = new Set<string>();
  for (const c of d.contacts.values())
    if (!onDeal.has(c.id) && c.companyIds.some((id) => deal.companyIds.includes(id))) companyContacts.add(c.id);
  for (const id of [...deal.contactIds, ...companyContacts]) {
    const c = d.contacts.get(id);
    if (!c) continue;
    const touches = contactTouches(d, c);
    const mine = onDeal.has(id);
    // Touches of the deal's own contacts are the deal's; others at the company only tell who was in touch.
    if (mine) for (const t of touches) if (!byId.has(t.id)) byId.set(t.id, t);
    const last = touches.reduce<Touch | null>((a, t) => (!a || t.at > a.at ? t : a), null);
    if (!mine && !last) continue;
    people.push({
      contact: c,
      name: contactName(c),
      role: c.properties['jobtitle']?.trim() || null,
      onDeal: mine,
      lastTouch: last,
      quietDays: last ? daysSince(last.at, d.asOfMs) : null,
    });
  }
  people.sort(
    (a, b) =>
      Number(b.onDeal) - Number(a.onDeal) ||
      (b.lastTouch?.at ?? -1) - (a.lastTouch?.at ?? -1) ||
      a.name.localeCompare(b.name),
  );
  const touches = [...byId.values()].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));

  let unanswered: Touch | null = null;
  for (const t of touches) {
    if (t.direction === 'outbound' || t.kind === 'meeting') break;
    if (t.direction === 'inbound') {
      unanswered = t;
      break;
    }
  }
  const lastMeeting = touches.find((t) => t.kind === 'meeting') ?? null;
  const proposalAfterMeeting = lastMeeting
    ? (touches.find(
        (t) =>
          t.at > lastMeeting.at &&
          t.direction === 'outbound' &&
          (t.kind === 'email' || t.kind === 'smartlead_sent') &&
          PROPOSAL_WORDS.test(`${t.subject ?? ''} ${t.body ?? ''}`),
      ) ?? null)
    : null;

  let next: Scheduled | null = null;
  const overdueTasks: Engagement[] = [];
  for (const e of d.engagementsByDeal.get(deal.id) ?? []) {
    const at = Date.parse(e.timestamp);
    if (e.kind === 'task' && e.status !== 'COMPLETED') {
      if (at <= d.asOfMs) overdueTasks.push(e);
      else if (!next || (next.at !== null && at < next.at))
        next = { kind: 'task', at, subject: e.subject ?? 'Task', id: e.id };
    } else if (e.kind === 'meeting' && at > d.asOfMs && e.status !== 'CANCELED' && e.status !== 'NO_SHOW') {
      if (!next || (next.at !== null && at < next.at))
        next = { kind: 'meeting', at, subject: e.subject ?? 'Meeting', id: e.id };
    }
  }
  if (!next) {
    const nextDate = deal.properties['notes_next_activity_date'];
    const step = deal.properties['hs_next_step']?.trim();
    if (nextDate && Date.parse(nextDate) > d.asOfMs)
      next = { kind: 'next_step', at: Date.parse(nextDate), subject: step || 'Next activity', id: null };
    else if (step) next = { kind: 'next_step', at: null, subject: step, id: null };
  }
  return {
    deal,
    stage: d.stageOf(deal),
    touches,
    people,
    unanswered,
    lastMeeting,
    proposalAfterMeeting,
    next,
    overdueTasks,
    proposalStage: proposalStageOf(d, deal.pipelineId),
  };
}
