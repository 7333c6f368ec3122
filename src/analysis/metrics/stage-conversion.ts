/**
 * Stage-to-stage conversion from stage history: where deals die, per pipeline, per AE and for the team, with the
 * time each step takes. Default cohort: every deal created up to asOf; `{ from, to }` keeps deals created in it.
 *
 * Definitions (per pipeline; its open stages in display order s₁…sₖ, then "Won"):
 * - a deal reached sᵢ when its stage history (≤ asOf) or current stage was sᵢ or a later open stage, or it is won
 *   (skipping a stage counts as passing it). Its furthest stage is the last it reached.
 * - step sᵢ → sᵢ₊₁ (sₖ → Won): entered = deals that reached sᵢ; advanced = those that reached sᵢ₊₁ (won for the last
 *   step); lost here = deals lost whose furthest stage is sᵢ; still here = open deals whose furthest stage is sᵢ.
 * - conversion = advanced ÷ (advanced + lost here): the share of decided deals that moved on (deals still open at
 *   sᵢ are not decided yet), ≤ 1; null when none decided.
 * - days per step: median and mean days from the first instant the deal reached sᵢ (creation for the first stage
 *   it is in) to the first instant it reached sᵢ₊₁, over deals that advanced and were in sᵢ itself (not skipping it).
 * - biggest drop: the step with the lowest conversion among steps with at least 3 decided deals.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../input.js';
import type { StageInfo } from '../derive.js';
import {
  DAY_MS,
  cmp,
  metricIndex,
  ownerIdSchema,
  ownerRefs,
  percentile,
  periodOut,
  periodSchema,
  resolvePeriod,
  share,
  sum,
  type DealTimeline,
  type PeriodInput,
} from './common.js';

const stepSchema = z.object({
  fromStage: z.string().describe('stage label'),
  toStage: z.string().describe('next stage label, or "Won"'),
  entered: z.number().int().nonnegative(),
  advanced: z.number().int().nonnegative(),
  lostHere: z.number().int().nonnegative().describe('lost with this as their furthest stage'),
  stillHere: z.number().int().nonnegative().describe('open with this as their furthest stage'),
  conversion: share.nullable().describe('advanced ÷ (advanced + lost here)'),
  medianDays: z.number().nonnegative().nullable(),
  meanDays: z.number().nonnegative().nullable(),
});
const rowSchema = z.object({
  ownerId: ownerIdSchema,
  ownerName: z.string(),
  deals: z.number().int().nonnegative(),
  steps: z.array(stepSchema),
  winRate: share.nullable().describe('won ÷ (won + lost) in the cohort'),
});

export const stageConversionSchema = z
  .object({
    metric: z.literal('stage_conversion'),
    period: periodSchema.nullable().describe('deals created in this period; null = every deal up to asOf'),
    definition: z.string(),
    pipelines: z.array(
      z.object({
        pipelineId: z.string(),
        label: z.string(),
        team: rowSchema,
        biggestDrop: z.object({ fromStage: z.string(), toStage: z.string(), conversion: share }).nullable(),
        byOwner: z.array(rowSchema),
      }),
    ),
  })
  .describe('Stage-to-stage conversion from stage history: where deals die, and how long each step takes');
export type StageConversion = z.infer<typeof stageConversionSchema>;
export type ConversionStep = z.infer<typeof stepSchema>;

interface Path {
  /** firstAt[i] = first instant the deal reached open stage i (or null); firstAt[k] = won instant. */
  firstAt: (number | null)[];
  /** visited[i]: the deal was in open stage i itself (not skipped over). */
  visited: boolean[];
  furthest: number;
  won: boolean;
  lost: boolean;
  open: boolean;
}

function pathOf(ix: ReturnType<typeof metricIndex>, tl: DealTimeline, open: StageInfo[]): Path | null {
  const k = open.length;
  const orderOf = new Map(open.map((s, i) => [s.id, i]));
  const now = ix.current(tl);
  if (!now.exists) return null;
  const entries: { at: number; v: string }[] = tl.stage.at.map((at, i) => ({ at, v: tl.stage.values[i]! }));
  if (entries.length === 0) entries.push({ at: tl.created, v: now.stageId });
  const firstAt: (number | null)[] = Array.from({ length: k + 1 }, () => null);
  let furthest = -1;
  const visited = Array.from({ length: k + 1 }, () => false);
  for (const e of entries) {
    const st = ix.d.stageById(tl.deal.pipelineId, e.v);
    const idx = orderOf.get(e.v) ?? (st?.isClosed && st.category === 'won' ? k : -1);
    if (idx < 0) continue;
    visited[idx] = true;
    const at = Math.max(e.at, tl.created);
    for (let j = 0; j <= idx; j++) if (firstAt[j] === null) firstAt[j] = j === 0 && furthest < 0 ? tl.created : at;
    furthest = Math.max(furthest, idx);
  }
  if (furthest < 0) return null;
  return { firstAt, visited, furthest: Math.min(furthest, k), won: now.won, lost: now.lost, open: now.open };
}

