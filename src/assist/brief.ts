/**
 * Pre-call brief (AE-1): one page an AE reads in a minute before a call. Everything in it is a fact from the
 * synced portal (or the AE's own stored update), gathered deterministically: the company and its people (who was
 * last in touch, who has gone quiet, single-threaded or not), where the deal stands (stage and for how long,
 * amount, close date and its pushes), the last touches across HubSpot and SmartLead (quoted as data), what the AE
 * last said vs the CRM, open risks with evidence, unmet stage requirements, the next best action and questions
 * drawn from the risks and the stage's exit criteria.
 */
import { z } from 'zod';
import { derive, type AnalysisContext } from '../analysis/index.js';
import { daysSince } from '../time/index.js';
import { runChecks, lastStageChangeMs } from '../analysis/checks/index.js';
import { closeDatePushes, dealRisk, riskSignalSchema, type RiskSignal } from '../analysis/risk/index.js';
import type { Deal } from '../crm/index.js';
import { exitCriteriaFor } from './criteria.js';
import { dealFacts, type Touch } from './facts.js';
import { nextActionFor, nextActionSchema } from './next-action.js';
import type { SaidAboutDeal } from './said.js';

const MAX_TOUCHES = 6;
const MAX_TOUCH_TEXT = 280;

export const briefPersonSchema = z.object({
  contactId: z.string(),
  name: z.string().describe('CRM text'),
  role: z.string().nullable().describe('job title (CRM text)'),
  email: z.string().nullable(),
  onDeal: z.boolean().describe('associated with the deal (false: someone else at the company who was in touch)'),
  lastTouchAt: z.string().nullable(),
  lastTouchKind: z.string().nullable(),
  quietDays: z.number().int().nullable().describe('whole days since the last touch; null: never touched'),
  status: z
    .enum(['active', 'quiet', 'never'])
    .describe('active: touched within the quiet threshold; quiet: not since; never: no touch at all'),
});

export const briefTouchSchema = z.object({
  at: z.string(),
  source: z.enum(['hubspot', 'smartlead']),
  kind: z.string(),
  direction: z.enum(['inbound', 'outbound', 'internal']),
  id: z.string(),
  contactName: z.string().nullable(),
  /** Subject and text as written (CRM text: data, never instructions), cut at a word. */
  text: z.string(),
});

export const dealBriefSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  timezone: z.string(),
  dealId: z.string(),
  dealName: z.string(),
  hubspotUrl: z.string().nullable().describe('the deal in HubSpot (null when the portal id is unknown)'),
  company: z.object({ id: z.string(), name: z.string().nullable(), domain: z.string().nullable() }).nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  stage: z.object({
    id: z.string(),
    label: z.string(),
    category: z.string(),
    since: z.string(),
    days: z.number().int(),
    open: z.boolean(),
  }),
  amount: z.number().nullable(),
  closeDate: z.string().nullable(),
  closeDatePushes: z.array(z.object({ from: z.string(), to: z.string(), at: z.string(), days: z.number().int() })),
  people: z.array(briefPersonSchema),
  singleThreaded: z.boolean().describe('at most one contact on the deal'),
  lastTouches: z.array(briefTouchSchema).describe(`newest first, at most ${MAX_TOUCHES}`),
  scheduled: z
    .object({ kind: z.string(), at: z.string().nullable(), subject: z.string() })
    .nullable()
    .describe('the next booked meeting or task, or the next step text'),
  aeSaid: z
    .object({
      updateId: z.string(),
      receivedAt: z.string(),
      quote: z.string().describe("the AE's words about this deal in their latest update"),
      differences: z.array(
        z.object({
          type: z.string(),
          claimed: z.record(z.string(), z.unknown()),
          crm: z.record(z.string(), z.unknown()),
        }),
      ),
    })
    .nullable(),
  risks: z.array(riskSignalSchema),
  unmetRequirements: z.array(z.object({ requirement: z.string(), source: z.enum(['check', 'exit_criterion']) })),
  nextAction: nextActionSchema.nullable().describe('null for a closed deal'),
  questions: z.array(z.string()).describe('to ask on the call: from the risks first, then the stage exit criteria'),
});
export type DealBrief = z.infer<typeof dealBriefSchema>;

export interface BriefOptions {
  /** What the AE said about deals in stored updates (assist/said.ts). */
  said?: ReadonlyMap<string, SaidAboutDeal>;
}

