/**
 * Records every deal-level plant in `generator.planted`, with details read back from the finished deal (so the
 * details describe what is really in the data).
 */
import type { DealStats } from './activity.js';
import type { EngagementDraft, World } from './model.js';
import { OPEN_STAGES } from './pipeline.js';
import type { JsonValue, PlantLog } from './plants.js';
import type { SmartleadResult } from './smartlead.js';
import { DAY, iso } from './time.js';

export function lastSmartleadMessage(world: World, dealIdx: number, lastByContact: Map<number, number>): number {
  let last = -Infinity;
  for (const c of world.deals[dealIdx]!.contacts) last = Math.max(last, lastByContact.get(c) ?? -Infinity);
  return last;
}

export function logDealPlants(
  world: World,
  stats: DealStats[],
  smartlead: SmartleadResult,
  evidence: Map<number, EngagementDraft>,
  plants: PlantLog,
): void {
  const { asOf } = world.cfg;
  for (const deal of world.deals) {
    if (!deal.plant) continue;
    const s = stats[deal.idx]!;
    const common = {
      kind: deal.plant,
      objectType: 'deal' as const,
      objectId: deal.id,
      ownerId: world.owners[deal.ownerIdx]!.id,
      stage: deal.stages[deal.stages.length - 1]!.value,
    };
    const path = (deal.variant ?? '').split('>');
    const firstJump = (test: (a: number, b: number) => boolean) => {
      for (let i = 1; i < path.length; i++) {
        const a = OPEN_STAGES.indexOf(path[i - 1] as (typeof OPEN_STAGES)[number]);
        const b = OPEN_STAGES.indexOf(path[i] as (typeof OPEN_STAGES)[number]);
        if (test(a, b)) return { from: path[i - 1]!, to: path[i]!, skipped: OPEN_STAGES.slice(a + 1, b) as string[] };
      }
      return { from: '', to: '', skipped: [] as string[] };
    };
    const late: Record<string, () => JsonValue> = {};
    let details: Record<string, JsonValue> = {};
    switch (deal.plant) {
      case 'stale_deal': {
        const sl = lastSmartleadMessage(world, deal.idx, smartlead.lastMessageByContact);
        const last = Math.max(s.lastActivity, sl);
        details = {
          lastActivity: iso(last),
          daysSinceActivity: Math.floor((asOf - last) / DAY),
          lastHubspotActivity: Number.isFinite(s.lastActivity) ? iso(s.lastActivity) : null,
          lastSmartleadMessage: Number.isFinite(sl) ? iso(sl) : null,
        };
        break;
      }
      case 'missing_notes':
        details = { notes: s.notes };
        break;
      case 'missing_required_field': {
        const field = deal.variant!.startsWith('amount') ? 'amount' : 'closedate';
        details = { field, variant: deal.variant!, value: field === 'amount' ? deal.amount : deal.closeDate };
        break;
      }
      case 'close_date_past':
        details = { closedate: deal.closeDate, daysPast: Math.floor((asOf - Date.parse(deal.closeDate!)) / DAY) };
        break;
      case 'stage_skipped': {
        const jump = firstJump((a, b) => b > a + 1);
        details = { path, from: jump.from, to: jump.to, skipped: jump.skipped };
        break;
      }
      case 'stage_regression': {
        const jump = firstJump((a, b) => b < a);
        details = { path, from: jump.from, to: jump.to };
        break;
      }
      case 'close_date_pushed':
        details = { pushes: deal.closeDates.length - 1, values: deal.closeDates.map((p) => p.value) };
        break;
      case 'amount_decreased':
        details = { from: Number(deal.amounts[0]!.value), to: Number(deal.amount) };
        break;
      case 'stage_mismatch': {
        const found = evidence.get(deal.idx);
        const sl = smartlead.evidence.get(deal.idx);
        if (found) {
          details = {
            via: deal.variant!,
            evidenceType: found.type,
            at: iso(found.at),
            text: found.props['hs_email_text'] ?? found.props['hs_meeting_body'] ?? '',
          };
          late['evidenceId'] = () => found.id;
        } else if (sl) {
          details = {
            via: deal.variant!,
            evidenceType: 'smartlead_reply',
            campaignId: sl.campaignId,
            leadId: sl.leadId,
            at: sl.at,
            text: sl.text,
          };
        }
        break;
      }
      case 'competitor_mentioned': {
        const note = evidence.get(deal.idx);
        details = { competitor: deal.variant!, text: note?.props['hs_note_body'] ?? '' };
        if (note) late['noteId'] = () => note.id;
        break;
      }
      case 'single_threaded':
        details = { amount: Number(deal.amount), contactId: world.contacts[deal.contacts[0]!]!.id };
        break;
      case 'no_next_activity': {
        const last = Math.max(s.lastActivity, lastSmartleadMessage(world, deal.idx, smartlead.lastMessageByContact));
        details = { lastActivity: Number.isFinite(last) ? iso(last) : null };
        break;
      }
    }
    plants.add({ ...common, ...details }, late);
  }
}
