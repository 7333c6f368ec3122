/**
 * HC-2 stale_deal: an open deal with no activity (a completed engagement on the deal, or a SmartLead message to or
 * from one of its contacts) for more than its stale threshold. Days are whole days elapsed (floor), so a deal
 * exactly at the threshold is not stale and one day over is.
 */
import { derive } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { daysSince } from '../time.js';
import { LARGE_DEAL_AMOUNT, iso, money, openDeals, stageLabel } from './common.js';

export function staleDeal(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const out: Finding[] = [];
  for (const deal of openDeals(d)) {
    const last = d.lastActivity(deal);
    const created = Date.parse(deal.createdAt);
    const lastAt = last ? last.at : created;
    const days = daysSince(lastAt, d.asOfMs);
    const threshold = d.staleThresholdDays(deal);
    if (days <= threshold) continue;
    const stage = stageLabel(d, deal);
    const over = days - threshold;
    let severity: Severity = 'low';
    if (days >= 2 * threshold || (deal.amount ?? 0) >= LARGE_DEAL_AMOUNT) severity = 'high';
    else if (days >= 1.5 * threshold) severity = 'medium';
    const summary = last
      ? `No activity for ${days} days in ${stage} (threshold ${threshold})`
      : `No activity since the deal was created ${days} days ago, in ${stage} (threshold ${threshold})`;
    out.push({
      check: 'stale_deal',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary,
      evidence: {
        rule: 'open deal with no completed engagement and no SmartLead message to or from its contacts for more than thresholdDays whole days',
        daysSinceActivity: days,
        thresholdDays: threshold,
        daysOverThreshold: over,
        lastActivityAt: iso(lastAt),
        lastActivitySource: last ? last.source : 'deal_created',
        lastActivityKind: last ? last.kind : null,
        lastActivityId: last ? last.id : null,
        stageId: deal.stageId,
        stage,
        amount: deal.amount,
        amountText: money(ctx, deal.amount),
        severityRule: `high when days ≥ 2× threshold or amount ≥ ${money(ctx, LARGE_DEAL_AMOUNT)}; medium when days ≥ 1.5× threshold`,
      },
    });
  }
  return out;
}
