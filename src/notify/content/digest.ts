/**
 * The digest model: every number, name and date a digest shows lives here, computed once; the renderings (text,
 * HTML, Slack) and any personalised wording only arrange it (guard.ts rejects wording that brings its own numbers).
 */
import { z } from 'zod';
import { formatMoney } from '../../format/index.js';
import { localTime } from '../../time/index.js';
import { LEVELS, type Level } from '../policy/ladder.js';
import { itemFactsSchema, type ItemFacts } from '../policy/priority.js';
import { TIERS } from '../policy/rules.js';
import { weekSchema, winsSchema, type WeekProgress, type Wins } from './wins.js';

export const DIGEST_FORMAT = 'sales-mis/digest@1';

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  firstName: z.string(),
  email: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const saidSchema = z
  .object({
    mention: z.string().describe("the AE's own words from their update"),
    type: z.string().describe('reconcile discrepancy type'),
    claimed: z.string().describe('what the update says'),
    crm: z.string().describe('what HubSpot shows'),
    at: z.string().describe('when the update was reconciled'),
  })
  .describe('what the AE said vs what HubSpot shows (from the latest reconcile run)');
export type Said = z.infer<typeof saidSchema>;

export const ASK_KINDS = ['update_stage', 'add_note', 'log_activity', 'update_fields'] as const;

export const linksSchema = z.object({
  updateStage: z.string().describe('[Update Stage]: signed one-tap link to the quick-log page'),
  addNote: z.string().describe('[Add Note]'),
  skip: z.string().describe('[Skip – Not Ready]: records the answer and snoozes the item'),
});
export type ItemLinks = z.infer<typeof linksSchema>;

export const digestItemSchema = itemFactsSchema.extend({
  nudgeId: z.string(),
  level: z
    .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
    .describe('escalation level of this item today'),
  ladderDay: z.number().int().positive().describe('1 = first nudged today'),
  amountText: z.string(),
  moneyAtRiskText: z.string(),
  headline: z.string().describe('loss-framed: "Forace Group (₹15.2 L) hasn\'t been touched in 18 days"'),
  framing: z.string().describe('the level’s line: benefit (L1), urgency (L2), consequence (L3), support (L4)'),
  ask: z.object({ kind: z.enum(ASK_KINDS), text: z.string() }),
  said: saidSchema.nullable(),
  links: linksSchema,
});
export type DigestItem = z.infer<typeof digestItemSchema>;

/** A clean deal's next best action (src/assist): the AE's top action on a deal whose data has nothing to fix. */
export const digestNextActionSchema = z.object({
  dealId: z.string(),
  name: z.string().describe('company, else deal name'),
  dealName: z.string(),
  amountText: z.string(),
  stage: z.string().describe('stage label'),
  action: z.string().describe('what to do, in one line'),
  reason: z.string().describe('why, with the evidence in words'),
});
export type DigestNextAction = z.infer<typeof digestNextActionSchema>;

/** A meeting of the next working day with its brief in a few lines (src/assist meeting prep). */
export const digestMeetingSchema = z.object({
  meetingId: z.string(),
  time: z.string().describe('local time, 24 h'),
  title: z.string().describe('CRM text'),
  with: z.array(z.string()).describe('attendee names (CRM text)'),
  dealId: z.string().nullable(),
  dealName: z.string().nullable(),
  lines: z.array(z.string()).describe('the brief: where the deal stands, the next action, risks, questions to ask'),
});
export type DigestMeeting = z.infer<typeof digestMeetingSchema>;

/** An open HubSpot task of the AE past its due date. */
export const digestTaskSchema = z.object({
  taskId: z.string(),
  subject: z.string().describe('CRM text'),
  dealName: z.string().nullable(),
  due: z.string().describe('human day it was due'),
  daysOverdue: z.number().int().nonnegative(),
});
export type DigestTask = z.infer<typeof digestTaskSchema>;

/** A follow-up reminder the AE adds to their HubSpot tasks with one tap (the link opens a page; its button adds it). */
export const digestReminderSchema = z.object({
  key: z.string(),
  dealId: z.string(),
  dealName: z.string(),
  subject: z.string().describe('the task it adds'),
  due: z.string().describe('human day the task is due'),
  reason: z.string(),
  accept: z.string().describe('[Add to my tasks]: signed one-tap link'),
  withAction: z
    .boolean()
    .default(false)
    .describe('the task is the next action shown for its deal: offered with that action, not on a card of its own'),
});
export type DigestReminder = z.infer<typeof digestReminderSchema>;

