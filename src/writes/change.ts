/**
 * A proposed CRM change: the one vocabulary shared by reconcile's `proposedUpdates`, the MCP write tools and
 * the audited write path. Keep `op` names and fields stable: `mis reconcile --json` publishes them (docs/contracts.md §2).
 */
import { z } from 'zod';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/, 'a record id');
const text = z.string().min(1).max(65_536);
const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date or date-time');

export const updateDealChangeSchema = z.object({
  op: z.literal('update_deal'),
  dealId: id.describe('HubSpot deal id'),
  properties: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().max(65_536))
    .refine((p) => Object.keys(p).length > 0, 'at least one property')
    .describe(
      'deal properties to set, e.g. { "dealstage": "<stage id>", "closedate": "2026-12-15", "amount": "1520000" }',
    ),
});

export const createDealChangeSchema = z.object({
  op: z.literal('create_deal'),
  properties: z
    .record(z.string(), z.string().max(65_536))
    .describe('dealname, dealstage, pipeline, hubspot_owner_id, amount, closedate'),
  companyId: id.optional().describe('company to associate'),
  contactIds: z.array(id).max(20).optional().describe('contacts to associate'),
});

const onDeal = { dealId: id.describe('deal the engagement is associated with') };

export const addNoteChangeSchema = z.object({
  op: z.literal('add_note'),
  ...onDeal,
  body: text.describe('note text (quoted AE words are fine)'),
});
export const createTaskChangeSchema = z.object({
  op: z.literal('create_task'),
  ...onDeal,
  subject: z.string().min(1).max(500),
  dueAt: isoDateTime.describe('when the task is due'),
  body: z.string().max(65_536).optional(),
});
export const logCallChangeSchema = z.object({ op: z.literal('log_call'), ...onDeal, at: isoDateTime, body: text });
export const logMeetingChangeSchema = z.object({
  op: z.literal('log_meeting'),
  ...onDeal,
  at: isoDateTime,
  title: z.string().min(1).max(500),
  body: z.string().max(65_536).optional(),
});

export const crmChangeSchema = z.discriminatedUnion('op', [
  updateDealChangeSchema,
  createDealChangeSchema,
  addNoteChangeSchema,
  createTaskChangeSchema,
  logCallChangeSchema,
  logMeetingChangeSchema,
]);

export type CrmChange = z.infer<typeof crmChangeSchema>;
export type CrmChangeOp = CrmChange['op'];
export const CRM_CHANGE_OPS = [
  'update_deal',
  'create_deal',
  'add_note',
  'create_task',
  'log_call',
  'log_meeting',
] as const satisfies readonly CrmChangeOp[];
