/** mis_meeting_prep: AE-3, the AE's meetings on the next working day (or a day), each with its deal's brief. */
import { z } from 'zod';
import { meetingPrep, saidByDeal } from '../../../assist/index.js';
import { UsageError } from '../../../errors/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';
import { quotedBrief } from './quoted-brief.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('the AE'),
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('local day YYYY-MM-DD (default: next working day)'),
  });

export const outputSchema = z.object({
  ownerId: z.string(),
  ownerName: z.string(),
  day: z.string(),
  meetings: z.array(
    z.object({
      meetingId: z.string(),
      title: z.string(),
      at: z.string(),
      dealId: z.string().nullable(),
      attendees: z.array(z.object({ contactId: z.string(), name: z.string() })),
      brief: z
        .looseObject({ dealId: z.string(), dealName: z.string() })
        .nullable()
        .describe("the deal's brief, the same object mis_deal_brief returns"),
    }),
  ),
  truncated: z.boolean().describe('true when later meetings were left out to fit the 20 KB bound'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'mis_meeting_prep',
    title: 'Meeting prep',
    description: "An AE's meetings on the next working day (or a day), each with its deal's brief.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const { ctx, state } = env.session;
      const ownerId = env.vocab.resolveOwner(args.owner);
      if (!ownerId) throw new UsageError('meeting prep needs an owner', 'Pass owner (hubspot_list_owners).');
      const said = env.memo('said', () => saidByDeal(state, ctx.asOf));
      const prep = meetingPrep(ctx, ownerId, { said, ...(args.day ? { day: args.day } : {}) });
      const meetings = prep.meetings.map((m) => ({ ...m, brief: m.brief ? quotedBrief(m.brief) : null }));
      // Keep whole meetings within the bound: later ones are dropped rather than cut.
      let kept = meetings;
      while (kept.length > 1 && JSON.stringify(kept).length > env.maxBytes - 1_000) kept = kept.slice(0, -1);
      return {
        result: {
          ownerId,
          ownerName: prep.ownerName,
          day: prep.day,
          meetings: kept,
          truncated: kept.length < meetings.length,
        },
        summary: `${meetings.length} meeting${meetings.length === 1 ? '' : 's'} on ${prep.day}${kept.length < meetings.length ? `; ${kept.length} shown` : ''}.`,
      };
    },
  });
