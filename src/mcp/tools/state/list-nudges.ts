/** state_list_nudges: nudges recorded for AEs and how they responded. */
import { z } from 'zod';
import { listNudges } from '../../../state/index.js';
import { pageOf } from '../../bound.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { cursorInput, limitInput, pageOutput } from '../common.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput("only this AE's nudges").optional(),
    fromDay: day.optional().describe('first local date, inclusive (YYYY-MM-DD)'),
    toDay: day.optional().describe('last local date, inclusive (YYYY-MM-DD)'),
    status: z.enum(['recorded', 'sent', 'failed']).optional().describe('only nudges with this delivery status'),
    limit: limitInput(100, 25),
    cursor: cursorInput,
  });

export const outputSchema = z.object({
  nudges: z.array(
    z.object({
      id: z.string().describe('nudge id (for state_record_nudge_response)'),
      ownerId: z.string(),
      day: z.string().describe('local date the nudge is for'),
      itemKey: z.string().describe('what it is about: check + record'),
      level: z.number().int().describe('escalation level (1 = the AE)'),
      channel: z.string(),
      status: z.string(),
      payload: z.unknown().describe('what was sent (message and links)'),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      responses: z
        .array(z.object({ kind: z.string(), at: z.string(), detail: z.string().nullable() }))
        .describe('oldest first'),
    }),
  ),
  ...pageOutput,
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'state_list_nudges',
    title: 'List nudges',
    description:
      'Nudges recorded in the local state, newest day first, with their delivery status and the responses to them.',
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const ownerId = env.vocab.resolveOwner(args.owner);
      const rows = listNudges(env.session.state, {
        ownerId,
        fromDay: args.fromDay,
        toDay: args.toDay,
        status: args.status,
      });
      const { cursor, limit, ...query } = args;
      const result = pageOf(rows, { cursor, limit, query, maxBytes: env.maxBytes }, (nudges, page) => ({
        nudges,
        ...page,
      }));
      return { result, summary: `${result.total} nudges; ${result.nudges.length} shown.` };
    },
  });
