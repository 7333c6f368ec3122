/**
 * notification-plan (adaptive-notification). PLACEHOLDER: the notifications issue fills this in (AE profiles,
 * escalation levels, channels, quiet hours). Today it proposes the one most important action for the AE from
 * the high-severity findings and sends nothing (channel "none").
 */
import { z } from 'zod';
import { CHECK_NAMES } from '../../analysis/index.js';
import { citationSchema, read, restoreQuotes } from './common.js';
import { CHECK_LABELS } from '../../report/index.js';
import { defineOutput } from './spec.js';

export const notificationPlanSchema = z.object({
  kind: z.literal('notification_plan'),
  placeholder: z.literal(true).describe('true until the notifications issue replaces this output'),
  asOf: z.string(),
  ownerId: z.string().nullable(),
  nudges: z
    .array(
      z.object({
        ownerId: z.string().nullable(),
        itemKey: z.string().describe('check:objectType:objectId — one nudge a day per item'),
        check: z.enum(CHECK_NAMES),
        message: z.string().min(1).max(500).describe('the one action, in a sentence'),
        level: z.number().int().min(1).max(3).describe('1 = the AE, 2 = reminder, 3 = manager'),
        channel: z.literal('none').describe('nothing is sent yet'),
        citations: z.array(citationSchema),
      }),
    )
    .max(1)
    .describe('at most one action a day'),
  note: z.string(),
});
export type NotificationPlan = z.infer<typeof notificationPlanSchema>;

const checksResult = z.looseObject({
  asOf: z.string(),
  findings: z.array(z.looseObject({ check: z.enum(CHECK_NAMES), objectType: z.enum(['deal', 'contact', 'company']), objectId: z.string().nullable(), ownerId: z.string().nullable(), summary: z.string(), evidence: z.record(z.string(), z.unknown()) })),
});

export const notificationPlan = defineOutput({
  name: 'notification-plan',
  description: 'PLACEHOLDER notification plan: at most one nudge (the most important action for the AE), nothing sent',
  schema: notificationPlanSchema,
  assemble(results, inputs) {
    const r = read(results, 'checks', checksResult);
    const f = r.findings[0];
    return {
      kind: 'notification_plan' as const,
      placeholder: true as const,
      asOf: r.asOf,
      ownerId: inputs.owner ?? null,
      nudges: f
        ? [
            {
              ownerId: f.ownerId,
              itemKey: `${f.check}:${f.objectType}:${f.objectId ?? ''}`,
              check: f.check,
              message: `${CHECK_LABELS[f.check]} on ${f.objectType} ${f.objectId ?? '(no record)'}: ${restoreQuotes(f.summary, f.evidence)}`.slice(0, 500),
              level: 1,
              channel: 'none' as const,
              citations: f.objectId ? [{ type: f.objectType, id: f.objectId }] : [],
            },
          ]
        : [],
      note: 'Placeholder: the notifications issue fills in profiles, escalation and delivery; nothing was sent.',
    };
  },
  render(p) {
    const out = [`Notification plan (placeholder) for ${p.ownerId ? `owner ${p.ownerId}` : 'the team'} · nothing sent`];
    if (!p.nudges.length) out.push('No high-severity finding: no nudge today.');
    for (const n of p.nudges) out.push(`  → ${n.message}`);
    out.push(p.note);
    return out.join('\n');
  },
});
