/**
 * stage_skipped: the stage history jumps forward over at least one open stage of the pipeline (by stage order among
 * the open stages). Moving to a closed stage from anywhere is not a skip, nor is reopening. Deals that are open, or
 * closed in the last CLOSED_WITHIN_DAYS days.
 */
import type { Deal } from '../../crm/index.js';
import { derive, type Derived, type StageInfo } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { DAY_MS } from '../time.js';
import { iso, plural, stageLabel } from './common.js';

export const CLOSED_WITHIN_DAYS = 90;

export interface StageJump {
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  at: string;
  skipped: string[];
  skippedLabels: string[];
}

/** Open stages of each pipeline, in order. */
export function openStagesByPipeline(d: Derived): Map<string, StageInfo[]> {
  const out = new Map<string, StageInfo[]>();
  for (const s of d.stages.values()) {
    if (s.isClosed) continue;
    const list = out.get(s.pipelineId);
    if (list) list.push(s);
    else out.set(s.pipelineId, [s]);
  }
  for (const list of out.values()) list.sort((a, b) => a.order - b.order);
  return out;
}

/** When a closed deal closed: its move into the closed stage, else its close date, else its last update. */
export function closedAt(d: Derived, deal: Deal): number {
  for (let i = deal.stageHistory.length - 1; i >= 0; i--) {
    const h = deal.stageHistory[i]!;
    const s = h.value ? d.stageById(deal.pipelineId, h.value) : undefined;
    if (s?.isClosed && h.value === deal.stageId) {
      // The first entry of this closed run.
      let j = i;
      while (j > 0 && deal.stageHistory[j - 1]!.value === deal.stageId) j--;
      return Date.parse(deal.stageHistory[j]!.timestamp);
    }
  }
  return Date.parse(deal.closeDate ?? deal.updatedAt);
}

export function stageJumps(_d: Derived, deal: Deal, open: StageInfo[], direction: 'forward' | 'backward'): StageJump[] {
  const index = new Map(open.map((s, i) => [s.id, i]));
  const out: StageJump[] = [];
  let prev: { id: string; i: number } | null = null;
  for (const h of deal.stageHistory) {
    const i = h.value === null ? undefined : index.get(h.value);
    if (h.value === null || i === undefined) {
      prev = null; // closed, unknown or another pipeline's stage: the next move starts afresh
      continue;
    }
    if (prev && prev.id !== h.value) {
      const skip = direction === 'forward' ? i > prev.i + 1 : i < prev.i;
      if (skip) {
        const skipped = direction === 'forward' ? open.slice(prev.i + 1, i) : [];
        out.push({
          from: prev.id,
          fromLabel: open[prev.i]!.label,
          to: h.value,
          toLabel: open[i]!.label,
          at: iso(Date.parse(h.timestamp)),
          skipped: skipped.map((s) => s.id),
          skippedLabels: skipped.map((s) => s.label),
        });
      }
    }
    prev = { id: h.value, i };
  }
  return out;
}

export function stageSkipped(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const byPipeline = openStagesByPipeline(d);
  const since = d.asOfMs - CLOSED_WITHIN_DAYS * DAY_MS;
  const out: Finding[] = [];
  for (const deal of d.deals.values()) {
    if (deal.stageHistory.length < 2) continue;
    if (!d.isOpen(deal) && closedAt(d, deal) < since) continue;
    const open = byPipeline.get(deal.pipelineId);
    if (!open) continue;
    const jumps = stageJumps(d, deal, open, 'forward');
    if (jumps.length === 0) continue;
    const first = jumps[0]!;
    const most = Math.max(...jumps.map((j) => j.skipped.length));
    const severity: Severity = most >= 2 ? 'medium' : 'low';
    out.push({
      check: 'stage_skipped',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `Moved from ${first.fromLabel} to ${first.toLabel}, skipping ${first.skippedLabels.join(', ')}${jumps.length > 1 ? ` (${plural(jumps.length, 'skip')} in all)` : ''}`,
      evidence: {
        rule: 'a stage change moves forward over at least one open stage of the pipeline (moves to closed stages are not skips)',
        from: first.from,
        fromLabel: first.fromLabel,
        to: first.to,
        toLabel: first.toLabel,
        skipped: first.skipped,
        skippedLabels: first.skippedLabels,
        at: first.at,
        jumps,
        currentStage: stageLabel(d, deal),
        open: d.isOpen(deal),
      },
    });
  }
  return out;
}
