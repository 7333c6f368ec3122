/**
 * An AE's open items, from the analysis already computed on the session: the hygiene findings on their open deals
 * (runChecks) grouped per deal, priced with the deal's risk (dealRisk). Contact and company findings (duplicates,
 * SmartLead leads with no contact) are not nudged: `mis check` lists them.
 */
import { derive, type AnalysisContext, type Finding } from '../../analysis/index.js';
import type { DealRisk } from '../../analysis/risk/index.js';
import { moneyAtRisk, urgencyOf, type ItemFacts } from '../policy/priority.js';

export function openItems(
  ctx: AnalysisContext,
  ownerId: string,
  findings: ReadonlyArray<Finding>,
  risks: ReadonlyArray<DealRisk>,
): ItemFacts[] {
  const d = derive(ctx);
  const riskByDeal = new Map(risks.map((r) => [r.dealId, r]));
  const byDeal = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.objectType !== 'deal' || f.objectId === null || f.ownerId !== ownerId) continue;
    byDeal.set(f.objectId, [...(byDeal.get(f.objectId) ?? []), f]);
  }
  const out: ItemFacts[] = [];
  for (const [dealId, fs] of byDeal) {
    const risk = riskByDeal.get(dealId);
    const deal = d.deals.get(dealId);
    if (!risk || !deal) continue; // closed deals are not nudged
    const threshold = d.staleThresholdDays(deal);
    const companyName =
      deal.companyIds.map((id) => d.companies.get(id)?.name ?? null).find((n): n is string => Boolean(n)) ?? null;
    const urgency = urgencyOf(risk.score, risk.daysSinceActivity, threshold);
    out.push({
      key: `deal:${dealId}`,
      dealId,
      dealName: deal.name,
      companyName,
      name: companyName ?? deal.name,
      amount: deal.amount,
      stageId: deal.stageId,
      stage: risk.stage,
      probability: risk.probability,
      daysSinceActivity: Math.max(0, risk.daysSinceActivity),
      staleThresholdDays: threshold,
      riskScore: risk.score,
      amountAtRisk: risk.amountAtRisk,
      urgency,
      moneyAtRisk: moneyAtRisk(deal.amount, risk.probability, urgency),
      findings: fs.map((f) => ({ check: f.check, severity: f.severity, summary: f.summary })),
    });
  }
  return out;
}
