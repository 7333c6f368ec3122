/** state_list_ae_updates: the AEs' free-text updates as `mis reconcile` stored them, with the deals each line is about. */
import { z } from 'zod';
import { recentReconciliations } from '../../../state/index.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { isoInput, limitInput } from '../common.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('only updates this AE sent').optional(),
    dealId: z.string().min(1).max(40).optional().describe('only updates with a line matched to this deal'),
    since: isoInput('received on or after this (default: 90 days before asOf)').optional(),
    limit: limitInput(50, 20),
  });

const mentionSchema = z.object({
  dealId: z.string().nullable().describe('the deal the line was matched to (null: no deal of the AE)'),
  confidence: z.number().nullable(),
  text: quotedSchema.describe("the AE's words about that deal"),
});

export const outputSchema = z.object({
  updates: z.array(
    z.object({
      updateId: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      receivedAt: z.string(),
      mentions: z.array(mentionSchema).describe('the lines of the update, each with the deal it is about'),
    }),
  ),
  total: z.number().int().describe('updates that match, before the limit'),
  truncated: z.boolean(),
});

const storedResult = z.looseObject({
  mentions: z
    .array(
      z.looseObject({
        text: z.string(),
        dealId: z.string().nullable().optional(),
        confidence: z.number().nullable().optional(),
      }),
    )
    .default([]),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'state_list_ae_updates',
    title: 'List stored AE updates',
    description:
      'What AEs said about their deals: the weekly updates stored by `mis reconcile`, newest first, each line with its matched deal; quoted data.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      const until = new Date(ctx.asOf).toISOString();
      const since = args.since
        ? new Date(Date.parse(args.since)).toISOString()
        : new Date(Date.parse(ctx.asOf) - 90 * 86_400_000).toISOString();
      const d = env.derived();
      const rows = recentReconciliations(state, since, until)
        .filter((r) => !ownerId || r.ownerId === ownerId)
        .reverse()
        .map((r) => {
          const parsed = storedResult.safeParse(JSON.parse(r.json));
          const mentions = (parsed.success ? parsed.data.mentions : []).flatMap((m) => {
            const text = quote(`ae update ${r.id}`, m.text);
            return text ? [{ dealId: m.dealId ?? null, confidence: m.confidence ?? null, text }] : [];
          });
          return {
            updateId: r.id,
            ownerId: r.ownerId,
            ownerName: d.ownerName(r.ownerId),
            receivedAt: r.receivedAt,
            mentions,
          };
        })
        .map((u) => (args.dealId ? { ...u, mentions: u.mentions.filter((m) => m.dealId === args.dealId) } : u))
        .filter((u) => !args.dealId || u.mentions.length > 0);
      const updates = rows.slice(0, args.limit);
      return {
        result: { updates, total: rows.length, truncated: rows.length > updates.length },
        summary: `${rows.length} stored update${rows.length === 1 ? '' : 's'} match; ${updates.length} shown.`,
      };
    },
  });
