/**
 * HC-3 missing_notes: an open deal with no note engagement at all, in the later half of its pipeline's open
 * stages (middle stage included), in a configured stage category (default: late) or in a listed stage id.
 */
import { derive, type StageInfo } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { daysSince } from '../time.js';
import { LARGE_DEAL_AMOUNT, iso, money, openDeals, stageInfo, stageLabel } from './common.js';

export function missingNotes(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const { categories, stages, fromMiddleStage } = ctx.config.missingNotes;
  const cats = new Set<string>(categories);
  const stageIds = new Set(stages);
  const out: Finding[] = [];
  for (const deal of openDeals(d)) {
    const info = stageInfo(d, deal);
    const byStage = stageIds.has(deal.stageId);
    const byCategory = info !== undefined && cats.has(info.category);
    const byPosition = fromMiddleStage && info !== undefined && isFromMiddle(info);
    if (!byStage && !byCategory && !byPosition) continue;
    const engagements = d.engagementsByDeal.get(deal.id) ?? [];
    if (engagements.some((e) => e.kind === 'note')) continue;
    const counts: Record<string, number> = { call: 0, email: 0, meeting: 0, note: 0, task: 0 };
    for (const e of engagements) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    const stage = stageLabel(d, deal);
    const enteredAt = deal.stageHistory.at(-1)?.timestamp ?? deal.createdAt;
    const severity: Severity = (deal.amount ?? 0) >= LARGE_DEAL_AMOUNT ? 'high' : 'medium';
    out.push({
      check: 'missing_notes',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `No notes on a deal in ${stage}${engagements.length ? ` (${engagements.length} other engagements logged)` : ''}`,
      evidence: {
        rule: byStage
          ? 'open deal in a stage listed in missingNotes.stages has no note engagement'
          : byCategory
            ? `open deal in a ${info?.category} stage (missingNotes.categories) has no note engagement`
            : 'open deal in the later half of its pipeline (missingNotes.fromMiddleStage) has no note engagement',
        requiredIn: { fromMiddleStage, categories: [...categories], stages: [...stages] },
        stageId: deal.stageId,
        stage,
        category: info?.category ?? null,
        inStageSince: iso(Date.parse(enteredAt)),
        daysInStage: daysSince(Date.parse(enteredAt), d.asOfMs),
        notes: 0,
        engagementCounts: counts,
        amount: deal.amount,
        amountText: money(ctx, deal.amount),
      },
    });
  }
  return out;
}

/**
 * The middle open stage and every open stage after it (3rd of 5, 4th of 6). A pipeline with fewer than three open
 * stages (a renewals pipeline with one) has no middle, so position says nothing there and only categories apply.
 */
function isFromMiddle(info: StageInfo): boolean {
  return info.openCount >= 3 && info.openOrder >= Math.floor(info.openCount / 2);
}
