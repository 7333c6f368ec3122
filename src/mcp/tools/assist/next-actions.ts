/** mis_next_actions: AE-5, the next best action on each open deal, money at risk first. */
import { z } from 'zod';
import { findDeal, nextActions, nextActionSchema } from '../../../assist/index.js';
import { pageOf } from '../../bound.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { cursorInput, limitInput, pageOutput } from '../common.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput("only this AE's deals").optional(),
    deal: z.string().min(1).max(200).optional().describe('one deal: id or a word of its name'),
    limit: limitInput(50, 10),
    cursor: cursorInput,
  });

export const outputSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  needed: z.number().int().describe('open deals that need an action'),
  actions: z.array(nextActionSchema).describe('needed first, then money at risk'),
  ...pageOutput,
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_next_actions',
    title: 'Next best actions',
    description: 'Next best action per open deal with its reason, money at risk first.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      const dealId = args.deal ? findDeal(ctx, args.deal).id : undefined;
      const rows = nextActions(ctx, { ...(ownerId ? { ownerId } : {}), ...(dealId ? { dealId } : {}) });
      const needed = rows.filter((r) => r.needed).length;
      const { cursor, limit, ...query } = args;
      const result = pageOf(rows, { cursor, limit, query, maxBytes: env.maxBytes }, (page, info) => ({
        asOf: ctx.asOf,
        currency: ctx.currency,
        needed,
        actions: page,
        ...info,
      }));
      return {
        result,
        summary: `${needed} of ${rows.length} open deals need an action; ${result.actions.length} shown.`,
      };
    },
  });
