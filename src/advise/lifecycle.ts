/**
 * lifecycle: the portal's lifecycle stages as used today (contacts per stage, conversion between them from the funnel
 * metric, median days in each from the contacts' lifecycle history), contacts stuck or skipping stages, MQLs never
 * worked (the handoff-SLA metric), proposed entry/exit definitions and the handoff SLA with today's compliance, and the
 * HubSpot workflows that would enforce it.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../analysis/index.js';
import { derive } from '../analysis/index.js';
import { LIFECYCLE_STAGES, funnelConversion, handoffSla, leadScores, lifecycleOf } from '../analysis/metrics/index.js';
import { DASHBOARD, base, baseShape, fmtOf, numbered, r0, r1, recordRefSchema, sharePct } from './common.js';

/** A contact in lead, MQL or SQL for longer than this is stuck. */
export const STUCK_DAYS = 30;
/** Hours sales has to qualify or reject an MQL. */
export const QUALIFY_HOURS = 48;
/** The handoff SLA looks back this many days. */
export const LOOKBACK_DAYS = 365;

/** Proposed definitions, as clauses: "in when …", "out when …". */
const DEFINITIONS: Record<string, { entry: string; exit: string }> = {
  subscriber: {
    entry: 'they opt in to content (newsletter, blog)',
    exit: 'they fill a form with their company details (→ Lead)',
  },
  lead: {
    entry: 'a named person at a company, with an email, is in HubSpot',
    exit: 'they fit the profile and show intent — a reply, a meeting request, a pricing visit (→ MQL); otherwise they stay in nurture',
  },
  marketingqualifiedlead: {
    entry: 'marketing hands them over with a fit and a buying signal, and an owner is assigned',
    exit: 'sales qualifies them (→ SQL) or rejects them with a reason (→ back to Lead) within the SLA',
  },
  salesqualifiedlead: {
    entry: 'an AE has spoken to them and confirmed need and timing',
    exit: 'a deal is created in the pipeline (→ Opportunity)',
  },
  opportunity: {
    entry: 'they have an open deal',
    exit: 'the deal is won (→ Customer) or lost (→ back to Lead)',
  },
  customer: { entry: 'a deal is won', exit: 'they churn (→ back to Lead for win-back)' },
};

export const lifecycleAdviceSchema = z.object({
  topic: z.literal('lifecycle'),
  ...baseShape,
  stages: z.array(
    z.object({
      stage: z.string().describe('as people name it (MQL, SQL, …)'),
      definitionEntry: z.string(),
      definitionExit: z.string(),
      contactsNow: z.number().int().nonnegative(),
      reached: z.number().int().nonnegative().nullable().describe('funnel contacts that ever reached it'),
      conversionPct: z.number().nullable().describe('share of the previous stage that reached this one'),
      medianDays: z.number().nullable().describe('median days spent in it before moving on'),
    }),
  ),
  skipped: z.object({
    mql: z.number().int().nonnegative().describe('contacts that went past MQL without ever being MQL'),
    sql: z.number().int().nonnegative().describe('contacts that went past SQL without ever being SQL'),
  }),
  stuckDays: z.number(),
  stuck: z.array(z.object({ contact: recordRefSchema, stage: z.string(), days: z.number(), owner: z.string() })),
  sla: z.object({
    lookbackDays: z.number(),
    touchHours: z.number(),
    qualifyHours: z.number(),
    mqls: z.number().int(),
    touchedWithinPct: z.number().nullable(),
    medianHoursToTouch: z.number().nullable(),
    neverTouched: z.number().int(),
    qualifiedWithin: z.number().int().describe('MQLs that reached SQL within qualifyHours'),
    qualifiedLater: z.number().int(),
    undecided: z.number().int().describe('MQLs still MQL (neither qualified nor rejected)'),
    rejected: z.number().int().describe('contacts sales rejected (lead status)'),
    rejectedWithReason: z.number().int().describe('rejections with a reason property set'),
  }),
  neverWorked: z.array(z.object({ contact: recordRefSchema, owner: z.string(), mqlOn: z.string(), days: z.number() })),
  workflows: z.array(z.object({ name: z.string(), trigger: z.string(), action: z.string() })),
});
export type LifecycleAdvice = z.infer<typeof lifecycleAdviceSchema>;

const NAMES: Record<string, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'MQL',
  salesqualifiedlead: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
};

