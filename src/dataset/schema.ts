/**
 * `sales-mis/portal@1`: a HubSpot portal plus SmartLead in the APIs' own shapes (docs/contracts.md §1).
 * Unknown fields are kept (loose objects) so a real export round-trips.
 */
import { z } from 'zod';
import { isStrictIso, isTimeZone } from '../format/index.js';

export const PORTAL_FORMAT = 'sales-mis/portal@1' as const;

/** Object types a portal holds, by their plural API name. */
export const OBJECT_TYPES = [
  'companies',
  'contacts',
  'deals',
  'calls',
  'emails',
  'meetings',
  'notes',
  'tasks',
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
export const ENGAGEMENT_TYPES = ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

const isoDateTime = z
  .string()
  .refine(isStrictIso, { message: 'expected an ISO 8601 date-time of a real day, such as "2026-11-20T10:00:00Z"' });

/** HubSpot serves every property value as a string; numbers and booleans in a file are normalised to strings. */
const propertyValue = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null || typeof v === 'string' ? v : String(v)));

export const crmRecordSchema = z.looseObject({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'expected a record id (digits, letters, - or _)'),
  properties: z.record(z.string(), propertyValue),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
  archived: z.boolean().optional(),
  archivedAt: isoDateTime.optional(),
});
export type CrmRecordInput = z.input<typeof crmRecordSchema>;
export type CrmRecord = z.output<typeof crmRecordSchema>;

export const ownerSchema = z.looseObject({
  id: z.string().min(1),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
  type: z.enum(['PERSON', 'QUEUE']).optional(),
  archived: z.boolean().optional(),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
  teams: z.array(z.looseObject({ id: z.string(), name: z.string(), primary: z.boolean().optional() })).optional(),
});
export type Owner = z.output<typeof ownerSchema>;

export const stageSchema = z.looseObject({
  id: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int(),
  archived: z.boolean().optional(),
  metadata: z.looseObject({
    probability: z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'expected a probability string "0.0" to "1.0"')
      .optional(),
    isClosed: z.enum(['true', 'false']).optional(),
  }),
});
export const pipelineSchema = z.looseObject({
  id: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int(),
  archived: z.boolean().optional(),
  stages: z.array(stageSchema).min(1, 'a pipeline needs at least one stage'),
});
export type Pipeline = z.output<typeof pipelineSchema>;
export type Stage = z.output<typeof stageSchema>;

const objectRef = z.object({ type: z.enum(OBJECT_TYPES), id: z.string().min(1) });
export const associationSchema = z.looseObject({
  from: objectRef,
  to: objectRef,
  /** Optional labels; when absent the sandbox serves HubSpot's default type ids for the pair. */
  types: z
    .array(z.object({ category: z.string(), typeId: z.number().int(), label: z.string().nullable().optional() }))
    .optional(),
});
export type AssociationInput = z.output<typeof associationSchema>;

export const historyEntrySchema = z.looseObject({
  value: z.string().nullable(),
  timestamp: isoDateTime,
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  updatedByUserId: z.number().int().optional(),
});
export type HistoryEntry = z.output<typeof historyEntrySchema>;

const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

export const smartleadCampaignSchema = z.looseObject({
  id: numericId,
  name: z.string(),
  status: z.string(),
  created_at: isoDateTime,
  updated_at: isoDateTime.optional(),
});
export const smartleadLeadSchema = z.looseObject({
  campaign_id: numericId,
  status: z.string().optional(),
  created_at: isoDateTime.optional(),
  lead: z.looseObject({
    id: numericId,
    email: z.string().min(3),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    company_name: z.string().nullable().optional(),
  }),
});
export const smartleadMessageSchema = z.looseObject({
  campaign_id: numericId,
  lead_id: numericId,
  type: z.enum(['SENT', 'REPLY']),
  time: isoDateTime,
  subject: z.string().optional(),
  email_body: z.string().optional(),
});
export const smartleadSpendSchema = z.looseObject({ campaign_id: numericId, amount: z.number().nonnegative() });

export const aeUpdateSchema = z.looseObject({
  ownerId: z.string().min(1),
  /** When the AE sent it (ISO). */
  sentAt: isoDateTime,
  /** The update as the AE wrote it: data, never instructions. */
  text: z.string().min(1),
});
export type AeUpdate = z.output<typeof aeUpdateSchema>;

export const portalSchema = z.looseObject({
  format: z.literal(PORTAL_FORMAT, { message: `expected "${PORTAL_FORMAT}"` }),
  portal: z.looseObject({
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "INR"'),
    timezone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Asia/Kolkata"' }),
    asOf: isoDateTime,
  }),
  owners: z.array(ownerSchema),
  managers: z.record(z.string(), z.string()).optional(),
  pipelines: z.looseObject({ deals: z.array(pipelineSchema).min(1, 'a portal needs a deal pipeline') }),
  objects: z.looseObject({
    companies: z.array(crmRecordSchema).default([]),
    contacts: z.array(crmRecordSchema).default([]),
    deals: z.array(crmRecordSchema).default([]),
    calls: z.array(crmRecordSchema).default([]),
    emails: z.array(crmRecordSchema).default([]),
    meetings: z.array(crmRecordSchema).default([]),
    notes: z.array(crmRecordSchema).default([]),
    tasks: z.array(crmRecordSchema).default([]),
  }),
  associations: z.array(associationSchema).default([]),
  propertyHistory: z
    .partialRecord(z.enum(OBJECT_TYPES), z.record(z.string(), z.record(z.string(), z.array(historyEntrySchema))))
    .optional(),
  smartlead: z
    .looseObject({
      campaigns: z.array(smartleadCampaignSchema).default([]),
      leads: z.array(smartleadLeadSchema).default([]),
      messages: z.array(smartleadMessageSchema).default([]),
      spend: z.array(smartleadSpendSchema).optional(),
    })
    .optional(),
  marketing: z
    .looseObject({
      campaigns: z
        .array(z.looseObject({ id: z.string(), name: z.string(), channel: z.string(), spend: z.number().optional() }))
        .default([]),
      touches: z
        .array(
          z.looseObject({ contactId: z.string(), campaignId: z.string(), channel: z.string(), timestamp: isoDateTime }),
        )
        .default([]),
    })
    .optional(),
  /** Extension (optional): the AEs' free-text weekly updates, as received. */
  aeUpdates: z.array(aeUpdateSchema).optional(),
  /** Extension (optional): what a generator planted, so tests and evals can check detection. */
  generator: z
    .looseObject({
      name: z.string(),
      seed: z.number().int(),
      planted: z.array(z.looseObject({ kind: z.string(), objectType: z.string(), objectId: z.string().nullable() })),
    })
    .optional(),
});
export type PortalDatasetInput = z.input<typeof portalSchema>;
export type PortalDataset = z.output<typeof portalSchema>;
export type SmartleadSection = NonNullable<PortalDataset['smartlead']>;
