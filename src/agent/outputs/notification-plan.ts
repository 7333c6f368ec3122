/**
 * notification-plan (adaptive-notification): a thin layer over the notification planner. The plan is the planner's
 * own digest for the AE and day (mis_plan_digest, the same answer as `mis digest`); delivery is `mis schedule`'s
 * job, through the durable outbox, so a workflow run never sends.
 */
import { z } from 'zod';
import { citationSchema, read } from './common.js';
import { defineOutput } from './spec.js';

export const notificationPlanSchema = z.object({
  kind: z.literal('notification_plan'),
  ownerId: z.string().nullable(),
  day: z.string().nullable().describe('local day planned'),
  due: z.boolean().describe('whether the scheduled delivery sends it now'),
  reason: z.string(),
  tier: z.string().nullable(),
  nudges: z
    .array(
      z.object({
        dealId: z.string(),
        name: z.string(),
        headline: z.string().describe('the problem, in words'),
        action: z.string().min(1).max(500).describe('the one action that resolves it'),
        level: z.number().int().min(1).max(4),
        citations: z.array(citationSchema),
      }),
    )
    .describe('the top action first, then the further items'),
});
export type NotificationPlan = z.infer<typeof notificationPlanSchema>;

const itemSchema = z.looseObject({
  dealId: z.string(),
  name: z.string(),
  headline: z.string(),
  ask: z.string(),
  level: z.number(),
});
const planResult = z.looseObject({
  ownerId: z.string(),
  day: z.string(),
  due: z.boolean(),
  reason: z.string(),
  tier: z.string(),
  top: itemSchema.nullable(),
  more: z.array(itemSchema),
});

export const notificationPlan = defineOutput({
  name: 'notification-plan',
  description:
    "the AE's digest for the day as the notification planner decides it: the top action first (the same as mis digest)",
  schema: notificationPlanSchema,
  assemble(results, inputs) {
    const r = read(results, 'plan', planResult);
    const items = r.top ? [r.top, ...r.more] : [];
    return {
      kind: 'notification_plan' as const,
      ownerId: inputs.owner ?? r.ownerId,
      day: r.day,
      due: r.due,
      reason: r.reason,
      tier: r.tier,
      nudges: items.map((i) => ({
        dealId: i.dealId,
        name: i.name,
        headline: i.headline,
        action: i.ask.slice(0, 500),
        level: Math.min(4, Math.max(1, Math.round(i.level))),
        citations: [{ type: 'deal' as const, id: i.dealId }],
      })),
    };
  },
  render(p) {
    const out = [
      `Digest plan for ${p.ownerId ?? 'the team'}${p.day ? ` · ${p.day}` : ''}${p.tier ? ` · ${p.tier}` : ''} · ${p.due ? 'due now' : 'not due now'}`,
    ];
    if (!p.nudges.length) out.push(`Nothing to nudge: ${p.reason}.`);
    p.nudges.forEach((n, i) => out.push(`  ${i === 0 ? '→' : '·'} ${n.headline}. ${n.action} (L${n.level})`));
    return out.join('\n');
  },
});
