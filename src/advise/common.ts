/**
 * What every advice report shares: the plan, what the data cannot tell, links to the dashboard, and small helpers
 * that keep figures as people read them (rounded days, shares) so every number printed is a number in the report.
 */
import { z } from 'zod';
import type { AnalysisContext, AuditRow } from '../analysis/index.js';
import { formatDate, formatMoney, humanLabel } from '../format/index.js';

export const ADVISE_TOPICS = ['lifecycle', 'scoring', 'pipeline', 'metrics', 'hygiene', 'out_of_scope'] as const;
export type AdviseTopic = (typeof ADVISE_TOPICS)[number];

export const recordRefSchema = z.object({
  type: z.enum(['deal', 'contact', 'company', 'owner']),
  id: z.string(),
  name: z.string().describe('the record as people read it (deal or company name, person)'),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

export const planItemSchema = z.object({
  priority: z.number().int().positive().describe('1 = do first'),
  action: z.string().describe('what to do, in a sentence'),
  why: z.string().describe("the portal's own figures behind it"),
  amount: z.number().nullable().describe('money on the records it concerns (portal currency), null when none'),
  count: z.number().int().nonnegative().nullable().describe('records it concerns, null when not counted'),
  records: z.array(recordRefSchema).describe('the first records it concerns, most money first (at most 10)'),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const linkSchema = z.object({
  label: z.string(),
  path: z.string().describe('a dashboard page (mis dashboard) or a command'),
});

export const baseShape = {
  format: z.literal('sales-mis/advice@1'),
  asOf: z.string().describe('ISO instant every figure is computed as of'),
  timezone: z.string(),
  currency: z.string(),
  headline: z.string().describe('the one-paragraph answer'),
  plan: z.array(planItemSchema).describe('what to do, in order'),
  cannotTell: z.array(z.string()).describe('what this portal’s data cannot tell (and what to record to know it)'),
  links: z.array(linkSchema),
  sources: z.array(z.string()).describe('the metrics and checks the figures come from (mis metrics <name>, mis check)'),
};

export interface AdviseOptions {
  /** HC-4 compliance snapshots stored by earlier check runs (state/); none = the trend is reconstructed. */
  storedAudit?: ReadonlyArray<AuditRow>;
}

export const r0 = (n: number) => Math.round(n);
export const r1 = (n: number) => Math.round(n * 10) / 10;
export const r2 = (n: number) => Math.round(n * 100) / 100;
export const pct = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;

/** A share kept as a whole percentage (so the printed number is in the report). */
export const sharePct = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : Math.round(share * 100);

export interface Fmt {
  money(n: number | null | undefined): string;
  date(iso: string | null | undefined): string;
  label(code: string | null | undefined): string;
}

export function fmtOf(ctx: AnalysisContext): Fmt {
  return {
    money: (n) => formatMoney(n, ctx.currency),
    date: (iso) => formatDate(iso, ctx.timezone),
    label: (c) => humanLabel(c),
  };
}

/** HubSpot property names as people read them. */
const PROPERTY_LABELS: Record<string, string> = {
  amount: 'amount',
  closedate: 'close date',
  hubspot_owner_id: 'owner',
  dealname: 'deal name',
  dealstage: 'stage',
  hs_next_step: 'next step',
  closed_lost_reason: 'lost reason',
  notes_next_activity_date: 'next activity date',
  industry: 'industry',
  city: 'city',
  country: 'country',
  state: 'state',
  jobtitle: 'job title',
  hs_lead_status: 'lead status',
  lifecyclestage: 'lifecycle stage',
  hs_analytics_source: 'original source',
  dealtype: 'deal type',
  numberofemployees: 'employees',
  hs_manual_forecast_category: 'forecast category',
};

export function propertyLabel(p: string): string {
  return PROPERTY_LABELS[p] ?? p.replace(/^hs_/, '').replace(/_/g, ' ');
}

export const DASHBOARD = {
  team: { label: 'Team page', path: '/team' },
  ae: { label: 'AE page', path: '/ae' },
  deal: { label: 'Deal page', path: '/deal' },
  marketing: { label: 'Marketing page', path: '/marketing' },
  review: { label: 'Sales–marketing review', path: '/review' },
} as const;

export function base(ctx: AnalysisContext) {
  return {
    format: 'sales-mis/advice@1' as const,
    asOf: ctx.asOf,
    timezone: ctx.timezone,
    currency: ctx.currency,
  };
}

/** Plan items numbered in order, empty ones dropped. */
export function numbered(items: Array<Omit<PlanItem, 'priority'> | null>): PlanItem[] {
  return items.filter((x): x is Omit<PlanItem, 'priority'> => x !== null).map((x, i) => ({ priority: i + 1, ...x }));
}

export const byAmountDesc = <T extends { amount: number }>(a: T, b: T) => b.amount - a.amount;
