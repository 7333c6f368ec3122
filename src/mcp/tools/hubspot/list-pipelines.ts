/** hubspot_list_pipelines: deal pipelines and their stages with the team's categories and stale thresholds. */
import { z } from 'zod';
import { categoryFor } from '../../../analysis/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';

export const inputSchema = z.object({});

export const outputSchema = z.object({
  pipelines: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      stages: z.array(
        z.object({
          id: z.string().describe('the value of the dealstage property'),
          label: z.string(),
          probability: z.number().describe('0..1'),
          isClosed: z.boolean(),
          isWon: z.boolean(),
          category: z
            .string()
            .describe('early, mid, late, won or lost (mis.config.json stageCategories, else from probability)'),
          staleAfterDays: z
            .number()
            .int()
            .nullable()
            .describe('an open deal here is stale after this many days without activity; null for closed stages'),
          openDeals: z.number().int(),
          openAmount: z.number(),
        }),
      ),
    }),
  ),
  truncated: z.boolean().describe('true when the list was shortened to fit the size bound'),
});

export const tool = () =>
  defineTool({
    name: 'hubspot_list_pipelines',
    title: 'List pipelines and stages',
    description:
      'Deal pipelines of the synced portal with every stage: id (the dealstage value), label, probability, closed/won, the team category (early/mid/late/won/lost), the stale threshold in days, and the open deals in it.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(_args, env: ToolEnv) {
      const { ctx } = env.session;
      const stale = ctx.config.stale;
      const counts = new Map<string, { n: number; amount: number }>();
      for (const deal of ctx.data.crm.deals) {
        if (deal.archived) continue;
        const k = `${deal.pipelineId}:${deal.stageId}`;
        const c = counts.get(k) ?? { n: 0, amount: 0 };
        c.n++;
        c.amount += deal.amount ?? 0;
        counts.set(k, c);
      }
      const pipelines = ctx.data.crm.pipelines.map((p) => ({
        id: p.id,
        label: p.label,
        stages: p.stages.map((s) => {
          const category = categoryFor(s, ctx.config);
          const c = s.isClosed ? undefined : counts.get(`${p.id}:${s.id}`);
          return {
            id: s.id,
            label: s.label,
            probability: s.probability,
            isClosed: s.isClosed,
            isWon: s.isWon,
            category,
            staleAfterDays: s.isClosed
              ? null
              : (stale.byStage[s.id] ??
                (category === 'early' || category === 'mid' || category === 'late'
                  ? stale.byCategory[category]
                  : undefined) ??
                stale.defaultDays),
            openDeals: c?.n ?? 0,
            openAmount: c?.amount ?? 0,
          };
        }),
      }));
      return {
        result: { pipelines, truncated: false },
        summary: `${pipelines.length} pipelines, ${pipelines.reduce((n, p) => n + p.stages.length, 0)} stages.`,
      };
    },
  });
