/**
 * SA-2 MQL → sales handoff SLA: how fast sales touches a contact once marketing qualifies it (default period: this
 * week, Monday 00:00 local to asOf).
 *
 * Definitions:
 * - MQLs: contacts whose lifecycle history first shows exactly `marketingqualifiedlead` in the period (up to asOf).
 *   Contacts that skipped MQL (e.g. straight to opportunity when sales opened a deal) were not handed off by
 *   marketing and are not counted.
 * - first sales touch: the earliest, at or after the MQL moment and up to asOf, of (a) an engagement associated with
 *   the contact, owned by someone (hubspot_owner_id set), done (derive.isDone), that reaches the person: a call, a
 *   meeting, or an email that is not INCOMING_EMAIL (notes and tasks are not touches); (b) a SmartLead SENT message
 *   to the contact's email.
 * - hours = (first touch − MQL moment) in hours. within SLA: hours ≤ config.funnel.handoffSlaHours.
 * - status: within / late (touched after the SLA) / untouched_breached (no touch and the SLA has run out by asOf) /
 *   untouched_pending (no touch yet, SLA still running).
 * - shareWithinSla = within ÷ (within + late + untouched_breached); pending contacts are not judged yet.
 * - median / p75 hours over touched contacts (linear interpolation).
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import {
  HOUR_MS,
  cmp,
  compareIds,
  iso,
  isoTime,
  metricIndex,
  percentile,
  periodOut,
  periodSchema,
  ratio,
  resolvePeriod,
  share,
  type PeriodInput,
} from './common.js';
import { isDone } from '../derive.js';

export const HANDOFF_STATUSES = ['within', 'late', 'untouched_breached', 'untouched_pending'] as const;

export const handoffSlaSchema = z
  .object({
    metric: z.literal('handoff_sla'),
    period: periodSchema,
    slaHours: z.number().positive().describe('config.funnel.handoffSlaHours'),
    mqls: z.number().int().nonnegative().describe('contacts first becoming exactly MQL in the period'),
    touched: z.number().int().nonnegative().describe('MQLs with a sales touch by asOf'),
    withinSla: z.number().int().nonnegative(),
    late: z.number().int().nonnegative(),
    untouched: z.number().int().nonnegative().describe('MQLs not touched by asOf (breached + pending)'),
    untouchedBreached: z.number().int().nonnegative(),
    untouchedPending: z.number().int().nonnegative(),
    shareWithinSla: share
      .nullable()
      .describe('withinSla ÷ (withinSla + late + untouchedBreached); null when none judged'),
    medianHours: z.number().nullable().describe('median hours MQL → first touch over touched MQLs'),
    p75Hours: z.number().nullable(),
    contacts: z
      .array(
        z.object({
          contactId: z.string(),
          name: z.string(),
          ownerId: z.string().nullable().describe('contact owner (hubspot_owner_id)'),
          mqlAt: isoTime,
          firstTouchAt: isoTime.nullable(),
          firstTouchVia: z.enum(['engagement', 'smartlead']).nullable(),
          firstTouchId: z.string().nullable().describe('engagement id, or smartlead:<campaign>:<lead>:<time>'),
          hours: z.number().nullable().describe('hours to first touch; for untouched, hours waiting so far'),
          status: z.enum(HANDOFF_STATUSES),
        }),
      )
      .describe('every MQL of the period, untouched first, then slowest first'),
  })
  .describe('SA-2 handoff SLA: hours from MQL to first sales touch');
export type HandoffSla = z.infer<typeof handoffSlaSchema>;

const TOUCH_KINDS = new Set(['call', 'meeting', 'email']);

export function handoffSla(ctx: AnalysisContext, period?: PeriodInput): HandoffSla {
  const ix = metricIndex(ctx);
  const p = resolvePeriod(ctx, period, 'week');
  const sla = ctx.config.funnel.handoffSlaHours;
  const rows: HandoffSla['contacts'] = [];
  const contacts = [...ix.d.contacts.values()].sort((a, b) => compareIds(a.id, b.id));
  for (const c of contacts) {
    const mql = ix.lifecycle(c).mqlAt;
    if (mql === null || mql < p.from || mql > p.through) continue;
    let best: { at: number; via: 'engagement' | 'smartlead'; id: string } | null = null;
    for (const e of ix.d.engagementsByContact.get(c.id) ?? []) {
      if (!e.ownerId || !TOUCH_KINDS.has(e.kind) || (e.kind === 'email' && e.direction === 'INCOMING_EMAIL')) continue;
      const at = Date.parse(e.timestamp);
      if (at < mql || !isDone(e, ix.asOf)) continue;
      if (!best || at < best.at || (at === best.at && compareIds(e.id, best.id) < 0))
        best = { at, via: 'engagement', id: e.id };
    }
    const email = c.email?.trim().toLowerCase();
    for (const m of email ? (ix.d.smartleadByEmail.get(email) ?? []) : []) {
      if (m.type !== 'SENT') continue;
      const at = Date.parse(m.time);
      if (at < mql || at > ix.asOf) continue;
      if (!best || at < best.at) best = { at, via: 'smartlead', id: `smartlead:${m.campaignId}:${m.leadId}:${m.time}` };
      break; // messages are oldest first
    }
    const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || `Contact ${c.id}`;
    const owner = c.properties['hubspot_owner_id'];
    const base = { contactId: c.id, name, ownerId: owner && owner.trim() !== '' ? owner : null, mqlAt: iso(mql) };
    if (best) {
      const hours = (best.at - mql) / HOUR_MS;
      rows.push({
        ...base,
        firstTouchAt: iso(best.at),
        firstTouchVia: best.via,
        firstTouchId: best.id,
        hours,
        status: hours <= sla ? 'within' : 'late',
      });
    } else {
      const hours = (ix.asOf - mql) / HOUR_MS;
      rows.push({
        ...base,
        firstTouchAt: null,
        firstTouchVia: null,
        firstTouchId: null,
        hours,
        status: hours > sla ? 'untouched_breached' : 'untouched_pending',
      });
    }
  }
  const order = (s: (typeof HANDOFF_STATUSES)[number]) => (s.startsWith('untouched') ? 0 : 1);
  rows.sort(
    (a, b) =>
      order(a.status) - order(b.status) ||
      (b.hours ?? 0) - (a.hours ?? 0) ||
      cmp(a.mqlAt, b.mqlAt) ||
      compareIds(a.contactId, b.contactId),
  );
  const n = (s: (typeof HANDOFF_STATUSES)[number]) => rows.filter((r) => r.status === s).length;
  const within = n('within');
  const late = n('late');
  const breached = n('untouched_breached');
  const pending = n('untouched_pending');
  const touchedHours = rows.filter((r) => r.firstTouchAt !== null).map((r) => r.hours!);
  return {
    metric: 'handoff_sla',
    period: periodOut(ctx, p),
    slaHours: sla,
    mqls: rows.length,
    touched: within + late,
    withinSla: within,
    late,
    untouched: breached + pending,
    untouchedBreached: breached,
    untouchedPending: pending,
    shareWithinSla: ratio(within, within + late + breached),
    medianHours: percentile(touchedHours, 0.5),
    p75Hours: percentile(touchedHours, 0.75),
    contacts: rows,
  };
}
