/**
 * Scheduled delivery, one tick at a time (`mis schedule` calls it every few minutes with the tick's time as the
 * session's 'now'): each AE's digest goes out once their local time reaches their digest time (profile bestTime,
 * default 17:30), never on weekends, holidays or in quiet hours (the planner decides); the manager's weekly report
 * goes out on the first working day of the week from notify.weeklyReportTime. Everything is recorded in the
 * durable outbox first and delivered through it, so concurrent schedulers send each message once.
 */
import { createHash } from 'node:crypto';
import { startOfWeek, weeklyReport } from '../analysis/index.js';
import type { AnalysisContext } from '../analysis/index.js';
import { renderWeekly } from '../analysis/text/index.js';
import { addDay, isWeekend, localTime, toMinutes, weekdayOf } from './calendar.js';
import { humanDay } from './web/fix-form.js';
import { deliverPending, type DeliveryReport, type Transports } from './delivery/outbox.js';
import { commitPlan } from './plan.js';
import { planTeam, personOf, renderMessage, type NotifySession } from './run.js';
import { NotifyStore } from './store.js';
import type { Person } from './content/digest.js';

/** The manager's weekly report as a message. The one seam a richer report (charts, HTML) plugs into. */
export interface WeeklyReportMessage {
  subject: string;
  text: string;
  html: string;
}
export type WeeklyReportComposer = (
  ctx: AnalysisContext,
  manager: Person,
  team: Person[],
) => WeeklyReportMessage | Promise<WeeklyReportMessage>;

/** The week a Monday report reviews: the last full week, Monday 00:00 to Monday 00:00 local. */
export function lastFullWeek(ctx: AnalysisContext): { from: string; to: string } {
  const monday = startOfWeek(Date.parse(ctx.asOf), ctx.timezone);
  return {
    from: new Date(startOfWeek(monday - 3 * 86_400_000, ctx.timezone)).toISOString(),
    to: new Date(monday).toISOString(),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text weekly report (`mis report weekly`), for one manager. */
export const textWeeklyReport: WeeklyReportComposer = (ctx, manager) => {
  const text = renderWeekly(weeklyReport(ctx, lastFullWeek(ctx)));
  const day = humanDay(ctx.asOf, ctx.timezone);
  return {
    subject: `Your team's week: pipeline report for ${day}`,
    text: `Good morning ${manager.firstName},\n\n${text}\n`,
    html: `<!doctype html><html><body><p>Good morning ${esc(manager.firstName)},</p><pre style="font:13px/1.4 ui-monospace,Menlo,Consolas,monospace">${esc(text)}</pre></body></html>`,
  };
};

export interface TickOptions {
  transports: Transports;
  /** Wall clock for the outbox's own timestamps (default: the tick's 'now'). */
  clock?: () => string;
  weeklyReport?: WeeklyReportComposer;
  sender?: string;
}

export interface TickReport {
  now: string;
  digests: Array<{ ownerId: string; due: boolean; reason: string }>;
  reports: Array<{ managerId: string; recorded: boolean; reason: string }>;
  delivery: DeliveryReport;
}

/** Id of a manager's weekly report: one per manager per week (the week's Monday). */
export function reportId(managerId: string, weekMonday: string): string {
  return `ob_${createHash('sha256').update(`${managerId}\n${weekMonday}\nreport`).digest('hex').slice(0, 20)}`;
}

export async function deliveryTick(session: NotifySession, opts: TickOptions): Promise<TickReport> {
  const { ctx } = session;
  const now = ctx.asOf;
  const clock = opts.clock ?? (() => now);
  const store = new NotifyStore(session.state);
  const plans = planTeam(session);
  for (const p of plans) {
    if (!p.due) continue;
    const channels = p.messages.map((m) => m.channel).filter((c) => !opts.transports[c]);
    if (channels.length) continue; // not deliverable here: left for a run that can send it
    commitPlan(store, p, new Map(p.messages.map((m) => [m.id, renderMessage(m)])), clock());
  }
  const reports = await recordWeeklyReports(session, store, opts.weeklyReport ?? textWeeklyReport, clock());
  const delivery = await deliverPending(store, opts.transports, {
    now,
    clock,
    ...(opts.sender ? { sender: opts.sender } : {}),
  });
  return { now, digests: plans.map((p) => ({ ownerId: p.ownerId, due: p.due, reason: p.reason })), reports, delivery };
}

async function recordWeeklyReports(
  session: NotifySession,
  store: NotifyStore,
  compose: WeeklyReportComposer,
  createdAt: string,
): Promise<TickReport['reports']> {
  const { ctx } = session;
  const cfg = ctx.config.notify;
  const owners = new Map(ctx.data.crm.owners.map((o) => [o.id, o]));
  const teams = new Map<string, string[]>();
  for (const [ae, mgr] of Object.entries(ctx.data.managers)) teams.set(mgr, [...(teams.get(mgr) ?? []), ae]);
  const out: TickReport['reports'] = [];
  for (const [managerId, team] of [...teams].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const tz = store.profile(managerId).timezone ?? ctx.timezone;
    const lt = localTime(ctx.asOf, tz);
    const skip = (reason: string) => out.push({ managerId, recorded: false, reason });
    if (isWeekend(lt.weekday)) {
      skip('weekend');
      continue;
    }
    if (cfg.holidays.includes(lt.day)) {
      skip('holiday');
      continue;
    }
    if (lt.minutes < toMinutes(cfg.weeklyReportTime)) {
      skip(`goes out from ${cfg.weeklyReportTime}`);
      continue;
    }
    // The first working day of the week: Monday, or the next day that is not a holiday.
    const monday = addDay(lt.day, -(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const).indexOf(lt.weekday));
    let first = monday;
    while (cfg.holidays.includes(first) && weekdayOf(first) !== 'Sat') first = addDay(first, 1);
    if (lt.day !== first) {
      skip(`the weekly report goes out on ${first}`);
      continue;
    }
    const manager = personOf(owners.get(managerId), managerId);
    if (!manager.email) {
      skip('the manager has no email address');
      continue;
    }
    const id = reportId(managerId, monday);
    // Composing (charts) is the expensive part: once a week's report is recorded, later ticks skip it.
    if (store.outbox.has(id)) {
      out.push({ managerId, recorded: false, reason: 'already recorded this week' });
      continue;
    }
    const m = await compose(
      ctx,
      manager,
      team.map((t) => personOf(owners.get(t), t)),
    );
    const recorded = store.outbox.insertOrIgnore({
      id,
      ownerId: managerId,
      day: lt.day,
      audience: 'report',
      channel: 'email',
      recipient: manager.email,
      subject: m.subject,
      text: m.text,
      html: m.html,
      slack: JSON.stringify({ text: m.subject }),
      model: JSON.stringify({ kind: 'weekly-report', week: monday, team }),
      createdAt,
    });
    out.push({
      managerId,
      recorded,
      reason: recorded ? 'recorded' : 'already recorded this week',
    });
  }
  return out;
}
