/** A finding: what is wrong, on which record, whose, how bad, and the evidence to verify it in HubSpot. */
import { z } from 'zod';

/** Check names are a public contract (docs/contracts.md §2): extend, never rename. */
export const CHECK_NAMES = [
  'stage_mismatch',
  'stale_deal',
  'missing_notes',
  'smartlead_unsynced',
  'duplicate_contact',
  'duplicate_company',
  'missing_required_field',
  'close_date_past',
  'stage_skipped',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const findingSchema = z.object({
  check: z.enum(CHECK_NAMES),
  objectType: z.enum(['deal', 'contact', 'company']),
  /** For duplicates: the record to merge into the other (evidence.duplicateOf). Null for a SmartLead lead with no HubSpot contact. */
  objectId: z.string().nullable(),
  ownerId: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  /** One line a person understands, e.g. "No activity for 18 days in Discovery". */
  summary: z.string(),
  /** The rule, the threshold, the observed values and the record ids, so it can be checked in HubSpot. */
  evidence: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof findingSchema>;

export const checkReportSchema = z.object({
  asOf: z.string(),
  findings: z.array(findingSchema),
});
export type CheckReport = z.infer<typeof checkReportSchema>;
