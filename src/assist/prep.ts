/**
 * Meeting prep (AE-3): the HubSpot meetings an AE has on the next working day (after the given day, weekends and
 * listed holidays skipped), each with the brief of the deal it is about. A meeting is the AE's when they own it or
 * own the deal it is on; its deal is the one it is associated with, else the AE's open deal of its contacts.
 */
import { z } from 'zod';
import { derive, type AnalysisContext } from '../analysis/index.js';
import type { Deal, Engagement } from '../crm/index.js';
import { dealBrief, dealBriefSchema, type BriefOptions } from './brief.js';
import { localDate } from '../time/index.js';
import { localWeekday } from './when.js';

export const meetingPrepSchema = z.object({
  ownerId: z.string(),
  ownerName: z.string(),
  day: z.string().describe('the local day prepared for (YYYY-MM-DD)'),
  timezone: z.string(),
  meetings: z.array(
    z.object({
      meetingId: z.string(),
      title: z.string().describe('CRM text'),
      at: z.string(),
      dealId: z.string().nullable(),
      brief: dealBriefSchema.nullable().describe('null when the meeting is on no deal'),
      attendees: z.array(z.object({ contactId: z.string(), name: z.string() })),
    }),
  ),
});
export type MeetingPrep = z.infer<typeof meetingPrepSchema>;

export interface PrepOptions extends BriefOptions {
  /** The local day to prepare (YYYY-MM-DD); default: the next working day after asOf's local day. */
  day?: string;
  /** Local days (YYYY-MM-DD) that are not working days. */
  holidays?: readonly string[];
}

const DAY = 86_400_000;

/** The next working day (local YYYY-MM-DD) after the local day of `ms`. */
export function nextWorkingDay(ms: number, timeZone: string, holidays: readonly string[] = []): string {
  let t = ms;
  for (let i = 0; i < 14; i++) {
    t += DAY;
    const wd = localWeekday(t, timeZone);
    const day = localDate(t, timeZone);
    if (wd !== 0 && wd !== 6 && !holidays.includes(day)) return day;
  }
  return localDate(ms + DAY, timeZone);
}

export function meetingPrep(ctx: AnalysisContext, ownerId: string, options: PrepOptions = {}): MeetingPrep {
  const d = derive(ctx);
  const day = options.day ?? nextWorkingDay(d.asOfMs, ctx.timezone, options.holidays);
  const ownDeals = new Set([...d.deals.values()].filter((x) => x.ownerId === ownerId).map((x) => x.id));
  const meetings: Engagement[] = [];
  for (const e of d.engagements.values()) {
    if (e.kind !== 'meeting' || e.status === 'CANCELED' || e.status === 'NO_SHOW') continue;
    if (localDate(Date.parse(e.timestamp), ctx.timezone) !== day) continue;
    if (e.ownerId !== ownerId && !e.dealIds.some((id) => ownDeals.has(id))) continue;
    meetings.push(e);
  }
  meetings.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.id < b.id ? -1 : 1));
  const dealOf = (e: Engagement): Deal | undefined => {
    const direct = e.dealIds.map((id) => d.deals.get(id)).find((x): x is Deal => Boolean(x));
    if (direct) return direct;
    const candidates = [...d.deals.values()].filter(
      (x) => x.ownerId === ownerId && d.isOpen(x) && x.contactIds.some((c) => e.contactIds.includes(c)),
    );
    return candidates.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0];
  };
  return {
    ownerId,
    ownerName: d.ownerName(ownerId),
    day,
    timezone: ctx.timezone,
    meetings: meetings.map((e) => {
      const deal = dealOf(e);
      return {
        meetingId: e.id,
        title: e.subject?.trim() || 'Meeting',
        at: new Date(Date.parse(e.timestamp)).toISOString(),
        dealId: deal?.id ?? null,
        brief: deal ? dealBrief(ctx, deal, options) : null,
        attendees: e.contactIds.flatMap((id) => {
          const c = d.contacts.get(id);
          if (!c) return [];
          const name = [c.firstName, c.lastName].filter(Boolean).join(' ').trim() || c.email || `Contact ${id}`;
          return [{ contactId: id, name }];
        }),
      };
    }),
  };
}
