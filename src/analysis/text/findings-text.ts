/** The daily check for people: per AE, what to fix, most money first; what is new since the last run marked. */
import type { CheckName, Finding } from '../index.js';
import { formatDateTime, formatMoney, renderTable, terminalWidth, wrapText } from '../../format/index.js';

export interface FindingsView {
  asOf: string;
  timezone: string;
  currency: string;
  findings: Finding[];
  /** Fingerprints of findings that were not in the previous run (all new when there was none). */
  isNew: (f: Finding) => boolean;
  ownerName: (id: string | null) => string;
  dealAmount: (dealId: string) => number | null;
  /** The record's name (deal, contact or company); the id then follows as a reference. */
  recordName?: (f: Finding) => string | null;
  previousRunAsOf: string | null;
  /** Rows shown per owner before the rest is summarised (all with Infinity). */
  maxRowsPerOwner?: number;
  /** How to see everything for one owner, e.g. "mis check --owner Asha". */
  moreHint?: (ownerId: string | null) => string;
}

/** How each check is named for people (tables, digests, workflow output). */
export const CHECK_LABELS: Readonly<Record<CheckName, string>> = {
  stage_mismatch: 'Stage contradicts activity',
  stale_deal: 'Stale deal',
  missing_notes: 'No notes from mid-pipeline on',
  smartlead_unsynced: 'SmartLead not in HubSpot',
  duplicate_contact: 'Duplicate contact',
  duplicate_company: 'Duplicate company',
  missing_required_field: 'Missing required field',
  close_date_past: 'Close date in the past',
  stage_skipped: 'Stage skipped',
};
const LABEL: Readonly<Record<string, string>> = CHECK_LABELS;

export function renderFindings(v: FindingsView): string {
  const out: string[] = [];
  const newCount = v.findings.filter(v.isNew).length;
  out.push(`Daily CRM check · as of ${formatDateTime(v.asOf, v.timezone)}`);
  out.push(
    `${v.findings.length} findings${v.previousRunAsOf ? `, ${newCount} new since the run as of ${formatDateTime(v.previousRunAsOf, v.timezone)}` : ''}.`,
  );
  const byOwner = new Map<string | null, Finding[]>();
  for (const f of v.findings) byOwner.set(f.ownerId, [...(byOwner.get(f.ownerId) ?? []), f]);
  const owners = [...byOwner.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : v.ownerName(a).localeCompare(v.ownerName(b)),
  );
  for (const owner of owners) {
    const list = byOwner.get(owner)!;
    const amount = (f: Finding) => (f.objectType === 'deal' && f.objectId ? (v.dealAmount(f.objectId) ?? 0) : 0);
    list.sort((a, b) => sev(b) - sev(a) || amount(b) - amount(a));
    const high = list.filter((f) => f.severity === 'high').length;
    const counts = new Map<string, number>();
    for (const f of list) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
    out.push('');
    out.push(
      ...wrapToTerminal(
        `${v.ownerName(owner)} — ${list.length} findings (${high} high): ${[...counts].map(([c, n]) => `${n} ${lowerFirst(LABEL[c] ?? c)}`).join(', ')}`,
      ),
    );
    const max = v.maxRowsPerOwner ?? Infinity;
    const shown = list.slice(0, max);
    const rest = list.slice(shown.length);
    out.push(
      renderTable(
        ['', 'Severity', 'Check', 'Record', 'Amount', 'What'],
        shown.map((f) => [
          v.isNew(f) ? 'new' : '',
          f.severity,
          LABEL[f.check] ?? f.check,
          recordCell(f, v.recordName?.(f) ?? null),
          f.objectType === 'deal' && f.objectId ? formatMoney(v.dealAmount(f.objectId), v.currency) : '',
          f.summary,
        ]),
      ),
    );
    if (rest.length) {
      const restCounts = new Map<string, number>();
      for (const f of rest)
        restCounts.set(LABEL[f.check] ?? f.check, (restCounts.get(LABEL[f.check] ?? f.check) ?? 0) + 1);
      const what = [...restCounts].map(([c, n]) => `${n} ${lowerFirst(c)}`).join(', ');
      out.push(
        ...wrapToTerminal(`… and ${rest.length} more (${what})${v.moreHint ? `: ${v.moreHint(owner)}` : ''}`, '  '),
      );
    }
  }
  if (!v.findings.length) out.push('', 'Nothing to fix: the CRM matches every rule.');
  return out.join('\n');
}

/** "Unnati Beverages - WMS (4000329)"; a lead with no HubSpot contact by its email; else the type and id. */
export function recordCell(f: Pick<Finding, 'objectType' | 'objectId' | 'evidence'>, name: string | null): string {
  if (name && f.objectId) return `${name} (${f.objectId})`;
  if (f.objectId) return `${f.objectType} ${f.objectId}`;
  const email = (f.evidence as { email?: unknown }).email;
  return typeof email === 'string' ? `${email} (no HubSpot contact)` : '—';
}

function sev(f: Finding): number {
  return f.severity === 'high' ? 2 : f.severity === 'medium' ? 1 : 0;
}

/** "Stale deal" → "stale deal", keeping names such as SmartLead and HubSpot as they are written. */
export function lowerFirst(label: string): string {
  return label.replace(/^[A-Z](?=[a-z]*(\s|$))/, (x) => x.toLowerCase());
}

/** A line of prose wrapped to the terminal's width (unwrapped when there is none), every line indented alike. */
export function wrapToTerminal(text: string, indent = ''): string[] {
  const w = terminalWidth();
  return w ? wrapText(text, Math.max(20, w - indent.length)).map((l) => indent + l) : [indent + text];
}
