/**
 * HC-7 missing_required_field: an open deal lacking a property the team requires. `requiredFields.always` applies to
 * every open deal; `requiredFields.fields` from the first stage whose probability is at least `fromProbability`;
 * `requiredFields.byStage[stage]`, when present, replaces `fields` for that stage. One finding per deal, listing
 * every missing property.
 */
import type { Deal, HistoryEntry } from '../../crm/index.js';
import { derive } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { iso, openDeals, prop, stageInfo, stageLabel } from './common.js';

/** Properties the Deal model carries as typed fields (HubSpot name → value on the deal). */
function valueOf(deal: Deal, property: string): string | number | null {
  switch (property) {
    case 'hubspot_owner_id':
      return deal.ownerId;
    case 'amount':
      return deal.amount;
    case 'closedate':
      return deal.closeDate;
    case 'dealstage':
      return deal.stageId || null;
    default:
      return prop(deal.properties, property);
  }
}

function historyOf(deal: Deal, property: string): HistoryEntry[] | null {
  if (property === 'amount') return deal.amountHistory;
  if (property === 'closedate') return deal.closeDateHistory;
  if (property === 'dealstage') return deal.stageHistory;
  return null;
}

/** What the history says about a missing value: cleared (when, and what it was) or never set. */
function howMissing(deal: Deal, property: string): Record<string, unknown> {
  const h = historyOf(deal, property);
  if (!h || h.length === 0) return { field: property, history: h ? 'never set' : 'no history available' };
  let lastValue: HistoryEntry | undefined;
  for (const e of h) if (e.value !== null && e.value.trim() !== '') lastValue = e;
  if (!lastValue) return { field: property, history: 'never set' };
  const cleared = h.find((e) => e.timestamp > lastValue.timestamp && (e.value === null || e.value.trim() === ''));
  return {
    field: property,
    history: 'cleared',
    previousValue: lastValue.value,
    clearedAt: cleared ? iso(Date.parse(cleared.timestamp)) : null,
  };
}

export function requiredFor(ctx: AnalysisContext, deal: Deal, probability: number | undefined): string[] {
  const r = ctx.config.requiredFields;
  const staged =
    r.byStage[deal.stageId] ?? (probability !== undefined && probability >= r.fromProbability ? r.fields : []);
  return [...new Set([...r.always, ...staged])];
}

export function missingRequiredField(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const r = ctx.config.requiredFields;
  const out: Finding[] = [];
  for (const deal of openDeals(d)) {
    const info = stageInfo(d, deal);
    const required = requiredFor(ctx, deal, info?.probability);
    const missing = required.filter((p) => {
      const v = valueOf(deal, p);
      return v === null || (typeof v === 'string' && v.trim() === '');
    });
    if (missing.length === 0) continue;
    const stage = stageLabel(d, deal);
    let severity: Severity = 'low';
    if (missing.includes('hubspot_owner_id') || missing.includes('amount')) severity = 'high';
    else if (missing.includes('closedate') || missing.length >= 2) severity = 'medium';
    const why = r.byStage[deal.stageId]
      ? `requiredFields.byStage[${deal.stageId}]`
      : `requiredFields.always${info && info.probability >= r.fromProbability ? ` + requiredFields.fields (stage probability ${info.probability} ≥ ${r.fromProbability})` : ''}`;
    out.push({
      check: 'missing_required_field',
      objectType: 'deal',
      objectId: deal.id,
      ownerId: deal.ownerId,
      severity,
      summary: `Missing ${missing.map(fieldLabel).join(', ')} in ${stage}`,
      evidence: {
        rule: 'open deal must have every required property set',
        requiredBy: why,
        required,
        missingFields: missing,
        missing: missing.map((p) => howMissing(deal, p)),
        stageId: deal.stageId,
        stage,
        stageProbability: info?.probability ?? null,
        fromProbability: r.fromProbability,
      },
    });
  }
  return out;
}

/** HubSpot deal properties as people name them: "close date", not closedate. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  amount: 'amount',
  closedate: 'close date',
  hubspot_owner_id: 'owner',
  dealname: 'deal name',
  dealstage: 'stage',
  pipeline: 'pipeline',
  dealtype: 'deal type',
  description: 'description',
  hs_next_step: 'next step',
  hs_forecast_category: 'forecast category',
  hs_priority: 'priority',
};

function fieldLabel(property: string): string {
  return FIELD_LABELS[property] ?? property.replace(/^hs_/, '').replace(/_/g, ' ');
}
