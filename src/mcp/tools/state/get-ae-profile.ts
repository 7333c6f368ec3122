/** state_get_ae_profile: the AE's notification profile (stored, or the defaults) — the one `mis profile` edits. */
import { z } from 'zod';
import { NotifyStore, aeProfileSchema } from '../../../notify/index.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) => z.object({ owner: v.ownerInput('the AE') });

export const outputSchema = z.object({
  ownerId: z.string(),
  ownerName: z.string(),
  profile: aeProfileSchema,
  stored: z.boolean().describe('false: nothing stored yet, these are the defaults'),
  updatedAt: z.string().nullable(),
  truncated: z.boolean().describe('always false: a profile is small'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'state_get_ae_profile',
    title: 'Get AE profile',
    description:
      "An AE's notification profile from the local state: learned responsiveness (0–100), preferred channel, best time, time zone, action patterns, digest frequency, max items, escalation threshold and muted-until. Defaults when none is stored.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: READ_ONLY,
    handler(args, env: ToolEnv) {
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const store = new NotifyStore(env.session.state);
      const profile = store.profile(ownerId);
      const updatedAt = store.profileUpdatedAt(ownerId);
      const ownerName = env.derived().ownerName(ownerId);
      const score = profile.responsiveness === null ? 'not scored yet' : `responsiveness ${profile.responsiveness}`;
      return {
        result: { ownerId, ownerName, profile, stored: updatedAt !== null, updatedAt, truncated: false },
        summary: `${ownerName}: ${profile.notification.frequency} digest by ${profile.preferredChannel} from ${profile.bestTime}, ${score}${updatedAt ? '' : ' (defaults)'}.`,
      };
    },
  });