export const digestSchema = z.object({
  format: z.literal(DIGEST_FORMAT),
  audience: z
    .enum(['ae', 'manager'])
    .describe('ae: the AE’s own digest; manager: "support needed" about the AE’s items'),
  kind: z.enum(['daily', 'summary', 'support']).describe('daily digest, weekly summary, or the manager’s support note'),
  owner: personSchema.describe('the AE whose items these are'),
  recipient: personSchema,
  manager: personSchema.nullable(),
  day: z.string().describe('local day (YYYY-MM-DD) in the recipient’s time zone'),
  dayLabel: z.string(),
  asOf: z.string(),
  timezone: z.string(),
  currency: z.string(),
  tier: z.enum(TIERS),
  responsiveness: z.number().int().min(0).max(100).nullable(),
  rule: z.string().describe('the adaptive rule applied'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).describe('the highest item level'),
  subject: z.string(),
  top: digestItemSchema.describe('the single top action: most money at risk'),
  more: z.array(digestItemSchema).describe('further items (the total is at most the AE’s max items, and 3 at L3+)'),
  pending: z.object({
    count: z.number().int().nonnegative().describe('open items the AE has now (snoozed and muted left out)'),
    moneyAtRisk: z.number(),
    moneyAtRiskText: z.string(),
  }),
  managerCc: z.string().nullable().describe('L3+: a one-tap link asking the manager to help'),
  wins: winsSchema,
  week: weekSchema,
  nextActions: z
    .array(digestNextActionSchema)
    .default([])
    .describe('next best actions on the AE’s deals whose data is clean (most money at risk first)'),
  meetingsDay: z.string().nullable().default(null).describe('the next working day, in words, when meetings are listed'),
  meetings: z.array(digestMeetingSchema).default([]).describe('the AE’s HubSpot meetings on the next working day'),
  overdueTasks: z
    .object({ count: z.number().int().nonnegative(), items: z.array(digestTaskSchema) })
    .default({ count: 0, items: [] })
    .describe('the AE’s open HubSpot tasks past their due date (most overdue first)'),
  reminders: z.array(digestReminderSchema).default([]).describe('follow-ups to add as HubSpot tasks with one tap'),
});
export type Digest = z.infer<typeof digestSchema>;

/** What the AE gets back besides the items: next actions, tomorrow's meetings, overdue tasks, reminders. */
export interface DigestAssist {
  nextActions: DigestNextAction[];
  meetingsDay: string | null;
  meetings: DigestMeeting[];
  overdueTasks: Digest['overdueTasks'];
  reminders: DigestReminder[];
}

export const NO_ASSIST: DigestAssist = {
  nextActions: [],
  meetingsDay: null,
  meetings: [],
  overdueTasks: { count: 0, items: [] },
  reminders: [],
};

export interface DigestItemInput {
  facts: ItemFacts;
  nudgeId: string;
  level: Level;
  ladderDay: number;
  said: Said | null;
  links: ItemLinks;
}

export interface BuildDigestInput {
  audience: 'ae' | 'manager';
  kind: Digest['kind'];
  owner: Person;
  recipient: Person;
  manager: Person | null;
  day: string;
  dayLabel: string;
  asOf: string;
  timezone: string;
  currency: string;
  tier: Digest['tier'];
  responsiveness: number | null;
  rule: string;
  items: DigestItemInput[];
  pending: ReadonlyArray<ItemFacts>;
  managerCc: string | null;
  wins: Wins;
  week: WeekProgress;
  /** The AE's own digest only. */
  assist?: DigestAssist;
}

export function buildDigest(input: BuildDigestInput): Digest {
  const [first, ...rest] = input.items;
  if (!first) throw new Error('a digest needs at least one item'); // plan.ts never asks for an empty one
  const cur = input.currency;
  const item = (i: DigestItemInput): DigestItem => {
    const amountText = i.facts.amount === null ? 'no amount' : formatMoney(i.facts.amount, cur);
    return {
      ...i.facts,
      nudgeId: i.nudgeId,
      level: i.level,
      ladderDay: i.ladderDay,
      amountText,
      moneyAtRiskText: formatMoney(i.facts.moneyAtRisk, cur),
      headline: claimHeadline(i, amountText) ?? headline(i.facts, amountText),
      framing: framing(input, i, amountText),
      ask: claimAsk(i) ?? ask(i.facts),
      said: i.said,
      links: i.links,
    };
  };
  const top = item(first);
  const more = rest.map(item);
  const level = Math.max(top.level, ...more.map((m) => m.level)) as Level;
  const pendingMoney = input.pending.reduce((s, p) => s + p.moneyAtRisk, 0);
  const digest: Digest = {
    format: DIGEST_FORMAT,
    audience: input.audience,
    kind: input.kind,
    owner: input.owner,
    recipient: input.recipient,
    manager: input.manager,
    day: input.day,
    dayLabel: input.dayLabel,
    asOf: input.asOf,
    timezone: input.timezone,
    currency: cur,
    tier: input.tier,
    responsiveness: input.responsiveness,
    rule: input.rule,
    level,
    subject: '',
    top,
    more,
    pending: {
      count: input.pending.length,
      moneyAtRisk: pendingMoney,
      moneyAtRiskText: formatMoney(pendingMoney, cur),
    },
    managerCc: level >= 3 ? input.managerCc : null,
    wins: input.wins,
    week: input.week,
    ...(input.audience === 'ae' ? (input.assist ?? NO_ASSIST) : NO_ASSIST),
  };
  digest.subject = subject(digest);
  return digestSchema.parse(digest);
}

