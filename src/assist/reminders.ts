/**
 * Follow-up reminders (AE-6): a deal with nothing scheduled, a reply left unanswered, a date the AE promised in an
 * update. Each becomes a proposed HubSpot task (subject, due date, deal association) through the audited write
 * path, so that accepting it (one tap, or `mis writes approve`) puts it in HubSpot's own task queue. The key is
 * stable for the same deal, kind and due day: proposing twice records one write.
 */
import { z } from 'zod';
import { derive, type AnalysisContext } from '../analysis/index.js';
import { daysSince, zoneOffsetMs } from '../time/index.js';
import { createTaskChangeSchema, type WriteService } from '../writes/index.js';
import { dealFacts } from './facts.js';
import { nextWorkingDay } from './prep.js';
import type { SaidAboutDeal } from './said.js';
import { dayLabel } from './when.js';

export const REMINDER_KINDS = ['unanswered_reply', 'no_next_step', 'promised_date'] as const;

export const reminderSchema = z.object({
  key: z.string().describe('stable id: kind, deal and due day'),
  kind: z.enum(REMINDER_KINDS),
  dealId: z.string(),
  dealName: z.string(),
  ownerId: z.string().nullable(),
  dueAt: z.string(),
  reason: z.string(),
  change: createTaskChangeSchema.describe('the HubSpot task it proposes'),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const overdueTaskSchema = z.object({
  taskId: z.string(),
  subject: z.string().describe('CRM text'),
  dueAt: z.string(),
  daysOverdue: z.number().int(),
  dealId: z.string().nullable(),
  dealName: z.string().nullable(),
});
export type OverdueTask = z.infer<typeof overdueTaskSchema>;

export interface ReminderOptions {
  ownerId?: string;
  said?: ReadonlyMap<string, SaidAboutDeal>;
  holidays?: readonly string[];
}

/** 10:00 local on a local day (YYYY-MM-DD), as an ISO instant. */
function atTen(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T10:00:00Z`);
  return new Date(guess - zoneOffsetMs(guess, timeZone)).toISOString();
}

const DATE_KEYS = ['closeDate', 'closedate', 'date', 'expectedDate'];

/** A date the AE stated for the deal in their update (a close or PO date), when it is still ahead. */
function promisedDate(said: SaidAboutDeal | undefined, asOfMs: number): string | null {
  for (const diff of said?.differences ?? []) {
    for (const k of DATE_KEYS) {
      const v = diff.claimed[k];
      const s =
        typeof v === 'string'
          ? v
          : v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string'
            ? (v as { value: string }).value
            : null;
      if (s && !Number.isNaN(Date.parse(s)) && Date.parse(s) > asOfMs) return s.slice(0, 10);
    }
  }
  return null;
}

export function followUpReminders(ctx: AnalysisContext, options: ReminderOptions = {}): Reminder[] {
  const d = derive(ctx);
  const tz = ctx.timezone;
  const tomorrow = nextWorkingDay(d.asOfMs, tz, options.holidays);
  const out: Reminder[] = [];
  const add = (r: Omit<Reminder, 'key' | 'change'>, subject: string, body: string) => {
    const key = `${r.kind}:${r.dealId}:${r.dueAt.slice(0, 10)}`;
    out.push({ ...r, key, change: { op: 'create_task', dealId: r.dealId, subject, dueAt: r.dueAt, body } });
  };
  for (const deal of d.deals.values()) {
    if (!d.isOpen(deal) || deal.archived) continue;
    if (options.ownerId !== undefined && deal.ownerId !== options.ownerId) continue;
    const f = dealFacts(ctx, deal);
    const base = { dealId: deal.id, dealName: deal.name, ownerId: deal.ownerId };
    const t = f.unanswered;
    if (t && (d.asOfMs - t.at) / 3_600_000 >= ctx.config.enablement.replyHours) {
      const who = f.people.find((p) => p.contact.id === t.contactId)?.name ?? 'the customer';
      add(
        {
          ...base,
          kind: 'unanswered_reply',
          dueAt: atTen(tomorrow, tz),
          reason: `${who} wrote on ${dayLabel(t.at, tz, d.asOfMs)} and has had no answer.`,
        },
        `Reply to ${who} (${deal.name})`,
        `Their message of ${dayLabel(t.at, tz, d.asOfMs)} is waiting for an answer.`,
      );
    }
    const promised = promisedDate(options.said?.get(deal.id), d.asOfMs);
    if (promised) {
      const promisedDay = dayLabel(Date.parse(`${promised}T12:00:00Z`), 'UTC', d.asOfMs);
      add(
        {
          ...base,
          kind: 'promised_date',
          dueAt: atTen(promised, tz),
          reason: `Your update gave ${promisedDay} for this deal.`,
        },
        `Follow up: date from your update (${deal.name})`,
        `Your weekly update named ${promisedDay} for this deal.`,
      );
    }
    if (!f.next) {
      add(
        {
          ...base,
          kind: 'no_next_step',
          dueAt: atTen(tomorrow, tz),
          reason: 'Nothing is scheduled on the deal: no future meeting, task or next step.',
        },
        `Book the next step (${deal.name})`,
        'No meeting or task is scheduled on this deal.',
      );
    }
  }
  // Soonest first; on the same day a waiting reply before a date from an update before booking a next step.
  return out.sort((a, b) =>
    a.dueAt < b.dueAt
      ? -1
      : a.dueAt > b.dueAt
        ? 1
        : REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind) || (a.key < b.key ? -1 : 1),
  );
}

/** Open tasks of the AE whose due date has passed, most overdue first. */
export function overdueTasks(ctx: AnalysisContext, ownerId: string): OverdueTask[] {
  const d = derive(ctx);
  const out: OverdueTask[] = [];
  for (const e of d.engagements.values()) {
    if (e.kind !== 'task' || e.status === 'COMPLETED' || e.ownerId !== ownerId) continue;
    const due = Date.parse(e.timestamp);
    if (due > d.asOfMs) continue;
    const deal = e.dealIds.map((id) => d.deals.get(id)).find(Boolean);
    out.push({
      taskId: e.id,
      subject: e.subject?.trim() || 'Task',
      dueAt: new Date(due).toISOString(),
      daysOverdue: daysSince(due, d.asOfMs),
      dealId: deal?.id ?? null,
      dealName: deal?.name ?? null,
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.taskId < b.taskId ? -1 : 1));
}

/** Registers each reminder as a proposed task in the audited write path (idempotent per reminder key). */
export function proposeReminders(
  service: WriteService,
  reminders: readonly Reminder[],
  actor: string,
): Array<{ key: string; writeId: string; created: boolean }> {
  return reminders.map((r) => {
    const p = service.propose(r.change, { actor, tool: 'mis remind', source: `reminder:${r.key}` });
    return { key: r.key, writeId: p.writeId, created: p.created };
  });
}