function steps(paths: Path[], open: StageInfo[]): ConversionStep[] {
  const k = open.length;
  return open.map((s, i) => {
    const entered = paths.filter((p) => p.furthest >= i);
    const advanced = entered.filter((p) => p.furthest >= i + 1 && (i + 1 < k || p.won));
    const lostHere = entered.filter((p) => p.lost && p.furthest === i).length;
    const stillHere = entered.filter((p) => p.open && p.furthest === i).length;
    const days = advanced
      .filter((p) => p.visited[i])
      .map((p) => Math.max(0, (p.firstAt[i + 1]! - p.firstAt[i]!) / DAY_MS));
    const decided = advanced.length + lostHere;
    return {
      fromStage: s.label,
      toStage: i + 1 < k ? open[i + 1]!.label : 'Won',
      entered: entered.length,
      advanced: advanced.length,
      lostHere,
      stillHere,
      conversion: decided > 0 ? advanced.length / decided : null,
      medianDays: percentile(days, 0.5),
      meanDays: days.length ? sum(days) / days.length : null,
    };
  });
}

export function stageConversion(ctx: AnalysisContext, period?: PeriodInput): StageConversion {
  const ix = metricIndex(ctx);
  const p = period ? resolvePeriod(ctx, period, 'quarter') : null;
  const pipelines = [...ctx.data.crm.pipelines].sort((a, b) => a.displayOrder - b.displayOrder || cmp(a.id, b.id));
  const out: StageConversion['pipelines'] = [];
  for (const pl of pipelines) {
    const open = pl.stages
      .map((s) => ix.d.stageById(pl.id, s.id)!)
      .filter((s) => s && !s.isClosed)
      .sort((a, b) => a.order - b.order);
    if (open.length === 0) continue;
    const byOwner = new Map<string | null, Path[]>();
    const team: Path[] = [];
    for (const tl of ix.deals) {
      if (tl.deal.pipelineId !== pl.id) continue;
      if (p && (tl.created < p.from || tl.created > p.through)) continue;
      const path = pathOf(ix, tl, open);
      if (!path) continue;
      team.push(path);
      const list = byOwner.get(tl.deal.ownerId) ?? [];
      list.push(path);
      byOwner.set(tl.deal.ownerId, list);
    }
    if (team.length === 0) continue;
    const row = (ownerId: string | null, ownerName: string, paths: Path[]) => {
      const won = paths.filter((x) => x.won).length;
      const lost = paths.filter((x) => x.lost).length;
      return {
        ownerId,
        ownerName,
        deals: paths.length,
        steps: steps(paths, open),
        winRate: won + lost > 0 ? won / (won + lost) : null,
      };
    };
    const teamRow = row(null, 'Team', team);
    const candidates = teamRow.steps.filter((s) => s.conversion !== null && s.advanced + s.lostHere >= 3);
    const worst = candidates.reduce<ConversionStep | null>(
      (w, s) => (w === null || s.conversion! < w.conversion! ? s : w),
      null,
    );
    out.push({
      pipelineId: pl.id,
      label: pl.label,
      team: teamRow,
      biggestDrop: worst ? { fromStage: worst.fromStage, toStage: worst.toStage, conversion: worst.conversion! } : null,
      byOwner: ownerRefs(ix, byOwner.keys()).map((o) => row(o.ownerId, o.ownerName, byOwner.get(o.ownerId)!)),
    });
  }
  return {
    metric: 'stage_conversion',
    period: p ? periodOut(ctx, p) : null,
    definition:
      'conversion of a step = deals that reached the next stage ÷ (those + deals lost with this as their furthest stage); skipping a stage counts as passing it; days = first reaching this stage → first reaching the next',
    pipelines: out,
  };
}
