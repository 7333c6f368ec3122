/** state_update_ae_profile: change fields of an AE's notification profile in the local state (never the CRM). */
import { z } from 'zod';
import { NotifyStore, aeProfilePatchSchema, aeProfileSchema, patchProfile } from '../../../notify/index.js';
import { UsageError } from '../../../errors/index.js';
import { defineTool, type ToolEnv } from '../../tool.js';
import type { Vocabulary } from '../../vocabulary.js';

export const inputSchema = (v: Vocabulary) =>
  z.object({
    owner: v.ownerInput('the AE'),
    changes: aeProfilePatchSchema.describe(
      'only the fields to change; the others keep their stored (or default) values. Responsiveness is learned, not set.',
    ),
  });

export const outputSchema = z.object({
  ownerId: z.string(),
  profile: aeProfileSchema.describe('the profile as stored now'),
  changed: z.array(z.string()).describe('fields given in changes'),
  updatedAt: z.string(),
  truncated: z.boolean().describe('always false'),
});

export const tool = (v: Vocabulary) =>
  defineTool({
    name: 'state_update_ae_profile',
    title: 'Update AE profile',
    description:
      "Change an AE's digest preferences in sales-mis's local state (nothing goes to HubSpot), when an AE or manager states one.",
    inputSchema: inputSchema(v),
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    handler(args, env: ToolEnv) {
      const ownerId = env.vocab.resolveOwner(args.owner)!;
      const changed = Object.entries(args.changes)
        .filter(([, x]) => x !== undefined)
        .map(([k]) => k);
      if (!changed.length)
        throw new UsageError('changes is empty', 'Give at least one field to change, e.g. { "bestTime": "10:00" }.');
      const store = new NotifyStore(env.session.state);
      const profile = patchProfile(store.profile(ownerId), args.changes);
      const updatedAt = new Date().toISOString();
      store.saveProfile(profile, updatedAt);
      return {
        result: { ownerId, profile, changed, updatedAt, truncated: false },
        summary: `Profile of ${env.derived().ownerName(ownerId)} updated: ${changed.join(', ')}.`,
      };
    },
  });
