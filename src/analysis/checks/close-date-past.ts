/**
 * close_date_past: an open deal whose close date is a calendar day before today (asOf, in the team's time zone).
 * A close date of today is not overdue.
 */
import { derive } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { LARGE_DEAL_AMOUNT, calendarDay, dayString, humanDay, money, openDeals, plural, stageLabel } from './common.js';

export function closeDatePast(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const today = calendarDay(d.asOfMs, ctx.timezone);
  const out: Finding[] = [];
  for (const deal of openDeals(d)) {
    if (!deal.closeDate) continue;
    const closeMs = Date.parse(deal.closeDate);
    if (Number.isNaN(closeMs)) continue;
    const day = calendarDay(closeMs, ctx.timezone);
    const overdue = today - day;
    if (overdue <= 0) continue;
    let severity: Severity = 'low';
    if (overdue > 30 || (deal.amount ?? 0) >= LARGE_DEAL_AMOUNT) severity = 'high';
    else if (overdue > 7) severity = 'medium';
    const pushes = deal.closeDateHistory.filter((h) => h.value).length - 1;
    out.push({
      check: 'close_date_past',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `Close date ${humanDay(day, today)} passed ${plural(overdue, 'day')} ago; deal still open in ${stageLabel(d, deal)}`,
      evidence: {
        rule: 'open deal whose close date is before today',
        closedate: deal.closeDate,
        closeDay: dayString(day),
        today: dayString(today),
        daysOverdue: overdue,
        stageId: deal.stageId,
        stage: stageLabel(d, deal),
        amount: deal.amount,
        amountText: money(ctx, deal.amount),
        closeDateChanges: Math.max(0, pushes),
      },
    });
  }
  return out;
}
