/**
 * From a CrmChange to the one CrmWriter call that makes it, with HubSpot's property names. Computed when the
 * write is applied (a note's hs_timestamp is the moment it is logged).
 */
import type { CrmWriter, WritableEngagementKind } from '../crm/index.js';
import type { CrmChange } from './change.js';

export type WritePlan =
  | { kind: 'update_deal'; dealId: string; properties: Record<string, string> }
  | { kind: 'create_deal'; properties: Record<string, string>; companyId?: string; contactIds?: string[] }
  | { kind: 'engagement'; engagement: WritableEngagementKind; properties: Record<string, string>; dealId: string };

export interface PlanContext {
  now: Date;
  /** The deal's owner from the cache: engagements are logged as the AE's, so their activity counts. */
  dealOwnerId: string | null;
}

/** HubSpot stores closedate as a date-time: a bare date means that day (00:00 UTC, as HubSpot's own date pickers send). */
function normaliseDealProperties(p: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...p };
  const close = out['closedate'];
  if (close !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(close)) out['closedate'] = `${close}T00:00:00.000Z`;
  return out;
}

const iso = (s: string) => new Date(s).toISOString();

export function planWrite(change: CrmChange, ctx: PlanContext): WritePlan {
  const owner = ctx.dealOwnerId ? { hubspot_owner_id: ctx.dealOwnerId } : {};
  switch (change.op) {
    case 'update_deal':
      return { kind: 'update_deal', dealId: change.dealId, properties: normaliseDealProperties(change.properties) };
    case 'create_deal':
      return {
        kind: 'create_deal',
        properties: normaliseDealProperties(change.properties),
        ...(change.companyId ? { companyId: change.companyId } : {}),
        ...(change.contactIds?.length ? { contactIds: change.contactIds } : {}),
      };
    case 'add_note':
      return {
        kind: 'engagement',
        engagement: 'note',
        dealId: change.dealId,
        properties: { hs_note_body: change.body, hs_timestamp: ctx.now.toISOString(), ...owner },
      };
    case 'create_task':
      return {
        kind: 'engagement',
        engagement: 'task',
        dealId: change.dealId,
        properties: {
          hs_task_subject: change.subject,
          ...(change.body ? { hs_task_body: change.body } : {}),
          hs_task_status: 'NOT_STARTED',
          hs_task_type: 'TODO',
          hs_timestamp: iso(change.dueAt),
          ...owner,
        },
      };
    case 'log_call':
      return {
        kind: 'engagement',
        engagement: 'call',
        dealId: change.dealId,
        properties: { hs_call_body: change.body, hs_call_status: 'COMPLETED', hs_timestamp: iso(change.at), ...owner },
      };
    case 'log_meeting': {
      const at = iso(change.at);
      return {
        kind: 'engagement',
        engagement: 'meeting',
        dealId: change.dealId,
        properties: {
          hs_meeting_title: change.title,
          ...(change.body ? { hs_meeting_body: change.body } : {}),
          hs_meeting_start_time: at,
          hs_timestamp: at,
          hs_meeting_outcome: Date.parse(at) <= ctx.now.getTime() ? 'COMPLETED' : 'SCHEDULED',
          ...owner,
        },
      };
    }
  }
}

/** The record the write creates or changes, as the audit log names it. */
export function writeTarget(change: CrmChange): { type: string; id: string | null } {
  switch (change.op) {
    case 'update_deal':
    case 'add_note':
    case 'create_task':
    case 'log_call':
    case 'log_meeting':
      return { type: 'deal', id: change.dealId };
    case 'create_deal':
      return { type: 'deal', id: null };
  }
}

/** Send the one request. */
export async function runPlan(crm: CrmWriter, plan: WritePlan): Promise<{ recordType: string; recordId: string }> {
  switch (plan.kind) {
    case 'update_deal':
      return { recordType: 'deal', recordId: (await crm.updateDeal(plan.dealId, plan.properties)).id };
    case 'create_deal': {
      const links = {
        ...(plan.companyId ? { companyId: plan.companyId } : {}),
        ...(plan.contactIds ? { contactIds: plan.contactIds } : {}),
      };
      return { recordType: 'deal', recordId: (await crm.createDeal(plan.properties, links)).id };
    }
    case 'engagement':
      return {
        recordType: plan.engagement,
        recordId: (await crm.createEngagement(plan.engagement, plan.properties, { dealId: plan.dealId })).id,
      };
  }
}
