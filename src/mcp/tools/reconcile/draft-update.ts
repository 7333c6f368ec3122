/** mis_draft_update: next week's update for an AE, drafted from the CRM in the AE's usual shape. Read-only. */
import { z } from 'zod';
import { aeUpdatesOf } from '../../../state/index.js';
import { buildLexicon, draftUpdate, DRAFT_STYLES, styleOf } from '../../../reconcile/index.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('the AE'),
    style: z
      .enum(DRAFT_STYLES)
      .optional()
      .describe("tidy, lines or sparse (default: the shape of the AE's last update)"),
  });

export const outputSchema = z.object({
  ownerId: z.string(),
  asOf: z.string(),
  style: z.enum(DRAFT_STYLES),
  draft: quotedSchema.nullable().describe('the drafted update (names are CRM text)'),
  lines: z.array(z.object({ dealId: z.string(), why: z.string(), text: quotedSchema.nullable() })),
  truncated: z.boolean(),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_draft_update',
    title: "Draft an AE's weekly update",
    description:
      "Draft an AE's weekly update from the CRM (deals that moved, were touched or close within 30 days: stage, amount, close date, calls, next step) for the AE to correct instead of write.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const style = args.style ?? styleOf(aeUpdatesOf(state, ownerId, 1)[0]?.text);
      const d = draftUpdate(ctx, ownerId, buildLexicon({}, ctx.config.risk.competitors), { style });
      return {
        result: {
          ownerId,
          asOf: d.asOf,
          style: d.style,
          draft: quote('drafted update', d.text, 8000),
          lines: d.lines.map((l) => ({ dealId: l.dealId, why: l.why, text: quote('drafted line', l.text) })),
          truncated: false,
        },
        summary: `Drafted ${d.lines.length} lines (${d.style}).`,
      };
    },
  });
