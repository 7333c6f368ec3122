/** HubSpot record shapes → domain objects. Shared by the HubSpot adapter and the dataset fake. */
import { isPlausibleAmount, isStrictIso } from '../format/index.js';
import type { Company, Contact, Deal, Engagement, EngagementKind, HistoryEntry, Owner, Pipeline } from './model.js';

export interface RawRecord {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: string | Date | undefined;
  updatedAt?: string | Date | undefined;
  archived?: boolean | undefined;
}

export type RawHistory = Record<
  string,
  ReadonlyArray<{ value?: string | null; timestamp: string | Date; sourceType?: string | null | undefined }>
>;

export interface Links {
  deals?: ReadonlyArray<string>;
  contacts?: ReadonlyArray<string>;
  companies?: ReadonlyArray<string>;
}

export function toIso(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  // Epoch milliseconds (older exports) or a strict ISO date/date-time; "banana", "5" or 2026-02-30 are not dates.
  const n = /^\d{10,13}$/.test(v) ? Number(v) : isStrictIso(v) ? Date.parse(v.replace(' ', 'T')) : NaN;
  return Number.isNaN(n) ? null : new Date(n).toISOString();
}

function str(v: string | null | undefined): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

function num(v: string | null | undefined): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A deal amount read from the CRM: not a number, negative or absurd (> 10^13) reads as missing, so the
 * missing-amount check reports the deal instead of every report printing the raw value. */
function amountOf(v: string | null | undefined): number | null {
  const n = num(v);
  return n !== null && isPlausibleAmount(n) ? n : null;
}

function props(r: RawRecord): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(r.properties)) out[k] = v ?? null;
  return out;
}

function baseOf(r: RawRecord) {
  const created =
    toIso(r.createdAt) ??
    toIso(r.properties['createdate']) ??
    toIso(r.properties['hs_createdate']) ??
    new Date(0).toISOString();
  return {
    id: String(r.id),
    createdAt: created,
    updatedAt: toIso(r.updatedAt) ?? toIso(r.properties['hs_lastmodifieddate']) ?? created,
    archived: r.archived ?? false,
    properties: props(r),
  };
}

