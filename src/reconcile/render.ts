/** Text for people: a reconciliation, its proposed changes, and what applying did. */
import { formatDateTime, formatMoney, renderTable } from '../format/index.js';
import type { CrmChange } from '../writes/index.js';
import type { AppliedChange } from './apply.js';
import type { ReconcileResult } from './schema.js';

export interface RenderContext {
  ownerName: string;
  currency: string;
  timezone: string;
  /** Stage id → label. */
  stageLabel: (stageId: string) => string;
}

/** One line per change: what would be written where. */
export function describeChange(c: CrmChange, r: RenderContext): string {
  switch (c.op) {
    case 'update_deal':
      return `update deal ${c.dealId}: ${Object.entries(c.properties)
        .map(([k, v]) =>
          k === 'dealstage'
            ? `stage → ${r.stageLabel(v)}`
            : k === 'amount'
              ? `amount → ${formatMoney(Number(v), r.currency)}`
              : k === 'closedate'
                ? `close date → ${v}`
                : `${k} → "${v.length > 60 ? `${v.slice(0, 59)}…` : v}"`,
        )
        .join(', ')}`;
    case 'create_deal':
      return `create deal "${c.properties['dealname'] ?? ''}"${c.properties['dealstage'] ? ` in ${r.stageLabel(c.properties['dealstage'])}` : ''}${c.properties['amount'] ? `, ${formatMoney(Number(c.properties['amount']), r.currency)}` : ''}${c.companyId ? ` on company ${c.companyId}` : ''}`;
    case 'add_note':
      return `add a note on deal ${c.dealId}`;
    case 'create_task':
      return `create task "${c.subject}" on deal ${c.dealId}, due ${c.dueAt.slice(0, 10)}`;
    case 'log_call':
      return `log a call on deal ${c.dealId} at ${c.at.slice(0, 10)}`;
    case 'log_meeting':
      return `log a meeting "${c.title}" on deal ${c.dealId} at ${c.at.slice(0, 10)}`;
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function renderReconciliation(result: ReconcileResult, r: RenderContext): string {
  const out: string[] = [];
  out.push(
    `Reconciling ${r.ownerName}'s update: ${result.mentions.length} mentions, ${result.discrepancies.length} discrepancies (as of ${formatDateTime(result.asOf, r.timezone)}, ${result.extractor ?? 'offline'} extractor)`,
  );
  out.push('');
  out.push(
    renderTable(
      ['', 'Mention', 'CRM deal', 'Confidence'],
      result.mentions.map((m) => [
        m.dealId ? '✓' : '✗',
        (m.name ?? m.text).slice(0, 40),
        m.dealId
          ? `${(m.matchedName ?? '').slice(0, 44)} (${m.dealId})`
          : m.companyId
            ? `no open deal (company ${m.companyId})`
            : 'not in the CRM',
        m.confidence.toFixed(2),
      ]),
    ),
  );
  if (result.discrepancies.length) {
    out.push('');
    out.push('Discrepancies');
    result.discrepancies.forEach((d, i) => {
      out.push(
        `${String(i + 1).padStart(2)}. ${d.type.padEnd(20)} ${d.dealId ? `deal ${d.dealId}` : 'no deal'} · ${d.summary ?? d.mention}`,
      );
      if (d.quote) out.push(`      “${d.quote}”`);
      for (const c of d.proposedUpdates) out.push(`      → ${describeChange(c, r)}`);
    });
  } else {
    out.push('');
    out.push('The CRM agrees with everything the update says.');
  }
  if (result.candidates?.length) {
    out.push('');
    out.push(`To check (less sure than ${result.minConfidence ?? 0.6}; nothing is proposed for these)`);
    result.candidates.forEach((d) => {
      out.push(
        `   check ${d.type.padEnd(20)} ${d.dealId ? `deal ${d.dealId}` : 'no deal'} · ${d.summary ?? d.mention}${d.confidence !== undefined ? ` (confidence ${d.confidence.toFixed(2)})` : ''}`,
      );
      if (d.quote) out.push(`      “${d.quote}”`);
    });
  }
  const c = result.coverage;
  out.push('');
  out.push(
    `Coverage: ${c.mentionsMatched}/${c.mentionsTotal} mentions matched a deal; the CRM explains ${pct(c.crmExplainedShare)} of the update's claims${c.afterApplyShare !== undefined ? ` (${pct(c.afterApplyShare)} once the proposed changes are applied)` : ''}.`,
  );
  for (const w of result.warnings ?? []) out.push(`Note: ${w}`);
  return out.join('\n');
}

export function renderApplied(applied: AppliedChange[], r: RenderContext): string {
  if (applied.length === 0) return 'Nothing to apply.';
  const label: Record<AppliedChange['status'], string> = {
    applied: 'applied',
    declined: 'declined',
    needs_consent: "not applied: a stage change needs a person's yes (run on a terminal, or add --yes-stages)",
    failed: 'failed',
    already_applied: 'already applied earlier',
  };
  const lines = applied.map(
    (a) =>
      `  ${a.status === 'applied' ? '✓' : a.status === 'failed' ? '✗' : '·'} ${describeChange(a.change, r)} — ${label[a.status]}${a.writeId ? ` (${a.writeId})` : ''}${a.error ? `: ${a.error}` : ''}`,
  );
  const n = applied.filter((a) => a.status === 'applied').length;
  return [`Applied ${n} of ${applied.length} changes through the audited write path (mis writes list):`, ...lines].join(
    '\n',
  );
}
