/** mis_activity_scorecard: SM-2, each AE's logged activity this week vs targets, deals touched, stale share. */
import { z } from 'zod';
import { activityScorecard, activityScorecardSchema, scorecardRowSchema } from '../../../analysis/metrics/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { periodInput, periodOf } from '../common.js';
import { capDealIds, keepOwner } from './shape.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('keep only this AE in byOwner (team totals stay)').optional(),
    ...periodInput,
  });

const row = scorecardRowSchema.meta({ id: 'ScorecardRow' });
export const outputSchema = activityScorecardSchema.extend({
  team: row.describe('sums over the AEs; count targets × number of AEs'),
  byOwner: z.array(row),
  truncated: z
    .boolean()
    .describe('true when staleDealIds lists were cut to 10 ids each (counts stay complete) or to fit the size bound'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_activity_scorecard',
    title: 'Activity scorecard',
    description:
      'Activity per AE vs weekly targets: calls, emails, meetings, notes logged, share of open deals touched and stale. Default: this week.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      const s = keepOwner(activityScorecard(ctx, periodOf(args)), ownerId);
      const { value, cut } = capDealIds(s, 10);
      const behind = s.byOwner.filter((r) =>
        [r.calls, r.emails, r.meetings, r.notes].some((k) => k.status === 'behind'),
      ).length;
      return {
        result: { ...value, truncated: cut },
        summary: `${s.byOwner.length} AEs; ${behind} behind on at least one activity target.`,
      };
    },
  });
