/**
 * The one-line sentence a person approves: real labels and current values from the local cache
 * ("Deal 4001 Forace Group: stage Discovery → Decision maker bought in; close date Tue, 1 Dec 2026 → Tue, 15 Dec 2026").
 */
import type { Company, Deal, Owner, Pipeline } from '../crm/index.js';
import { formatDateTime, formatDay, formatMoney } from '../format/index.js';
import { calendarDay, dayString } from '../time/index.js';
import type { CrmChange } from './change.js';

export interface PreviewLookup {
  deal(id: string): Deal | null;
  company(id: string): Company | null;
  owners: ReadonlyArray<Owner>;
  pipelines: ReadonlyArray<Pipeline>;
  timezone: string;
  currency: string;
}

const NONE = '(none)';

function oneLine(s: string, max = 80): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function quote(s: string, max?: number): string {
  return `"${oneLine(s, max)}"`;
}

/**
 * A date property as people read it, with its year (an approval should leave no doubt): "Tue, 15 Dec 2026". HubSpot
 * stores dates at 00:00 UTC of the day, so an instant is read as the calendar day it stands for.
 */
function dateValue(value: string, timeZone: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? Date.parse(`${value}T00:00:00Z`)
    : /^\d+$/.test(value)
      ? Number(value)
      : Date.parse(value);
  if (Number.isNaN(ms)) return quote(value, 40);
  return formatDay(`${dayString(calendarDay(ms, timeZone))}T12:00:00Z`, 'UTC');
}

function stageLabel(l: PreviewLookup, stageId: string, pipelineId: string | null): string {
  const pipelines = pipelineId ? l.pipelines.filter((p) => p.id === pipelineId) : [];
  for (const p of [...pipelines, ...l.pipelines]) {
    const s = p.stages.find((x) => x.id === stageId);
    if (s) return s.label;
  }
  return stageId;
}

function ownerName(l: PreviewLookup, id: string): string {
  return l.owners.find((o) => o.id === id)?.name ?? `owner ${id}`;
}

const LABELS: Record<string, string> = {
  dealstage: 'stage',
  closedate: 'close date',
  amount: 'amount',
  hubspot_owner_id: 'owner',
  dealname: 'name',
  pipeline: 'pipeline',
  hs_next_step: 'next step',
  closed_lost_reason: 'lost reason',
  closed_won_reason: 'won reason',
  description: 'description',
  dealtype: 'deal type',
  hs_priority: 'priority',
};

/** A property value for people; null/'' read as (none). */
function show(l: PreviewLookup, prop: string, value: string | null | undefined, pipelineId: string | null): string {
  if (value === null || value === undefined || value === '') return NONE;
  switch (prop) {
    case 'dealstage':
      return stageLabel(l, value, pipelineId);
    case 'closedate':
      return dateValue(value, l.timezone);
    case 'amount':
      return Number.isFinite(Number(value)) ? formatMoney(Number(value), l.currency) : quote(value, 40);
    case 'hubspot_owner_id':
      return ownerName(l, value);
    case 'pipeline':
      return l.pipelines.find((p) => p.id === value)?.label ?? value;
    default:
      return quote(value, 60);
  }
}

function dealName(l: PreviewLookup, id: string): string {
  const d = l.deal(id);
  return d ? `Deal ${id} ${oneLine(d.name, 60)}` : `Deal ${id} (not in the local cache)`;
}

export function buildPreview(change: CrmChange, l: PreviewLookup): string {
  switch (change.op) {
    case 'update_deal': {
      const deal = l.deal(change.dealId);
      const pipelineId = change.properties['pipeline'] ?? deal?.pipelineId ?? null;
      const parts = Object.entries(change.properties)
        .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
        .map(([prop, next]) => {
          const label = LABELS[prop] ?? prop;
          const to = next === '' ? '(cleared)' : show(l, prop, next, pipelineId);
          if (!deal) return `${label} → ${to}`;
          const before = show(l, prop, deal.properties[prop] ?? null, deal.pipelineId);
          return before === to ? `${label} ${to} (unchanged)` : `${label} ${before} → ${to}`;
        });
      return `${dealName(l, change.dealId)}: ${parts.join('; ')}`;
    }
    case 'create_deal': {
      const p = change.properties;
      const company = change.companyId ? l.company(change.companyId) : null;
      const forWhom = change.companyId
        ? ` for ${company?.name ? `${oneLine(company.name, 60)} (company ${change.companyId})` : `company ${change.companyId}`}`
        : '';
      const contacts = change.contactIds?.length
        ? ` with ${change.contactIds.length} contact${change.contactIds.length > 1 ? 's' : ''}`
        : '';
      const pipelineId = p['pipeline'] ?? l.pipelines[0]?.id ?? null;
      const fields = Object.entries(p)
        .filter(([k]) => k !== 'dealname')
        .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
        .map(([k, v]) => `${LABELS[k] ?? k} ${show(l, k, v, pipelineId)}`);
      return `New deal ${p['dealname'] ? quote(p['dealname'], 60) : '(no name)'}${forWhom}${contacts}${fields.length ? `: ${fields.join(', ')}` : ''}`;
    }
    case 'add_note':
      return `Note on ${lower(dealName(l, change.dealId))}: ${quote(change.body)}`;
    case 'create_task':
      return `Task on ${lower(dealName(l, change.dealId))}, due ${formatDay(change.dueAt, l.timezone)}: ${quote(change.subject)}`;
    case 'log_call':
      return `Call on ${lower(dealName(l, change.dealId))} at ${formatDateTime(change.at, l.timezone)}: ${quote(change.body)}`;
    case 'log_meeting':
      return `Meeting ${quote(change.title, 60)} on ${lower(dealName(l, change.dealId))} at ${formatDateTime(change.at, l.timezone)}${change.body ? `: ${quote(change.body)}` : ''}`;
  }
}

const ORDER = ['dealstage', 'amount', 'closedate', 'hubspot_owner_id', 'pipeline'];
function order(prop: string): number {
  const i = ORDER.indexOf(prop);
  return i < 0 ? ORDER.length : i;
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