/** Cut at a word boundary, never mid-word. */
export function cutAtWord(s: string, max: number): string {
  const flat = s
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

function touchText(t: Touch): string {
  const parts = [t.subject?.trim(), t.body?.trim()].filter((x): x is string => Boolean(x));
  if (parts.length === 2 && parts[1]!.startsWith(parts[0]!)) parts.shift();
  return cutAtWord(parts.join(' — ') || '(no text)', MAX_TOUCH_TEXT);
}

const RISK_QUESTION: Partial<Record<RiskSignal['signal'], (r: RiskSignal) => string>> = {
  close_date_pushed: (r) =>
    `The close date has moved ${typeof r.evidence['pushes'] === 'number' ? `${r.evidence['pushes']} times` : 'more than once'}: what has to happen for the current date to hold?`,
  single_threaded: () => 'Who else is involved in the decision, and can we meet them before the next step?',
  competitor_mentioned: (r) =>
    `How do we compare with ${(r.evidence['competitors'] as string[] | undefined)?.join(' and ') ?? 'the alternative'} on what matters most to you?`,
  amount_decreased: () => 'The scope came down: what changed, and what would bring the rest back?',
  going_cold: () => 'Is this still a priority for this quarter, or has something else come first?',
  stage_regression: () => 'What reopened since we last agreed the next step?',
  no_next_activity: () => 'Can we put the next step in the calendar before we finish today?',
  smartlead_silence: () => 'You replied to our email a while ago: is the timing right to pick it up now?',
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const checksCache = new WeakMap<AnalysisContext, Map<string, string[]>>();

/** Findings that are about a deal's required data, by deal id (one pass over the portal, memoised). */
function dataFindings(ctx: AnalysisContext): Map<string, string[]> {
  const hit = checksCache.get(ctx);
  if (hit) return hit;
  const out = new Map<string, string[]>();
  for (const f of runChecks(ctx, ['missing_required_field', 'missing_notes', 'close_date_past'])) {
    if (f.objectType !== 'deal' || !f.objectId) continue;
    const list = out.get(f.objectId) ?? [];
    list.push(f.summary);
    out.set(f.objectId, list);
  }
  checksCache.set(ctx, out);
  return out;
}

export function dealBrief(ctx: AnalysisContext, deal: Deal, options: BriefOptions = {}): DealBrief {
  const d = derive(ctx);
  const f = dealFacts(ctx, deal);
  const open = d.isOpen(deal);
  const quietAfter = ctx.config.enablement.quietContactDays;
  const companyId = deal.companyIds[0] ?? null;
  const company = companyId ? d.companies.get(companyId) : undefined;
  const since = lastStageChangeMs(deal);
  const risk = open ? dealRisk(ctx, { dealId: deal.id })[0] : undefined;
  const risks = risk?.signals ?? [];
  const criteria = open && f.stage ? exitCriteriaFor(ctx.config.enablement, deal.stageId, f.stage.category) : [];
  const questions = [
    ...new Set([
      ...risks.map((r) => RISK_QUESTION[r.signal]?.(r)).filter((q): q is string => Boolean(q)),
      ...criteria.map((c) => c.question),
    ]),
  ].slice(0, 6);
  const contactName = new Map(f.people.map((p) => [p.contact.id, p.name]));
  const portalId = ctx.data.crm.account.portalId;
  return {
    asOf: ctx.asOf,
    currency: ctx.currency,
    timezone: ctx.timezone,
    dealId: deal.id,
    dealName: deal.name,
    hubspotUrl: portalId !== null ? `https://app.hubspot.com/contacts/${portalId}/record/0-3/${deal.id}` : null,
    company: companyId ? { id: companyId, name: company?.name ?? null, domain: company?.domain ?? null } : null,
    ownerId: deal.ownerId,
    ownerName: d.ownerName(deal.ownerId),
    stage: {
      id: deal.stageId,
      label: f.stage?.label ?? deal.stageId,
      category: f.stage?.category ?? 'unknown',
      since: iso(since),
      days: Math.max(0, daysSince(since, d.asOfMs)),
      open,
    },
    amount: deal.amount,
    closeDate: deal.closeDate,
    closeDatePushes: closeDatePushes(ctx, deal),
    people: f.people.map((p) => ({
      contactId: p.contact.id,
      name: p.name,
      role: p.role,
      email: p.contact.email,
      onDeal: p.onDeal,
      lastTouchAt: p.lastTouch ? iso(p.lastTouch.at) : null,
      lastTouchKind: p.lastTouch?.kind ?? null,
      quietDays: p.quietDays,
      status:
        p.quietDays === null ? ('never' as const) : p.quietDays > quietAfter ? ('quiet' as const) : ('active' as const),
    })),
    singleThreaded: deal.contactIds.length <= 1,
    lastTouches: f.touches.slice(0, MAX_TOUCHES).map((t) => ({
      at: iso(t.at),
      source: t.source,
      kind: t.kind,
      direction: t.direction,
      id: t.id,
      contactName: t.contactId ? (contactName.get(t.contactId) ?? null) : null,
      text: touchText(t),
    })),
    scheduled: f.next
      ? { kind: f.next.kind, at: f.next.at !== null ? iso(f.next.at) : null, subject: f.next.subject }
      : null,
    aeSaid: options.said?.get(deal.id) ?? null,
    risks,
    unmetRequirements: [
      ...(dataFindings(ctx).get(deal.id) ?? []).map((requirement) => ({ requirement, source: 'check' as const })),
      ...criteria.map((c) => ({
        requirement: `To leave ${f.stage?.label ?? 'this stage'}: ${c.criterion}`,
        source: 'exit_criterion' as const,
      })),
    ],
    nextAction: open ? nextActionFor(ctx, deal, risk) : null,
    questions,
  };
}
