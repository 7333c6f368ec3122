/** state_record_nudge_response: what an AE did with a nudge (acted, skipped, snoozed, muted), in the local state. */
import { z } from 'zod';
import { NUDGE_RESPONSE_KINDS, recordNudgeResponse } from '../../../state/index.js';
import { defineTool, type ToolEnv } from '../../tool.js';

export const inputSchema = z.object({
  nudgeId: z.string().min(1).max(64).describe('from state_list_nudges'),
  kind: z
    .enum(NUDGE_RESPONSE_KINDS)
    .describe('acted (did the action), skipped, snoozed (later), muted (stop this item)'),
  detail: z.string().max(1000).optional().describe("the AE's words or a short note (stored as data)"),
});

export const outputSchema = z.object({
  nudgeId: z.string(),
  kind: z.enum(NUDGE_RESPONSE_KINDS),
  at: z.string(),
  responses: z.number().int().describe('responses recorded on this nudge so far'),
  truncated: z.boolean().describe('always false'),
});

export const tool = () =>
  defineTool({
    name: 'state_record_nudge_response',
    title: 'Record nudge response',
    description:
      "Record an AE's response to a nudge in sales-mis's local state (appends; writes nothing to HubSpot). An unknown nudge id is refused.",
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    handler(args, env: ToolEnv) {
      const r = recordNudgeResponse(env.session.state, args.nudgeId, args.kind, args.detail ?? null);
      return { result: { ...r, truncated: false }, summary: `Recorded ${args.kind} on nudge ${args.nudgeId}.` };
    },
  });
