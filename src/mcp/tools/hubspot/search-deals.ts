/** hubspot_search_deals: deals of the synced portal by name, owner, stage, amount and dates, paged. */
import { z } from 'zod';
import { pageOf } from '../../bound.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { cursorInput, dealRow, dealRowSchema, isoInput, limitInput, pageOutput } from '../common.js';

export const SORTS = ['amount_desc', 'close_date_asc', 'last_activity_asc', 'created_desc'] as const;

export const inputSchema = (v: Vocabulary) =>
  z.object({
    query: z.string().max(200).optional().describe('case-insensitive text the deal name contains'),
    owner: v.ownerInput('only deals of this owner', true).optional(),
    stage: v.stageInput('only deals in this stage').optional(),
    open: z.boolean().optional().describe('true: only open deals; false: only closed (won or lost); omit: both'),
    minAmount: z.number().nonnegative().optional().describe('amount at least this (portal currency)'),
    closeDateBefore: isoInput('close date before this').optional(),
    closeDateAfter: isoInput('close date on or after this').optional(),
    staleForDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('only deals with no activity for at least this many days'),
    sort: z
      .enum(SORTS)
      .default('amount_desc')
      .describe('amount_desc (default), close_date_asc, last_activity_asc (coldest first) or created_desc'),
    limit: limitInput(100, 25),
    cursor: cursorInput,
  });

export const outputSchema = z.object({
  asOf: z.string().describe("the 'now' ages are computed from"),
  deals: z.array(dealRowSchema),
  ...pageOutput,
});

export const description = (_v: Vocabulary) =>
  `Search the synced deals by name, owner, stage, open/closed, amount, close date or days without activity; paged.`;

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'hubspot_search_deals',
    title: 'Search deals',
    description: description(v),
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const d = env.derived();
      const ownerId = env.vocab.resolveOwner(args.owner);
      env.vocab.checkStage(args.stage);
      const q = args.query?.trim().toLowerCase();
      const before = args.closeDateBefore ? Date.parse(args.closeDateBefore) : null;
      const after = args.closeDateAfter ? Date.parse(args.closeDateAfter) : null;
      const rows = ctx.data.crm.deals
        .filter((deal) => {
          if (deal.archived) return false;
          if (q && !deal.name.toLowerCase().includes(q)) return false;
          if (ownerId && deal.ownerId !== ownerId) return false;
          if (args.stage && deal.stageId !== args.stage) return false;
          if (args.open !== undefined && d.isOpen(deal) !== args.open) return false;
          if (args.minAmount !== undefined && (deal.amount ?? -1) < args.minAmount) return false;
          const close = deal.closeDate ? Date.parse(deal.closeDate) : null;
          if (before !== null && (close === null || close >= before)) return false;
          if (after !== null && (close === null || close < after)) return false;
          return true;
        })
        .map((deal) => dealRow(deal, env))
        .filter((r) => args.staleForDays === undefined || r.daysSinceActivity >= args.staleForDays);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
      const sorters: Record<(typeof SORTS)[number], (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
        amount_desc: (a, b) => (b.amount ?? -1) - (a.amount ?? -1) || byId(a, b),
        close_date_asc: (a, b) => (a.closeDate ?? '9999').localeCompare(b.closeDate ?? '9999') || byId(a, b),
        last_activity_asc: (a, b) => b.daysSinceActivity - a.daysSinceActivity || byId(a, b),
        created_desc: (a, b) => b.createdAt.localeCompare(a.createdAt) || byId(a, b),
      };
      rows.sort(sorters[args.sort]);
      const { cursor, limit, ...query } = args;
      const result = pageOf(rows, { cursor, limit, query, maxBytes: env.maxBytes }, (deals, page) => ({
        asOf: ctx.asOf,
        deals,
        ...page,
      }));
      return {
        result,
        summary: `${result.total} deals match; ${result.deals.length} shown${result.nextCursor ? ' (more with nextCursor)' : ''}.`,
      };
    },
  });
