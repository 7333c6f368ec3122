/** hubspot_list_owners: the portal's owners with their open pipeline. */
import { z } from 'zod';
import { pageOf } from '../../bound.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import { cursorInput, limitInput, pageOutput } from '../common.js';

export const inputSchema = z.object({
  includeArchived: z.boolean().default(false).describe('also list archived (deactivated) owners'),
  limit: limitInput(200, 100),
  cursor: cursorInput,
});

export const outputSchema = z.object({
  owners: z.array(
    z.object({
      id: z.string().describe('HubSpot owner id (hubspot_owner_id on records)'),
      name: z.string(),
      email: z.string().nullable(),
      archived: z.boolean(),
      teams: z.array(z.string()),
      managerId: z.string().nullable().describe('owner id of their manager (escalation), if configured'),
      openDeals: z.number().int(),
      openAmount: z.number().describe('sum of open deal amounts, portal currency'),
    }),
  ),
  currency: z.string(),
  ...pageOutput,
});

export const tool = () =>
  defineTool({
    name: 'hubspot_list_owners',
    title: 'List owners',
    description:
      'The HubSpot owners (AEs and managers) of the synced portal: id, name, email, teams, manager, and their open deals count and amount.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx } = env.session;
      const d = env.derived();
      const open = new Map<string, { n: number; amount: number }>();
      for (const deal of ctx.data.crm.deals) {
        if (!deal.ownerId || deal.archived || !d.isOpen(deal)) continue;
        const o = open.get(deal.ownerId) ?? { n: 0, amount: 0 };
        o.n++;
        o.amount += deal.amount ?? 0;
        open.set(deal.ownerId, o);
      }
      const owners = ctx.data.crm.owners
        .filter((o) => args.includeArchived || !o.archived)
        .map((o) => ({
          id: o.id,
          name: o.name,
          email: o.email,
          archived: o.archived,
          teams: o.teams,
          managerId: ctx.data.managers[o.id] ?? null,
          openDeals: open.get(o.id)?.n ?? 0,
          openAmount: open.get(o.id)?.amount ?? 0,
        }));
      const { cursor, limit, ...query } = args;
      const result = pageOf(owners, { cursor, limit, query, maxBytes: env.maxBytes }, (page, info) => ({
        owners: page,
        currency: ctx.currency,
        ...info,
      }));
      return { result, summary: `${result.total} owners; ${result.owners.length} shown.` };
    },
  });
