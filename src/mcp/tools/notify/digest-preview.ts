/** mis_digest_preview: what today's digest for an AE says (or what was sent today). Nothing is sent or recorded. */
import { z } from 'zod';
import { digestFor, renderText, TIERS } from '../../../notify/index.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) => z.object({ owner: v.ownerInput('the AE') });

const itemOut = z.object({ dealId: z.string().nullable(), level: z.number().int(), moneyAtRisk: z.number() });

export const outputSchema = z.object({
  ownerId: z.string(),
  day: z.string(),
  tier: z.enum(TIERS),
  due: z.boolean().describe('whether `mis notify` would send it now'),
  stored: z.boolean().describe('already sent or recorded today: this is what went out'),
  reason: z.string(),
  items: z.array(itemOut).describe('the top action first'),
  pendingCount: z.number().int().nullable(),
  digest: quotedSchema.nullable().describe("the AE's digest as text (names are CRM text); null when none is due"),
  managerNote: quotedSchema.nullable().describe("the manager's support note about this AE, if any"),
  truncated: z.boolean(),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_digest_preview',
    title: "Preview an AE's digest for today",
    description: "What today's digest for an AE says (top action, further items, money at risk), or what was sent today. Nothing is sent or recorded.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const r = digestFor(env.session, ownerId);
      const d = r.digest;
      const items = d ? [d.top, ...d.more].map((i) => ({ dealId: i.dealId, level: i.level, moneyAtRisk: i.amountAtRisk })) : [];
      return {
        result: {
          ownerId,
          day: r.day,
          tier: r.tier,
          due: r.due,
          stored: r.stored,
          reason: r.reason,
          items,
          pendingCount: d ? d.pending.count : null,
          digest: d ? quote('digest preview', renderText(d), 8000) : null,
          managerNote: r.manager ? quote('manager note preview', renderText(r.manager), 4000) : null,
          truncated: false,
        },
        summary: d ? `Digest for ${r.day}: ${items.length} items${r.due ? '' : ' (not due now)'}.` : `No digest for ${r.day}: ${r.reason}`,
      };
    },
  });
