/**
 * What the AE's digest gives back besides the data fixes (src/assist): the next best action on each deal whose data
 * is clean (on a deal with a finding the data fix stays the action), briefs for the AE's meetings on the next
 * working day, the AE's overdue HubSpot tasks, and follow-up reminders the AE adds as tasks with one tap. Pure: the
 * planner makes the reminders' links.
 */
import type { AnalysisContext } from '../../analysis/index.js';
import {
  briefSections,
  dayLabel,
  followUpReminders,
  meetingPrep,
  nextActions,
  overdueTasks,
  timeLabel,
  type NextActionKind,
  type Reminder,
  type SaidAboutDeal,
} from '../../assist/index.js';

type ReminderKind = Reminder['kind'];
import { formatMoney } from '../../format/index.js';
import type { CrmChange } from '../../writes/index.js';
import type { DigestAssist, DigestMeeting, DigestNextAction, DigestReminder } from './digest.js';

export const MAX_NEXT_ACTIONS = 3;
export const MAX_MEETINGS = 5;
export const MAX_OVERDUE = 5;
/** Follow-ups listed on their own (besides the one offered with each next action). */
export const MAX_REMINDERS = 3;
const MAX_MEETING_LINES = 4;

/** The reminder kind whose task is the same thing as a next action kind. */
const TASK_FOR: Partial<Record<NextActionKind, ReminderKind>> = {
  reply: 'unanswered_reply',
  book_next_step: 'no_next_step',
};

/** A reminder before the planner gives it its one-tap link. */
export type PendingReminder = Omit<DigestReminder, 'accept'> & { change: Extract<CrmChange, { op: 'create_task' }> };

export type AssistDraft = Omit<DigestAssist, 'reminders'> & { reminders: PendingReminder[] };

export interface AssistOptions {
  ownerId: string;
  /** The recipient's time zone (dates and times in words). */
  timezone: string;
  /** Deals with a finding: their action is the data fix, not a next action. */
  dealsWithFindings: ReadonlySet<string>;
  said?: ReadonlyMap<string, SaidAboutDeal>;
  holidays?: readonly string[];
}

export function assistDraft(ctx: AnalysisContext, o: AssistOptions): AssistDraft {
  const now = Date.parse(ctx.asOf);
  const day = (iso: string) => dayLabel(Date.parse(iso), o.timezone, now);
  const said = o.said ? { said: o.said } : {};
  const holidays = o.holidays ? { holidays: o.holidays } : {};

  const shown = nextActions(ctx, { ownerId: o.ownerId })
    .filter((a) => a.needed && !o.dealsWithFindings.has(a.dealId))
    .slice(0, MAX_NEXT_ACTIONS);
  const clean: DigestNextAction[] = shown.map((a) => ({
    dealId: a.dealId,
    name: a.companyName ?? a.dealName,
    dealName: a.dealName,
    amountText: a.amount === null ? 'no amount' : formatMoney(a.amount, ctx.currency),
    stage: a.stage,
    action: a.action,
    reason: a.reason,
  }));

  const prep = meetingPrep(ctx, o.ownerId, { ...said, ...holidays });
  const meetings: DigestMeeting[] = prep.meetings.slice(0, MAX_MEETINGS).map((m) => {
    const lines: string[] = [];
    if (m.brief) {
      const { sections } = briefSections(m.brief);
      const pick = (title: string, n: number) => sections.find((s) => s.title === title)?.lines.slice(0, n) ?? [];
      // "Where it stands" opens with the owner's name: the AE reads their own digest.
      const [stand] = pick('Where it stands', 1);
      if (stand) lines.push(stand.replace(`${m.brief.ownerName} · `, ''));
      // The next action, unless it is just to prepare for this meeting.
      const next = m.brief.nextAction;
      if (next?.needed) lines.push(`Next: ${next.action}. ${next.reason}`);
      lines.push(...pick('Risks', 1), ...pick('Questions to ask', 2).map((q) => `Ask: ${q}`));
    } else lines.push('Not on a deal in HubSpot: nothing to brief from.');
    return {
      meetingId: m.meetingId,
      time: timeLabel(Date.parse(m.at), o.timezone),
      title: m.title,
      with: m.attendees.map((a) => a.name),
      dealId: m.dealId,
      dealName: m.brief?.dealName ?? null,
      lines: lines.slice(0, MAX_MEETING_LINES),
    };
  });

  const overdue = overdueTasks(ctx, o.ownerId);
  // A reminder that is the task for a next action shown is offered with it; up to MAX_REMINDERS others listed.
  const all = followUpReminders(ctx, { ownerId: o.ownerId, ...said, ...holidays });
  const kinds = new Map(shown.map((a) => [a.dealId, TASK_FOR[a.kind]]));
  const withAction = new Set<string>();
  const offered = new Set<string>();
  for (const r of all)
    if (kinds.get(r.dealId) === r.kind && !offered.has(r.dealId)) {
      withAction.add(r.key);
      offered.add(r.dealId);
    }
  const picked = [
    ...all.filter((r) => withAction.has(r.key)),
    ...all.filter((r) => !withAction.has(r.key)).slice(0, MAX_REMINDERS),
  ];
  const reminders: PendingReminder[] = picked.map((r) => ({
    key: r.key,
    dealId: r.dealId,
    dealName: r.dealName,
    subject: r.change.subject,
    due: day(r.dueAt),
    reason: r.reason,
    withAction: withAction.has(r.key),
    change: r.change,
  }));

  return {
    nextActions: clean,
    meetingsDay: meetings.length ? dayLabel(Date.parse(`${prep.day}T12:00:00Z`), 'UTC', now) : null,
    meetings,
    overdueTasks: {
      count: overdue.length,
      items: overdue.slice(0, MAX_OVERDUE).map((t) => ({
        taskId: t.taskId,
        subject: t.subject,
        dealName: t.dealName,
        due: day(t.dueAt),
        daysOverdue: Math.max(0, t.daysOverdue),
      })),
    },
    reminders,
  };
}
