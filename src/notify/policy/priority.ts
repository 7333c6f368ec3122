/**
 * Priority: money at risk = amount × stage probability × urgency, where urgency (0.25–1) is the larger of the deal's
 * risk score ÷ 100 (src/analysis/risk) and its staleness (days since activity ÷ twice the stale threshold). The top
 * action is the item with the most money at risk; ties go to the higher ladder level, then the older deal id.
 */
import { z } from 'zod';
import { CHECK_NAMES, SEVERITIES } from '../../analysis/index.js';

export const URGENCY_FLOOR = 0.25;

export const itemFindingSchema = z.object({
  check: z.enum(CHECK_NAMES),
  severity: z.enum(SEVERITIES),
  summary: z.string(),
});

/** One open item: a deal of the AE with at least one finding, and what it puts at risk. */
export const itemFactsSchema = z.object({
  key: z.string().describe('deal:<id>: one nudge per deal per day'),
  dealId: z.string(),
  dealName: z.string(),
  companyName: z.string().nullable(),
  name: z.string().describe('what people call it: the company, else the deal name'),
  amount: z.number().nullable(),
  stageId: z.string(),
  stage: z.string().describe('stage label'),
  probability: z.number().min(0).max(1),
  daysSinceActivity: z.number().int().nonnegative(),
  staleThresholdDays: z.number().int().positive(),
  riskScore: z.number().int().min(0).max(100).nullable(),
  amountAtRisk: z.number().describe('amount × stage probability'),
  urgency: z.number().min(0).max(1),
  moneyAtRisk: z.number().describe('amount × stage probability × urgency, rounded'),
  findings: z.array(itemFindingSchema).min(1),
});
export type ItemFacts = z.infer<typeof itemFactsSchema>;

export function urgencyOf(riskScore: number | null, daysSinceActivity: number, staleThresholdDays: number): number {
  const staleness = daysSinceActivity / (2 * Math.max(1, staleThresholdDays));
  return Math.round(Math.min(1, Math.max(URGENCY_FLOOR, (riskScore ?? 0) / 100, staleness)) * 100) / 100;
}

export function moneyAtRisk(amount: number | null, probability: number, urgency: number): number {
  return Math.round((amount ?? 0) * probability * urgency);
}

export function compareItems(
  a: { moneyAtRisk: number; level?: number; dealId: string },
  b: { moneyAtRisk: number; level?: number; dealId: string },
): number {
  return b.moneyAtRisk - a.moneyAtRisk || (b.level ?? 0) - (a.level ?? 0) || compareIds(a.dealId, b.dealId);
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
