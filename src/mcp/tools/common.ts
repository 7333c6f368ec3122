/** Pieces several tools share: paging inputs and outputs, deal rows, ISO checks. */
import { z } from 'zod';
import type { Deal } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { daysSince } from '../../time/index.js';
import type { ToolEnv } from '../tool.js';

export const cursorInput = z.string().max(200).optional().describe('nextCursor of the previous page');
export const limitInput = (max: number, dflt: number) =>
  z.number().int().min(1).max(max).default(dflt).describe('most items to return');

export const pageOutput = {
  total: z.number().int().describe('items matching the query in all'),
  nextCursor: z.string().nullable().describe('pass as cursor to get the next page; null on the last page'),
  truncated: z
    .boolean()
    .describe('true when more items match than are returned here, or text was shortened to fit the size bound'),
};

export const isoInput = (what: string) =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date or date-time')
    .describe(`${what} (ISO 8601 date or date-time)`);

export const periodInput = {
  from: isoInput('period start, inclusive; give with to (default: this week from Monday 00:00 local time)').optional(),
  to: isoInput('period end, exclusive; give with from').optional(),
};

export const dealRowSchema = z
  .object({
    id: z.string().describe('HubSpot deal id'),
    name: z.string(),
    amount: z.number().nullable().describe('in the portal currency'),
    stageId: z.string(),
    stage: z.string().describe('stage label'),
    pipelineId: z.string(),
    open: z.boolean(),
    ownerId: z.string().nullable(),
    ownerName: z.string(),
    closeDate: z.string().nullable(),
    createdAt: z.string(),
    lastActivityAt: z.string().nullable().describe('last done engagement or SmartLead message on the deal up to asOf'),
    daysSinceActivity: z.number().int().describe('whole days since the last activity (or since creation)'),
  })
  .meta({ id: 'DealRow' });
export type DealRow = z.infer<typeof dealRowSchema>;

export function dealRow(deal: Deal, env: ToolEnv): DealRow {
  const d = env.derived();
  const last = d.lastActivity(deal);
  const since = last?.at ?? Date.parse(deal.createdAt);
  return {
    id: deal.id,
    name: deal.name,
    amount: deal.amount,
    stageId: deal.stageId,
    stage: d.stageOf(deal)?.label ?? deal.stageId,
    pipelineId: deal.pipelineId,
    open: d.isOpen(deal),
    ownerId: deal.ownerId,
    ownerName: d.ownerName(deal.ownerId),
    closeDate: deal.closeDate,
    createdAt: deal.createdAt,
    lastActivityAt: last ? new Date(last.at).toISOString() : null,
    daysSinceActivity: Math.max(0, daysSince(since, d.asOfMs)),
  };
}

/** A period for the metrics: both ends or neither. */
export function periodOf(args: {
  from?: string | undefined;
  to?: string | undefined;
}): { from: string; to: string } | undefined {
  if (args.from === undefined && args.to === undefined) return undefined;
  if (args.from === undefined || args.to === undefined) throw new PeriodError();
  const from = new Date(Date.parse(args.from)).toISOString();
  const to = new Date(Date.parse(args.to)).toISOString();
  if (from >= to) throw new PeriodError('from must be before to');
  return { from, to };
}

class PeriodError extends UsageError {
  constructor(problem = 'from and to go together') {
    super(
      problem,
      'Give both from and to (ISO dates, to exclusive), e.g. from 2026-11-01 to 2026-11-08, or neither for this week.',
    );
  }
}
