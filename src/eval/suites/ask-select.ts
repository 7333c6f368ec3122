/**
 * The ask suite's reference answers, computed from the portal file itself (not from the product): a case's
 * `select` names the constraints of its question (owner, amount band, close or create period, stage labels, open,
 * won or lost, a company, another suite's labels), and the deals of the portal that meet them are what a right
 * answer cites. The same constraints judge every deal the answer does cite (constraint honoured).
 */
import { z } from 'zod';
import type { PortalDataset } from '../../dataset/index.js';

export const selectSchema = z
  .object({
    open: z.boolean().optional().describe('true: open deals only; false: closed only'),
    won: z.boolean().optional().describe('closed in a stage with probability 1 (Closed Won, Renewed)'),
    lost: z.boolean().optional().describe('closed in a stage with probability 0'),
    owner: z.string().optional().describe('owner id'),
    amountAbove: z.number().optional().describe('amount strictly above'),
    amountAtLeast: z.number().optional(),
    amountBelow: z.number().optional().describe('amount strictly below (a deal with no amount is not below anything)'),
    closeFrom: z.string().optional().describe('close date on or after (ISO instant)'),
    closeBefore: z.string().optional().describe('close date before (ISO instant)'),
    createdFrom: z.string().optional(),
    createdBefore: z.string().optional(),
    stages: z.array(z.string()).optional().describe('stage labels as the portal writes them'),
    company: z.string().optional().describe('the deal name starts with this (case-insensitive)'),
    within: z
      .object({
        labels: z.string().describe('a labels file under evals/ (deal-risk or daily-compliance)'),
        check: z.string().optional().describe('only labels of this check or signal'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Select = z.infer<typeof selectSchema>;

export const rankSchema = z
  .object({
    select: selectSchema,
    by: z.enum(['count', 'amount']).default('count'),
    order: z.enum(['most', 'least']).default('most'),
  })
  .strict();
export type Rank = z.infer<typeof rankSchema>;

interface StageInfo {
  label: string;
  closed: boolean;
  probability: number;
}

function stagesOf(d: PortalDataset): Map<string, StageInfo> {
  const out = new Map<string, StageInfo>();
  for (const p of d.pipelines.deals) {
    for (const s of p.stages) {
      const meta = (s.metadata ?? {}) as Record<string, unknown>;
      out.set(s.id, {
        label: s.label,
        closed: String(meta['isClosed']) === 'true',
        probability: Number(meta['probability'] ?? 0),
      });
    }
  }
  return out;
}

export interface RefDeal {
  id: string;
  name: string;
  amount: number | null;
  ownerId: string | null;
  stageLabel: string;
  open: boolean;
  won: boolean;
  lost: boolean;
  close: number | null;
  created: number | null;
}

export function refDeals(d: PortalDataset): RefDeal[] {
  const stages = stagesOf(d);
  return d.objects.deals
    .filter((x) => x.archived !== true)
    .map((x) => {
      const p = x.properties as Record<string, string | null | undefined>;
      const st = stages.get(p['dealstage'] ?? '');
      const amount =
        p['amount'] === undefined || p['amount'] === null || p['amount'] === '' ? null : Number(p['amount']);
      const closed = st?.closed ?? false;
      return {
        id: x.id,
        name: p['dealname'] ?? '',
        amount: amount !== null && Number.isFinite(amount) ? amount : null,
        ownerId: p['hubspot_owner_id'] || null,
        stageLabel: st?.label ?? p['dealstage'] ?? '',
        open: !closed,
        won: closed && (st?.probability ?? 0) >= 1,
        lost: closed && (st?.probability ?? 0) <= 0,
        close: p['closedate'] ? Date.parse(p['closedate']) : null,
        created: p['createdate'] ? Date.parse(p['createdate']) : null,
      };
    });
}

/** Why a deal fails the select (null: it meets every constraint); `labelled`: ids of the `within` labels. */
export function failsSelect(x: RefDeal, s: Select, labelled: ReadonlySet<string> | null): string | null {
  if (s.open !== undefined && x.open !== s.open) return s.open ? 'closed' : 'open';
  if (s.won !== undefined && x.won !== s.won) return s.won ? 'not won' : 'won';
  if (s.lost !== undefined && x.lost !== s.lost) return s.lost ? 'not lost' : 'lost';
  if (s.owner !== undefined && x.ownerId !== s.owner) return 'another owner';
  if (s.amountAbove !== undefined && !(x.amount !== null && x.amount > s.amountAbove)) return 'amount not above';
  if (s.amountAtLeast !== undefined && !(x.amount !== null && x.amount >= s.amountAtLeast)) return 'amount too small';
  if (s.amountBelow !== undefined && !(x.amount !== null && x.amount < s.amountBelow)) return 'amount not below';
  if (s.closeFrom !== undefined && !(x.close !== null && x.close >= Date.parse(s.closeFrom)))
    return 'closes before the period';
  if (s.closeBefore !== undefined && !(x.close !== null && x.close < Date.parse(s.closeBefore)))
    return 'closes after the period';
  if (s.createdFrom !== undefined && !(x.created !== null && x.created >= Date.parse(s.createdFrom)))
    return 'created before the period';
  if (s.createdBefore !== undefined && !(x.created !== null && x.created < Date.parse(s.createdBefore)))
    return 'created after the period';
  if (s.stages !== undefined && !s.stages.some((l) => l.toLowerCase() === x.stageLabel.toLowerCase()))
    return 'another stage';
  if (s.company !== undefined && !x.name.toLowerCase().startsWith(s.company.toLowerCase())) return 'another company';
  if (labelled && !labelled.has(x.id)) return 'not labelled';
  return null;
}

const labelsFile = z.looseObject({
  labels: z.array(
    z.looseObject({
      dealId: z.string().optional(),
      objectId: z.string().nullish(),
      signal: z.string().optional(),
      check: z.string().optional(),
    }),
  ),
});

/** The deal ids of another suite's labels file (optionally one check or signal). */
export function labelledIds(read: (relative: string) => unknown, within: NonNullable<Select['within']>): Set<string> {
  const f = labelsFile.parse(read(within.labels));
  const ids = new Set<string>();
  for (const l of f.labels) {
    if (within.check && l.signal !== within.check && l.check !== within.check) continue;
    const id = l.dealId ?? l.objectId;
    if (id) ids.add(id);
  }
  return ids;
}

export function selectDeals(deals: readonly RefDeal[], s: Select, labelled: ReadonlySet<string> | null): RefDeal[] {
  return deals.filter((x) => failsSelect(x, s, labelled) === null);
}

/**
 * "Who has the most …": every owner of at least one deal in the portal (the AEs), with the count or amount of
 * the selected deals; the leaders (ties included) and their figure.
 */
export function rankOwners(
  deals: readonly RefDeal[],
  r: Rank,
  labelled: ReadonlySet<string> | null,
): { leaders: string[]; value: number; values: Map<string, number> } {
  const values = new Map<string, number>();
  for (const x of deals) if (x.ownerId) values.set(x.ownerId, 0);
  for (const x of selectDeals(deals, r.select, labelled))
    if (x.ownerId) values.set(x.ownerId, (values.get(x.ownerId) ?? 0) + (r.by === 'count' ? 1 : (x.amount ?? 0)));
  const sorted = [...values.values()].sort((a, b) => (r.order === 'most' ? b - a : a - b));
  const value = sorted[0] ?? 0;
  return { leaders: [...values].filter(([, v]) => v === value).map(([id]) => id), value, values };
}
