/**
 * Speed to lead (seeds 000/003): how fast a new MQL is first touched, against the strategy's 4 hours
 * (config.funnel.handoffSlaHours), and how many contact attempts follow in the first 14 days, against seed 003's 8.
 * Default period: this quarter (MQLs that became MQL in it); `{ from, to }` overrides it.
 *
 * Definitions:
 * - MQLs, first touch and hours: as the SA-2 handoff SLA (handoff-sla.ts) computes them over the same period.
 * - contact attempts: calls, meetings and emails that are not INCOMING_EMAIL, associated with the contact, owned,
 *   done, at or after the MQL moment and within config.speedToLead.attemptWindowDays days of it; plus SmartLead SENT
 *   messages to the contact's email in that window.
 * - attempts status: met (≥ config.speedToLead.attempts), short (window over, fewer), open (window still running
 *   and fewer so far: not judged). share met = met ÷ (met + short).
 * - per owner: the contact's owner (hubspot_owner_id); contacts with no owner under "No owner".
 */
import { z } from 'zod';
import { isDone } from '../derive.js';
import type { AnalysisContext } from '../input.js';
import {
  DAY_MS,
  metricIndex,
  ownerIdSchema,
  ownerRefs,
  percentile,
  periodSchema,
  ratio,
  share,
  type PeriodInput,
} from './common.js';
import { handoffSla, HANDOFF_STATUSES } from './handoff-sla.js';
import { resolvePeriod } from './common.js';

const TOUCH = new Set(['call', 'meeting', 'email']);
const ATTEMPT_STATUSES = ['met', 'short', 'open'] as const;

const rowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  mqls: z.number().int().nonnegative(),
  withinTarget: z.number().int().nonnegative().describe('first touched within the target hours'),
  shareWithinTarget: share.nullable().describe('within ÷ judged (within + late + untouched past the target)'),
  medianHours: z.number().nonnegative().nullable(),
  attemptsMet: z.number().int().nonnegative(),
  attemptsShort: z.number().int().nonnegative(),
  shareAttemptsMet: share.nullable().describe('met ÷ (met + short)'),
  medianAttempts: z.number().nonnegative().nullable().describe('over MQLs whose window is over'),
});

export const speedToLeadSchema = z
  .object({
    metric: z.literal('speed_to_lead'),
    period: periodSchema,
    targetHours: z.number().positive().describe('config.funnel.handoffSlaHours (the strategy: 4 h)'),
    attemptsTarget: z.number().int().positive(),
    windowDays: z.number().int().positive(),
    definition: z.string(),
    team: rowSchema,
    byOwner: z.array(rowSchema),
    contacts: z.array(
      z.object({
        contactId: z.string(),
        name: z.string(),
        ownerId: ownerIdSchema,
        mqlAt: z.string(),
        hours: z.number().nullable(),
        touchStatus: z.enum(HANDOFF_STATUSES),
        attempts: z.number().int().nonnegative(),
        attemptsStatus: z.enum(ATTEMPT_STATUSES),
      }),
    ),
  })
  .describe('Speed to lead: first touch after MQL vs 4 hours, and contact attempts in the first 14 days vs 8');
export type SpeedToLead = z.infer<typeof speedToLeadSchema>;

export function speedToLead(ctx: AnalysisContext, period?: PeriodInput): SpeedToLead {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'quarter');
  const pin = { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() };
  const h = handoffSla(ctx, pin);
  const { attempts: target, attemptWindowDays: windowDays } = ctx.config.speedToLead;
  const contacts = h.contacts.map((c) => {
    const mql = Date.parse(c.mqlAt);
    const end = mql + windowDays * DAY_MS;
    let n = 0;
    for (const e of ix.d.engagementsByContact.get(c.contactId) ?? []) {
      if (!e.ownerId || !TOUCH.has(e.kind) || (e.kind === 'email' && e.direction === 'INCOMING_EMAIL')) continue;
      const at = Date.parse(e.timestamp);
      if (at >= mql && at <= end && isDone(e, ix.asOf)) n++;
    }
    const email = ix.d.contacts.get(c.contactId)?.email?.trim().toLowerCase();
    for (const m of email ? (ix.d.smartleadByEmail.get(email) ?? []) : []) {
      const at = Date.parse(m.time);
      if (m.type === 'SENT' && at >= mql && at <= end && at <= ix.asOf) n++;
    }
    const attemptsStatus: (typeof ATTEMPT_STATUSES)[number] = n >= target ? 'met' : end <= ix.asOf ? 'short' : 'open';
    return {
      contactId: c.contactId,
      name: c.name,
      ownerId: c.ownerId,
      mqlAt: c.mqlAt,
      hours: c.hours,
      touchStatus: c.status,
      attempts: n,
      attemptsStatus,
    };
  });
  const row = (ownerId: string | null, ownerName: string, xs: typeof contacts) => {
    const within = xs.filter((x) => x.touchStatus === 'within').length;
    const judged = xs.filter((x) => x.touchStatus !== 'untouched_pending').length;
    const met = xs.filter((x) => x.attemptsStatus === 'met').length;
    const short = xs.filter((x) => x.attemptsStatus === 'short').length;
    const closedWindows = xs.filter((x) => x.attemptsStatus !== 'open').map((x) => x.attempts);
    const touched = xs.filter((x) => x.touchStatus === 'within' || x.touchStatus === 'late').map((x) => x.hours!);
    return {
      ownerId,
      ownerName,
      mqls: xs.length,
      withinTarget: within,
      shareWithinTarget: ratio(within, judged),
      medianHours: percentile(touched, 0.5),
      attemptsMet: met,
      attemptsShort: short,
      shareAttemptsMet: ratio(met, met + short),
      medianAttempts: percentile(closedWindows, 0.5),
    };
  };
  const owners = ownerRefs(
    ix,
    contacts.map((c) => c.ownerId),
  );
  return {
    metric: 'speed_to_lead',
    period: h.period,
    targetHours: h.slaHours,
    attemptsTarget: target,
    windowDays,
    definition: `first touch (call, meeting, outgoing email or SmartLead message) within ${h.slaHours} h of becoming MQL; at least ${target} contact attempts in the first ${windowDays} days`,
    team: row(null, 'Team', contacts),
    byOwner: owners.map((o) =>
      row(
        o.ownerId,
        o.ownerName,
        contacts.filter((c) => c.ownerId === o.ownerId),
      ),
    ),
    contacts,
  };
}