/** Oldest first, whatever order the source used. */
export function history(raw: RawHistory | undefined, property: string): HistoryEntry[] {
  const list = raw?.[property] ?? [];
  return list
    .map((h) => ({ value: h.value ?? null, timestamp: toIso(h.timestamp) ?? '', sourceType: h.sourceType ?? null }))
    .filter((h) => h.timestamp !== '')
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

export function toOwner(o: {
  id: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  userId?: number | undefined;
  archived?: boolean | undefined;
  teams?: ReadonlyArray<{ name: string }> | undefined;
}): Owner {
  const first = str(o.firstName);
  const last = str(o.lastName);
  const email = str(o.email);
  const full = [first, last].filter(Boolean).join(' ');
  return {
    id: String(o.id),
    email,
    firstName: first,
    lastName: last,
    name: full || email || `Owner ${o.id}`,
    userId: o.userId ?? null,
    archived: o.archived ?? false,
    teams: (o.teams ?? []).map((t) => t.name),
  };
}

export function toPipeline(p: {
  id: string;
  label: string;
  displayOrder: number;
  stages: ReadonlyArray<{
    id: string;
    label: string;
    displayOrder: number;
    metadata: Record<string, string | undefined>;
  }>;
}): Pipeline {
  const stages = [...p.stages]
    .sort((a, b) => a.displayOrder - b.displayOrder)
    .map((s) => {
      const probability = Number(s.metadata['probability'] ?? 0);
      const isClosed = s.metadata['isClosed'] === 'true';
      return {
        id: s.id,
        label: s.label,
        pipelineId: p.id,
        displayOrder: s.displayOrder,
        probability,
        isClosed,
        isWon: isClosed && probability >= 1,
      };
    });
  return { id: p.id, label: p.label, displayOrder: p.displayOrder, stages };
}

export function toCompany(r: RawRecord): Company {
  return { ...baseOf(r), name: str(r.properties['name']), domain: str(r.properties['domain'])?.toLowerCase() ?? null };
}

export function toContact(r: RawRecord, links: Links, hist?: RawHistory): Contact {
  return {
    ...baseOf(r),
    email: str(r.properties['email'])?.trim() ?? null,
    firstName: str(r.properties['firstname']),
    lastName: str(r.properties['lastname']),
    lifecycleStage: str(r.properties['lifecyclestage']),
    source: str(r.properties['hs_analytics_source']),
    companyIds: uniq(links.companies),
    lifecycleHistory: history(hist, 'lifecyclestage'),
  };
}

export function toDeal(r: RawRecord, links: Links, hist: RawHistory | undefined, defaultPipeline: string): Deal {
  return {
    ...baseOf(r),
    name: str(r.properties['dealname']) ?? `Deal ${r.id}`,
    amount: amountOf(r.properties['amount']),
    pipelineId: str(r.properties['pipeline']) ?? defaultPipeline,
    stageId: str(r.properties['dealstage']) ?? '',
    closeDate: toIso(r.properties['closedate']),
    ownerId: str(r.properties['hubspot_owner_id']),
    stageHistory: history(hist, 'dealstage'),
    closeDateHistory: history(hist, 'closedate'),
    amountHistory: history(hist, 'amount'),
    nameHistory: history(hist, 'dealname'),
    contactIds: uniq(links.contacts),
    companyIds: uniq(links.companies),
  };
}

const SUBJECT: Record<EngagementKind, string | null> = {
  call: 'hs_call_title',
  email: 'hs_email_subject',
  meeting: 'hs_meeting_title',
  note: null,
  task: 'hs_task_subject',
};
const BODY: Record<EngagementKind, string[]> = {
  call: ['hs_call_body'],
  email: ['hs_email_text', 'hs_email_html'],
  meeting: ['hs_meeting_body', 'hs_internal_meeting_notes'],
  note: ['hs_note_body'],
  task: ['hs_task_body'],
};
const STATUS: Record<EngagementKind, string> = {
  call: 'hs_call_status',
  email: 'hs_email_status',
  meeting: 'hs_meeting_outcome',
  note: '',
  task: 'hs_task_status',
};
const DIRECTION: Partial<Record<EngagementKind, string>> = { call: 'hs_call_direction', email: 'hs_email_direction' };

/** Text properties already carried by `subject`/`body`: not kept twice (they dominate a portal's size). */
const BODY_PROPERTIES = new Set([
  'hs_note_body',
  'hs_call_body',
  'hs_email_text',
  'hs_email_html',
  'hs_meeting_body',
  'hs_internal_meeting_notes',
  'hs_task_body',
]);

export function toEngagement(kind: EngagementKind, r: RawRecord, links: Links): Engagement {
  const b = baseOf(r);
  for (const k of BODY_PROPERTIES) delete b.properties[k];
  const p = r.properties;
  const subjectKey = SUBJECT[kind];
  const bodyRaw = BODY[kind].map((k) => str(p[k])).find((v) => v !== null) ?? null;
  const directionKey = DIRECTION[kind];
  return {
    ...b,
    kind,
    timestamp: toIso(p['hs_timestamp']) ?? toIso(p['hs_meeting_start_time']) ?? b.createdAt,
    ownerId: str(p['hubspot_owner_id']),
    subject: subjectKey ? str(p[subjectKey]) : null,
    body: bodyRaw === null ? null : stripHtml(bodyRaw),
    direction: directionKey ? str(p[directionKey]) : null,
    status: STATUS[kind] ? str(p[STATUS[kind]]) : null,
    dealIds: uniq(links.deals),
    contactIds: uniq(links.contacts),
    companyIds: uniq(links.companies),
  };
}

export function stripHtml(s: string): string {
  if (!/[<&]/.test(s)) return s;
  return s
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function uniq(ids: ReadonlyArray<string> | undefined): string[] {
  return [...new Set((ids ?? []).map(String))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}
