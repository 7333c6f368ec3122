/** mis_weekly_momentum: SM-1, what moved in the pipeline this week (or a period), with the waterfall. */
import { z } from 'zod';
import { momentumRowSchema, weeklyMomentum, weeklyMomentumSchema } from '../../../analysis/metrics/index.js';
import { calendarDay, humanDay } from '../../../time/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { periodInput, periodOf } from '../common.js';
import { capDealIds, keepOwner } from './shape.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('keep only this AE in byOwner (team totals stay)').optional(),
    ...periodInput,
    maxDealIds: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(10)
      .describe('deal ids listed per category (counts and amounts are always complete)'),
  });

const row = momentumRowSchema.meta({ id: 'MomentumRow' });
export const outputSchema = weeklyMomentumSchema.extend({
  team: row.describe('every deal, whatever its owner (ownerId null, ownerName "Team")'),
  byOwner: z
    .array(row)
    .describe(
      "per the deal's current owner; owners with no deal in the pipeline at any point of the period are omitted",
    ),
  truncated: z
    .boolean()
    .describe('true when deal id lists were cut (to maxDealIds or the size bound); counts stay complete'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_weekly_momentum',
    title: 'Weekly deal momentum',
    description:
      'Weekly deal momentum per AE and team (new, advanced, regressed, stalled, won, lost, pushed) and the open-pipeline waterfall; default this week.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      const m = keepOwner(weeklyMomentum(ctx, periodOf(args)), ownerId);
      const { value, cut } = capDealIds(m, args.maxDealIds);
      const t = m.team;
      return {
        result: { ...value, truncated: cut },
        summary: `Week of ${humanDay(calendarDay(Date.parse(m.period.from), ctx.timezone), calendarDay(Date.parse(ctx.asOf), ctx.timezone))}: ${t.new.count} new, ${t.advanced.count} advanced, ${t.regressed.count} regressed, ${t.stalled.count} stalled, ${t.won.count} won, ${t.lost.count} lost, ${t.pushed.count} pushed.`,
      };
    },
  });
