/** mis_plan_digest: today's digest for one AE as the notification planner decides it (the one `mis digest` shows). */
import { z } from 'zod';
import { digestFor } from '../../../notify/index.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) => z.object({ owner: v.ownerInput('the AE') });

const item = z.object({
  dealId: z.string(),
  name: z.string().describe('company, else deal name'),
  headline: z.string().describe('the problem, in words'),
  ask: z.string().describe('the one action that resolves it'),
  level: z.number().int().min(1).max(4).describe('escalation level today'),
  checks: z.array(z.string()).describe('the findings behind it'),
});

export const outputSchema = z.object({
  ownerId: z.string(),
  day: z.string().describe('local day planned'),
  due: z.boolean().describe('whether the scheduled delivery sends it now'),
  reason: z.string(),
  tier: z.string(),
  channel: z.string().nullable(),
  top: item.nullable().describe('the single top action (null: nothing open)'),
  more: z.array(item),
  nextActions: z
    .array(z.object({ dealId: z.string(), name: z.string(), action: z.string(), reason: z.string() }))
    .describe('next best actions on deals whose data is clean'),
  meetingsDay: z.string().nullable().describe('the next working day, when meetings are listed'),
  meetings: z
    .array(
      z.object({
        time: z.string(),
        title: quotedSchema.nullable(),
        dealName: z.string().nullable(),
        lines: z.array(z.string()).describe('the brief in a few lines'),
      }),
    )
    .describe("the AE's meetings on the next working day, each with its brief"),
  overdueTasks: z.object({
    count: z.number().int(),
    items: z.array(
      z.object({
        subject: quotedSchema.nullable(),
        dealName: z.string().nullable(),
        due: z.string(),
        daysOverdue: z.number(),
      }),
    ),
  }),
  reminders: z
    .array(z.object({ dealId: z.string(), subject: z.string(), due: z.string(), reason: z.string() }))
    .describe('follow-up tasks the AE can add with one tap from the digest'),
  truncated: z.boolean().describe('always false: a digest is small'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_plan_digest',
    title: 'Plan an AE digest',
    description:
      "Today's digest for one AE, from sales-mis's notification planner (the same answer as `mis digest`): the single top action by money at risk, further items, the escalation level and the adaptive tier. Reads local state and the synced cache; sends and records nothing.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const r = digestFor({ ctx: env.session.ctx, state: env.session.state }, ownerId);
      const d = r.digest;
      const toItem = (i: NonNullable<typeof d>['top']) => ({
        dealId: i.dealId,
        name: i.name,
        headline: i.headline,
        ask: i.ask.text,
        level: i.level,
        checks: i.findings.map((f) => f.check),
      });
      return {
        result: {
          ownerId,
          day: r.day,
          due: r.due,
          reason: r.reason,
          tier: r.tier,
          channel: d ? (d.recipient.email ? 'email' : null) : null,
          top: d ? toItem(d.top) : null,
          more: d ? d.more.map(toItem) : [],
          nextActions: d
            ? d.nextActions.map((a) => ({ dealId: a.dealId, name: a.name, action: a.action, reason: a.reason }))
            : [],
          meetingsDay: d?.meetingsDay ?? null,
          meetings: d
            ? d.meetings.map((m) => ({
                time: m.time,
                title: quote(`hubspot meeting ${m.meetingId}`, m.title),
                dealName: m.dealName,
                lines: m.lines,
              }))
            : [],
          overdueTasks: d
            ? {
                count: d.overdueTasks.count,
                items: d.overdueTasks.items.map((t) => ({
                  subject: quote(`hubspot task ${t.taskId}`, t.subject),
                  dealName: t.dealName,
                  due: t.due,
                  daysOverdue: t.daysOverdue,
                })),
              }
            : { count: 0, items: [] },
          reminders: d
            ? d.reminders.map((r) => ({ dealId: r.dealId, subject: r.subject, due: r.due, reason: r.reason }))
            : [],
          truncated: false,
        },
        summary: d
          ? `${d.owner.name}: top action ${d.top.name}: ${d.top.ask.text} (L${d.top.level}, ${r.tier}).`
          : `Nothing to nudge today: ${r.reason}.`,
      };
    },
  });
