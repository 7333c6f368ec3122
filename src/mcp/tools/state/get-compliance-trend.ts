/** state_get_compliance_trend: HC-4, per AE per week, open and stale deals, notes and activities, findings. */
import { z } from 'zod';
import { addDays, auditTrend, auditTrendSchema, startOfWeek } from '../../../analysis/index.js';
import { runChecks } from '../../../analysis/checks/index.js';
import { listRuns } from '../../../state/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    weeks: z.number().int().min(1).max(26).default(4).describe('weeks back, this one included (1–26, default 4)'),
    owner: v.ownerInput('only this AE').optional(),
  });

export const outputSchema = auditTrendSchema.extend({
  truncated: z.boolean().describe('true when owners or weeks were cut to fit the size bound'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'state_get_compliance_trend',
    title: 'CRM compliance trend',
    description:
      'CRM compliance per AE per week, as `mis audit` shows it: open and stale deals, notes and activities logged, findings.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      // Recomputed when a new run is recorded (its snapshot may change the trend).
      const trend = env.memo(`trend:${args.weeks}:${listRuns(state, { limit: 1 })[0]?.id ?? ''}`, () => {
        const since = new Date(
          startOfWeek(addDays(Date.parse(ctx.asOf), -7 * (args.weeks - 1)), ctx.timezone),
        ).toISOString();
        return auditTrend(ctx, args.weeks, state.auditTrend(since), (c) => runChecks(c));
      });
      const owners = ownerId ? trend.owners.filter((o) => o.ownerId === ownerId) : trend.owners;
      const latest = owners.map((o) => o.weeks.at(-1)).filter((w) => w !== undefined);
      const stale = latest.reduce((s, w) => s + w.staleDeals, 0);
      const open = latest.reduce((s, w) => s + w.openDeals, 0);
      return {
        result: { ...trend, owners, truncated: false },
        summary: `${owners.length} AEs over ${args.weeks} weeks; this week ${stale} of ${open} open deals stale.`,
      };
    },
  });
