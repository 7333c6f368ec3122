/**
 * mis_reconcile_update: an AE's free-text update against the synced CRM — mentions, discrepancies, candidates —
 * with each proposed fix registered as a proposal in the audited write path (nothing is written to HubSpot: a
 * person applies it with `mis writes approve`). Records the reconciliation like `mis reconcile`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  buildLexicon,
  DISCREPANCY_TYPES,
  MAX_UPDATE_CHARS,
  reconcileUpdate,
  type Discrepancy,
} from '../../../reconcile/index.js';
import { recordReconciliation } from '../../../state/index.js';
import { quote, quotedSchema } from '../../quote.js';
import { defineTool, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('the AE who wrote the update'),
    update: z.string().min(1).max(MAX_UPDATE_CHARS).describe('the update text as the AE wrote it (email or Slack)'),
  });

const discrepancyOut = z.object({
  type: z.enum(DISCREPANCY_TYPES),
  dealId: z.string().nullable(),
  said: quotedSchema.nullable().describe("the AE's words it rests on"),
  claimed: z.record(z.string(), z.unknown()),
  crm: z.record(z.string(), z.unknown()),
  proposedUpdates: z.array(z.record(z.string(), z.unknown())).describe('changes that would fix it'),
  confidence: z.number().optional(),
});

export const outputSchema = z.object({
  ownerId: z.string(),
  asOf: z.string(),
  updateId: z.string().describe('the recorded update (mis reconcile uses the same id)'),
  mentions: z.array(
    z.object({
      dealId: z.string().nullable(),
      confidence: z.number(),
      said: quotedSchema.nullable(),
      matched: quotedSchema.nullable().describe('the CRM deal it was matched to'),
    }),
  ),
  discrepancies: z.array(discrepancyOut),
  candidates: z.array(discrepancyOut).describe('possible discrepancies the engine is unsure of'),
  coverage: z.object({
    mentionsMatched: z.number().int(),
    mentionsTotal: z.number().int(),
    crmExplainedShare: z.number(),
  }),
  proposals: z
    .array(
      z.object({
        writeId: z.string(),
        status: z.string(),
        dealId: z.string().nullable(),
        preview: quotedSchema.nullable(),
      }),
    )
    .describe('proposed CRM changes waiting for a person'),
  next: z.string(),
  truncated: z.boolean(),
});

function discrepancyOf(d: Discrepancy) {
  const confidence = (d as { confidence?: unknown }).confidence;
  return {
    type: d.type,
    dealId: d.dealId,
    said: quote('ae update', d.quote ?? d.mention),
    claimed: d.claimed,
    crm: d.crm,
    proposedUpdates: d.proposedUpdates as unknown as Record<string, unknown>[],
    ...(typeof confidence === 'number' ? { confidence } : {}),
  };
}

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_reconcile_update',
    title: "Reconcile an AE's update with the CRM",
    description:
      "Compare an AE's free-text update with the CRM: the deals it mentions, where the CRM disagrees (stage, amount, close date, unlogged activity, lost but open, missing deal) and the fixes, registered as proposals that a person approves with `mis writes approve` (nothing is written to HubSpot). Records the update.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const receivedAt = new Date(ctx.asOf).toISOString();
      const outcome = await reconcileUpdate({
        ctx,
        ownerId,
        text: args.update,
        lexicon: buildLexicon({}, ctx.config.risk.competitors),
        receivedAt,
      });
      const r = outcome.result;
      const candidates = ((r as { candidates?: Discrepancy[] }).candidates ?? []).map(discrepancyOf);
      const owner = ctx.data.crm.owners.find((o) => o.id === ownerId);
      const proposals: z.infer<typeof outputSchema>['proposals'] = [];
      if (env.proposals) {
        for (const d of r.discrepancies) {
          for (const change of d.proposedUpdates) {
            const p = env.proposals.propose(change, {
              actor: owner?.email ?? `owner:${ownerId}`,
              tool: 'mcp:mis_reconcile_update',
              source: outcome.updateId,
            });
            proposals.push({
              writeId: p.writeId,
              status: p.status,
              dealId: d.dealId,
              preview: quote('proposed change', p.preview),
            });
          }
        }
      }
      recordReconciliation(
        state,
        { id: outcome.updateId, ownerId, receivedAt, source: 'mcp', text: outcome.text },
        { id: randomUUID(), runAt: new Date().toISOString(), json: JSON.stringify(r) },
      );
      const changes = r.discrepancies.reduce((n, d) => n + d.proposedUpdates.length, 0);
      const next = proposals.length
        ? `A person reviews the proposals with \`mis writes list\` and applies each with \`mis writes approve <writeId>\`. Nothing was written to HubSpot.`
        : changes
          ? `This server cannot register proposals; to apply the fixes a person runs \`mis reconcile --owner ${ownerId} --update <file> --apply\`.`
          : 'Nothing to change: the CRM agrees with the update.';
      return {
        result: {
          ownerId,
          asOf: r.asOf,
          updateId: outcome.updateId,
          mentions: r.mentions.map((m) => ({
            dealId: m.dealId,
            confidence: m.confidence,
            said: quote('ae update', m.text),
            matched: quote('crm deal name', m.matchedName ?? null),
          })),
          discrepancies: r.discrepancies.map(discrepancyOf),
          candidates,
          coverage: {
            mentionsMatched: r.coverage.mentionsMatched,
            mentionsTotal: r.coverage.mentionsTotal,
            crmExplainedShare: r.coverage.crmExplainedShare,
          },
          proposals,
          next,
          truncated: false,
        },
        summary: `${r.mentions.length} mentions, ${r.discrepancies.length} discrepancies, ${proposals.length} changes proposed (not written).`,
      };
    },
  });
