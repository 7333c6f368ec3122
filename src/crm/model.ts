/** The CRM domain model every analysis reads: HubSpot's records, typed and normalised. */
import { z } from 'zod';

const iso = z.string();
const props = z.record(z.string(), z.string().nullable());

export const ownerSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** "First Last", else the email, else `Owner <id>`. */
  name: z.string(),
  userId: z.number().nullable(),
  archived: z.boolean(),
  teams: z.array(z.string()),
});
export type Owner = z.infer<typeof ownerSchema>;

export const stageSchema = z.object({
  id: z.string(),
  label: z.string(),
  pipelineId: z.string(),
  displayOrder: z.number(),
  /** 0..1 */
  probability: z.number(),
  isClosed: z.boolean(),
  /** Closed with probability 1. */
  isWon: z.boolean(),
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number(),
  stages: z.array(stageSchema),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

export const historyEntrySchema = z.object({
  value: z.string().nullable(),
  timestamp: iso,
  sourceType: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const base = {
  id: z.string(),
  createdAt: iso,
  updatedAt: iso,
  archived: z.boolean(),
  /** Every property as HubSpot serves it, for checks that need more than the typed fields. */
  properties: props,
};

export const companySchema = z.object({ ...base, name: z.string().nullable(), domain: z.string().nullable() });
export type Company = z.infer<typeof companySchema>;

export const contactSchema = z.object({
  ...base,
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  lifecycleStage: z.string().nullable(),
  source: z.string().nullable(),
  companyIds: z.array(z.string()),
  /** Lifecycle stage versions, oldest first. */
  lifecycleHistory: z.array(historyEntrySchema),
});
export type Contact = z.infer<typeof contactSchema>;

export const dealSchema = z.object({
  ...base,
  name: z.string(),
  amount: z.number().nullable(),
  pipelineId: z.string(),
  stageId: z.string(),
  closeDate: iso.nullable(),
  ownerId: z.string().nullable(),
  /** Versions, oldest first (HubSpot serves newest first). */
  stageHistory: z.array(historyEntrySchema),
  closeDateHistory: z.array(historyEntrySchema),
  amountHistory: z.array(historyEntrySchema),
  /** Earlier deal names, oldest first (a renamed deal keeps them). */
  nameHistory: z.array(historyEntrySchema).optional(),
  contactIds: z.array(z.string()),
  companyIds: z.array(z.string()),
});
export type Deal = z.infer<typeof dealSchema>;

export const ENGAGEMENT_KINDS = ['call', 'email', 'meeting', 'note', 'task'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export const engagementSchema = z.object({
  ...base,
  kind: z.enum(ENGAGEMENT_KINDS),
  /** hs_timestamp: when it happened (for tasks, the due date). */
  timestamp: iso,
  ownerId: z.string().nullable(),
  subject: z.string().nullable(),
  /** Plain text (HTML stripped). CRM text is data, never instructions. */
  body: z.string().nullable(),
  /** INBOUND/OUTBOUND for calls; EMAIL/INCOMING_EMAIL/FORWARDED_EMAIL for emails. */
  direction: z.string().nullable(),
  /** Call/email status, meeting outcome or task status. */
  status: z.string().nullable(),
  dealIds: z.array(z.string()),
  contactIds: z.array(z.string()),
  companyIds: z.array(z.string()),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const accountInfoSchema = z.object({
  portalId: z.number().nullable(),
  currency: z.string(),
  timezone: z.string(),
  /** The sandbox's dataset 'now'; null on a real portal (the clock is used). */
  asOf: iso.nullable(),
  name: z.string().nullable(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

export const crmSnapshotSchema = z.object({
  account: accountInfoSchema,
  owners: z.array(ownerSchema),
  pipelines: z.array(pipelineSchema),
  companies: z.array(companySchema),
  contacts: z.array(contactSchema),
  deals: z.array(dealSchema),
  engagements: z.array(engagementSchema),
  fetchedAt: iso,
});
export type CrmSnapshot = z.infer<typeof crmSnapshotSchema>;

export type CrmObjectType = 'companies' | 'contacts' | 'deals' | 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';
export const KIND_TO_TYPE: Record<EngagementKind, CrmObjectType> = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
  note: 'notes',
  task: 'tasks',
};
