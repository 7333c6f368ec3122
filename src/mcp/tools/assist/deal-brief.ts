/** mis_deal_brief: AE-1, a pre-call brief for one deal (people, stage, last touches, risks, questions). */
import { z } from 'zod';
import { dealBrief, findDeal, saidByDeal } from '../../../assist/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import { quotedBrief, quotedBriefSchema } from './quoted-brief.js';

export const inputSchema = z.object({
  deal: z.string().min(1).max(200).describe('deal id, or a word of the deal or company name that picks one deal'),
});

export const outputSchema = z.object({ brief: quotedBriefSchema, truncated: z.boolean() });

export const tool = () =>
  defineTool({
    name: 'mis_deal_brief',
    title: 'Pre-call brief',
    description:
      'Pre-call brief for one deal: people, stage, close-date pushes, last touches (quoted), what the AE said, risks, next action, questions.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const deal = findDeal(ctx, args.deal);
      const said = env.memo('said', () => saidByDeal(state, ctx.asOf));
      const brief = quotedBrief(dealBrief(ctx, deal, { said }));
      return {
        result: { brief, truncated: false },
        summary: `Brief for deal ${deal.id}: ${brief.people.length} people, ${brief.lastTouches.length} recent touches, ${brief.risks.length} risks, ${brief.questions.length} questions.`,
      };
    },
  });