export function adviseLifecycle(ctx: AnalysisContext): LifecycleAdvice {
  const d = derive(ctx);
  const f = fmtOf(ctx);
  const asOf = Date.parse(ctx.asOf);
  const funnel = funnelConversion(ctx);
  const period = {
    from: new Date(asOf - LOOKBACK_DAYS * 86_400_000).toISOString(),
    to: new Date(asOf + 1).toISOString(),
  };
  const sla = handoffSla(ctx, period);
  const scores = leadScores(ctx);
  const contacts = ctx.data.crm.contacts.filter((c) => !c.archived);
  const personName = (c: { firstName: string | null; lastName: string | null; email: string | null; id: string }) =>
    [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || `contact ${c.id}`;

  const nowCount = new Map<string, number>();
  const stays = new Map<number, number[]>();
  let skippedMql = 0;
  let skippedSql = 0;
  const stuck: LifecycleAdvice['stuck'] = [];
  let qualifiedWithin = 0;
  let qualifiedLater = 0;
  let undecided = 0;
  for (const c of contacts) {
    const stage = (c.lifecycleStage ?? '').trim().toLowerCase();
    nowCount.set(stage, (nowCount.get(stage) ?? 0) + 1);
    const lc = lifecycleOf(c, asOf);
    for (let k = 0; k + 1 < LIFECYCLE_STAGES.length; k++) {
      const a = lc.reachedAt[k];
      const b = lc.reachedAt[k + 1];
      if (a !== null && a !== undefined && b !== null && b !== undefined && b > a)
        stays.set(k, [...(stays.get(k) ?? []), (b - a) / 86_400_000]);
    }
    const [, , mql, sqlAt, opp] = lc.reachedAt;
    if (mql !== null && mql !== undefined && lc.mqlAt === null) skippedMql++;
    if (sqlAt !== null && sqlAt !== undefined && opp !== null && opp !== undefined && sqlAt === opp) skippedSql++;
    if (lc.mqlAt !== null) {
      if (sqlAt !== null && sqlAt !== undefined) {
        if (sqlAt - lc.mqlAt <= QUALIFY_HOURS * 3_600_000) qualifiedWithin++;
        else qualifiedLater++;
      } else if (stage === 'marketingqualifiedlead') undecided++;
    }
    if (['lead', 'marketingqualifiedlead', 'salesqualifiedlead'].includes(stage)) {
      const k = LIFECYCLE_STAGES.indexOf(stage as (typeof LIFECYCLE_STAGES)[number]);
      const since = lc.reachedAt[k];
      if (since !== null && since !== undefined) {
        const days = (asOf - since) / 86_400_000;
        if (days > STUCK_DAYS)
          stuck.push({
            contact: { type: 'contact', id: c.id, name: personName(c) },
            stage: NAMES[stage] ?? f.label(stage),
            days: r0(days),
            owner: d.ownerName(c.properties['hubspot_owner_id'] ?? null),
          });
      }
    }
  }
  stuck.sort((a, b) => b.days - a.days || a.contact.name.localeCompare(b.contact.name));

  const reachedOf = new Map(funnel.stages.map((s) => [s.stage as string, s]));
  const stages: LifecycleAdvice['stages'] = LIFECYCLE_STAGES.map((s, k) => {
    const r = reachedOf.get(s);
    const list = stays.get(k) ?? [];
    const sorted = [...list].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null;
    return {
      stage: NAMES[s]!,
      definitionEntry: DEFINITIONS[s]!.entry,
      definitionExit: DEFINITIONS[s]!.exit,
      contactsNow: (nowCount.get(s) ?? 0) + (s === 'customer' ? (nowCount.get('evangelist') ?? 0) : 0),
      reached: r ? r.reached : null,
      conversionPct: r ? sharePct(r.conversionFromPrevious) : null,
      medianDays: median === null || s === 'customer' ? null : r1(median),
    };
  });

  const neverWorked = sla.contacts
    .filter((c) => c.status === 'untouched_breached')
    .map((c) => ({
      contact: { type: 'contact' as const, id: c.contactId, name: c.name },
      owner: d.ownerName(c.ownerId),
      mqlOn: f.date(c.mqlAt),
      days: r0((asOf - Date.parse(c.mqlAt)) / 86_400_000),
    }))
    .sort((a, b) => a.days - b.days);
  const withReason = ctx.config.leadScoring.disqualificationProperty
    ? contacts.filter((c) => (c.properties[ctx.config.leadScoring.disqualificationProperty!] ?? '').trim() !== '')
        .length
    : 0;
  const slaOut = {
    lookbackDays: LOOKBACK_DAYS,
    touchHours: sla.slaHours,
    qualifyHours: QUALIFY_HOURS,
    mqls: sla.mqls,
    touchedWithinPct: sharePct(sla.shareWithinSla),
    medianHoursToTouch: sla.medianHours === null ? null : r0(sla.medianHours),
    neverTouched: sla.untouchedBreached,
    qualifiedWithin,
    qualifiedLater,
    undecided,
    rejected: scores.rejections.total,
    rejectedWithReason: withReason,
  };

  const plan = numbered([
    neverWorked.length
      ? {
          action: `Work the ${neverWorked.length} MQLs nobody in sales has touched, newest first, or reject them with a reason`,
          why: `they became MQL in the last ${LOOKBACK_DAYS} days and have no call, meeting or email since`,
          amount: null,
          count: neverWorked.length,
          records: neverWorked.slice(0, 10).map((x) => x.contact),
        }
      : null,
    {
      action: `Agree the handoff SLA: first touch within ${sla.slaHours} h of MQL, qualify or reject within ${QUALIFY_HOURS} h, rejected leads go back to Lead with a reason`,
      why:
        slaOut.touchedWithinPct === null
          ? 'no MQL could be judged in the period'
          : `today ${slaOut.touchedWithinPct}% of ${sla.mqls} MQLs are touched within ${sla.slaHours} h` +
            (slaOut.medianHoursToTouch !== null ? `; the median wait is ${slaOut.medianHoursToTouch} h` : ''),
      amount: null,
      count: sla.mqls,
      records: [],
    },
    {
      action:
        'Write the stage definitions below into HubSpot (lifecycle stage descriptions) and agree them with marketing',
      why:
        skippedMql + skippedSql > 0
          ? `${skippedMql} contacts went past MQL and ${skippedSql} past SQL without passing through them, so each team counts differently`
          : `every contact passed through MQL and SQL in order; writing the definitions down keeps it that way as the team grows`,
      amount: null,
      count: skippedMql + skippedSql,
      records: [],
    },
    ctx.config.leadScoring.disqualificationProperty
      ? null
      : {
          action:
            'Add a required "rejection reason" picklist on contacts and set it in mis.config.json (leadScoring.disqualificationProperty)',
          why:
            scores.rejections.total > 0
              ? `${scores.rejections.total} contacts are rejected by lead status alone, so marketing cannot learn why`
              : 'no contact has a rejection recorded at all, so marketing cannot learn which leads sales turns down, or why',
          amount: null,
          count: scores.rejections.total,
          records: [],
        },
    stuck.length
      ? {
          action: `Move or recycle the ${stuck.length} contacts stuck in Lead, MQL or SQL for more than ${STUCK_DAYS} days`,
          why: 'a stage nobody leaves stops meaning anything',
          amount: null,
          count: stuck.length,
          records: stuck.slice(0, 10).map((x) => x.contact),
        }
      : null,
    {
      action: 'Build the HubSpot workflows below so the SLA enforces itself',
      why: 'alerts and escalations keep the handoff on time without a weekly chase',
      amount: null,
      count: null,
      records: [],
    },
  ]);

  const mqlRow = stages.find((s) => s.stage === 'MQL');
  return lifecycleAdviceSchema.parse({
    topic: 'lifecycle',
    ...base(ctx),
    headline:
      `${contacts.length} contacts; ${mqlRow?.reached ?? 0} have reached MQL. ` +
      (slaOut.touchedWithinPct !== null
        ? `In the last ${LOOKBACK_DAYS} days ${slaOut.touchedWithinPct}% of ${sla.mqls} MQLs were touched within ${sla.slaHours} h` +
          (slaOut.medianHoursToTouch !== null ? ` (median ${slaOut.medianHoursToTouch} h)` : '') +
          `, and ${sla.untouchedBreached} were never touched. `
        : '') +
      `${skippedMql + skippedSql} skipped a stage and ${stuck.length} are stuck for more than ${STUCK_DAYS} days.`,
    stages,
    skipped: { mql: skippedMql, sql: skippedSql },
    stuckDays: STUCK_DAYS,
    stuck: stuck.slice(0, 25),
    sla: slaOut,
    neverWorked: neverWorked.slice(0, 25),
    workflows: [
      {
        name: 'MQL alert',
        trigger: 'a contact becomes MQL',
        action: 'assign the owner by the routing rule, notify them and create a call task due in 4 h',
      },
      {
        name: 'SLA escalation',
        trigger: 'an MQL has no call, meeting or email after 4 h',
        action: "notify the owner's manager; reassign after 24 h",
      },
      {
        name: 'Qualify or reject',
        trigger: `a contact is still MQL ${QUALIFY_HOURS} h after the handoff`,
        action: 'task the owner to set SQL or reject with a reason',
      },
      {
        name: 'Recycle',
        trigger: 'sales sets a rejection lead status',
        action: 'set the lifecycle stage back to Lead, require the reason and enrol them in nurture',
      },
      {
        name: 'Stale-deal alert',
        trigger: "an open deal has had no activity for its stage's limit",
        action: 'notify the owner (the daily digest already does)',
      },
      {
        name: 'Lead-activity digest',
        trigger: 'each morning comes',
        action: 'send each AE their new MQLs and replies (the daily digest)',
      },
    ],
    plan,
    cannotTell: [
      'When a lead was rejected: HubSpot keeps the lead status, not when sales decided, so "qualify or reject within 48 h" is measured on qualifications only.',
      'Why marketing and sales disagree on a lead: that is in conversations, not in the CRM.',
      'Contacts with no lifecycle history are counted as if they entered their current stage when created.',
      ...(ctx.config.leadScoring.disqualificationProperty
        ? []
        : ['Rejection reasons: no reason property is configured, so only the lead status is known.']),
    ],
    links: [DASHBOARD.marketing, DASHBOARD.review, { label: 'Handoff SLA', path: 'mis metrics speed-to-lead' }],
    sources: ['mis metrics funnel', 'mis metrics handoff', 'mis metrics lead-scores', 'lifecycle stage history'],
  });
}