const has = (f: ItemFacts, check: string) => f.findings.some((x) => x.check === check);

/** What the AE said the deal's outcome is: lost or won (from the reconcile result), else null. */
function claimedOutcome(i: DigestItemInput): 'lost' | 'won' | null {
  if (!i.said) return null;
  if (i.said.type === 'lost_not_closed' || /\blost\b/i.test(i.said.claimed)) return 'lost';
  if (/\bwon\b|closed ?won/i.test(i.said.claimed)) return 'won';
  return null;
}

function claimHeadline(i: DigestItemInput, amountText: string): string | null {
  const o = claimedOutcome(i);
  return o ? `${i.facts.name} (${amountText}): you said it was ${o}, HubSpot still has it open` : null;
}

function claimAsk(i: DigestItemInput): DigestItem['ask'] | null {
  const o = claimedOutcome(i);
  return o ? { kind: 'update_stage', text: `Close it as ${o}, with the reason` } : null;
}

function headline(f: ItemFacts, amountText: string): string {
  const who = `${f.name} (${amountText})`;
  if (has(f, 'stale_deal') || f.daysSinceActivity >= 7)
    return `${who} hasn't been touched in ${f.daysSinceActivity} days`;
  if (has(f, 'close_date_past')) return `${who} is still open past its close date`;
  if (has(f, 'stage_mismatch')) return `${who} looks further along than HubSpot's ${f.stage}`;
  if (has(f, 'missing_notes')) return `${who} has no notes at ${f.stage}`;
  if (has(f, 'missing_required_field')) return `${who} is missing fields HubSpot needs at ${f.stage}`;
  if (has(f, 'stage_skipped')) return `${who} skipped a stage on its way to ${f.stage}`;
  return `${who}: ${f.findings[0]!.summary}`;
}

/** The action for the same problem the headline names (same order of checks). */
function ask(f: ItemFacts): DigestItem['ask'] {
  if (has(f, 'stale_deal') || f.daysSinceActivity >= 7)
    return { kind: 'log_activity', text: 'Log your last touch or the next step' };
  if (has(f, 'close_date_past')) return { kind: 'update_fields', text: 'Set a close date you believe in' };
  if (has(f, 'stage_mismatch'))
    return { kind: 'update_stage', text: `Move the stage to match where ${f.name} really is` };
  if (has(f, 'missing_notes')) return { kind: 'add_note', text: `Add a note on where ${f.name} stands` };
  if (has(f, 'missing_required_field')) return { kind: 'update_fields', text: 'Fill in the missing fields' };
  if (has(f, 'stage_skipped')) return { kind: 'update_stage', text: 'Confirm the stage' };
  return { kind: 'add_note', text: 'Add a quick note on where it stands' };
}

function framing(input: BuildDigestInput, i: DigestItemInput, amountText: string): string {
  const f = i.facts;
  if (input.audience === 'manager') {
    return input.tier === 'never'
      ? `${input.owner.firstName} hasn't been able to pick up recent nudges; a quick check-in on ${f.name} would help`
      : `${input.owner.firstName} could use support on ${f.name}: first flagged ${i.ladderDay - 1} days ago`;
  }
  switch (i.level) {
    case 1:
      return 'One quick update and your pipeline report writes itself';
    case 2:
      return `${f.daysSinceActivity} days since the last activity on a ${amountText} deal`;
    case 3:
      return `${input.pending.length} ${input.pending.length === 1 ? 'deal' : 'deals'} may go cold without an update`;
    case 4:
      return input.manager
        ? `${input.manager.firstName} will check in to help move this one: support, not a scorecard`
        : 'This one has waited a while: reply if something is blocking it';
  }
}

function subject(d: Digest): string {
  const t = d.top;
  if (d.audience === 'manager') {
    const n = 1 + d.more.length;
    return `Support needed: ${d.owner.firstName} on ${n} ${n === 1 ? 'deal' : 'deals'} (${t.name} first)`;
  }
  if (d.kind === 'summary') return `Your weekly pipeline summary: ${t.name} first`;
  switch (d.level) {
    case 1:
      return `One quick update: ${t.name}`;
    case 2:
      return `${t.name} (${t.amountText}): ${t.daysSinceActivity} days quiet`;
    case 3:
      return `${d.pending.count} ${d.pending.count === 1 ? 'deal' : 'deals'} may go cold: ${t.name} first`;
    case 4:
      return d.manager ? `${t.name}: ${d.manager.firstName} is in to help` : `${t.name} needs a decision`;
  }
}

/** The greeting for the recipient's local time of day at `asOf`: morning before 12:00, afternoon before 17:00. */
export function greeting(asOf: string, timeZone: string): string {
  const hour = Math.floor(localTime(asOf, timeZone).minutes / 60);
  return hour < 12 ? 'Good morning' : hour < 17 ? 'Good afternoon' : 'Good evening';
}

export { LEVELS };
