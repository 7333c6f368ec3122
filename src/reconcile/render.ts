/**
 * Text for people: a reconciliation, its proposed changes, and what applying did. Deals by name (the id as a
 * trailing reference), human dates, the kind of difference in words; every paragraph wraps at the terminal's width
 * without cutting a word.
 */
import { formatDateTime, formatMoney, humanDay, renderTable, terminalWidth, wrapText } from '../format/index.js';
import type { CrmChange } from '../writes/index.js';
import type { AppliedChange } from './apply.js';
import type { Discrepancy, ReconcileResult } from './schema.js';

export interface RenderContext {
  ownerName: string;
  currency: string;
  timezone: string;
  /** Stage id → label. */
  stageLabel: (stageId: string) => string;
  /** Deal id → its name (the id itself when unknown). */
  dealName?: (dealId: string) => string;
  /** Company id → its name. */
  companyName?: (companyId: string) => string;
  /** Width to wrap at (default: the terminal's). */
  width?: number;
}

/** The kind of difference, as a person says it. */
const KIND: Record<Discrepancy['type'], string> = {
  stage_mismatch: 'Stage differs',
  lost_not_closed: 'Lost, still open',
  missing_deal: 'Not in HubSpot',
  amount_mismatch: 'Amount differs',
  close_date_mismatch: 'Close date differs',
  unlogged_activity: 'Not logged',
  stale_deal: 'Stale in HubSpot',
};

const dealRef = (id: string, r: RenderContext) => {
  const name = r.dealName?.(id);
  return name && name !== id ? `${name} (${id})` : `deal ${id}`;
};
const day = (iso: string, r: RenderContext) => humanDay(iso.slice(0, 10), r.timezone);

/** One line per change: what would be written where (`withDeal: false` when the deal is named just above). */
export function describeChange(c: CrmChange, r: RenderContext, opts: { withDeal?: boolean } = {}): string {
  const text = changeText(c, r, opts.withDeal ?? true);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function changeText(c: CrmChange, r: RenderContext, withDeal: boolean): string {
  const on = (id: string) => (withDeal ? ` on ${dealRef(id, r)}` : '');
  switch (c.op) {
    case 'update_deal':
      return `${withDeal ? `on ${dealRef(c.dealId, r)}: ` : ''}${Object.entries(c.properties)
        .map(([k, v]) =>
          k === 'dealstage'
            ? `set the stage to ${r.stageLabel(v)}`
            : k === 'amount'
              ? `set the amount to ${formatMoney(Number(v), r.currency)}`
              : k === 'closedate'
                ? `set the close date to ${day(v, r)}`
                : k === 'closed_lost_reason'
                  ? `record the reason "${v.length > 60 ? `${v.slice(0, 59)}…` : v}"`
                  : `set ${k} to "${v.length > 60 ? `${v.slice(0, 59)}…` : v}"`,
        )
        .join(', ')}`;
    case 'create_deal': {
      const p = c.properties;
      const company = c.companyId ? (r.companyName?.(c.companyId) ?? `company ${c.companyId}`) : null;
      return `create the deal "${p['dealname'] ?? ''}"${p['dealstage'] ? ` in ${r.stageLabel(p['dealstage'])}` : ''}${p['amount'] ? `, ${formatMoney(Number(p['amount']), r.currency)}` : ''}${company ? ` at ${company}` : ''}`;
    }
    case 'add_note':
      return `add a note${on(c.dealId)}`;
    case 'create_task':
      return `create the task "${c.subject}"${on(c.dealId)}, due ${day(c.dueAt, r)}`;
    case 'log_call':
      return `log a call${on(c.dealId)} on ${day(c.at, r)}`;
    case 'log_meeting':
      return `log a meeting "${c.title}"${on(c.dealId)} on ${day(c.at, r)}`;
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A paragraph wrapped to the width, every line after the first indented. */
function para(text: string, indent: string, width: number | undefined): string[] {
  if (!width) return [`${indent}${text}`];
  return wrapText(text, Math.max(20, width - indent.length)).map((l) => `${indent}${l}`);
}

export function renderReconciliation(result: ReconcileResult, r: RenderContext): string {
  const w = r.width ?? terminalWidth();
  const out: string[] = [];
  const n = result.discrepancies.length;
  out.push(
    ...para(
      `Reconciling ${r.ownerName}'s update: ${result.mentions.length} deal${result.mentions.length === 1 ? '' : 's'} mentioned, ${n} difference${n === 1 ? '' : 's'} from HubSpot (as of ${formatDateTime(result.asOf, r.timezone)}; ${result.extractor === 'claude' ? 'read by Claude' : 'read offline'}).`,
      '',
      w,
    ),
  );
  out.push('');
  out.push(
    renderTable(
      ['', 'Mention', 'HubSpot deal', 'Confidence'],
      result.mentions.map((m) => [
        m.dealId ? '✓' : '✗',
        m.name ?? m.text,
        m.dealId
          ? `${m.matchedName ?? r.dealName?.(m.dealId) ?? ''} (${m.dealId})`
          : m.companyId
            ? `no open deal at ${r.companyName?.(m.companyId) ?? `company ${m.companyId}`}`
            : 'not in HubSpot',
        m.confidence.toFixed(2),
      ]),
      '  ',
      { width: w },
    ),
  );
  if (n) {
    out.push('');
    out.push('What differs');
    result.discrepancies.forEach((d, i) => {
      const where = d.dealId ? dealRef(d.dealId, r) : d.mention;
      out.push(...para(`${String(i + 1).padStart(2)}. ${KIND[d.type]} · ${where}`, '', w));
      out.push(...para(d.summary ?? d.mention, '    ', w));
      if (d.quote) out.push(...para(`“${d.quote}”`, '    ', w));
      for (const c of d.proposedUpdates)
        out.push(...para(`→ ${describeChange(c, r, { withDeal: d.dealId === null })}`, '    ', w));
    });
  } else {
    out.push('');
    out.push('HubSpot agrees with everything the update says.');
  }
  if (result.candidates?.length) {
    out.push('');
    out.push(...para(`To check (less sure than ${result.minConfidence ?? 0.6}; nothing is proposed for these)`, '', w));
    result.candidates.forEach((d) => {
      const conf = d.confidence !== undefined ? ` (confidence ${d.confidence.toFixed(2)})` : '';
      out.push(...para(`· ${KIND[d.type]} · ${d.dealId ? dealRef(d.dealId, r) : d.mention}${conf}`, '  ', w));
      out.push(...para(d.summary ?? d.mention, '    ', w));
      if (d.quote) out.push(...para(`“${d.quote}”`, '    ', w));
    });
  }
  const c = result.coverage;
  out.push('');
  out.push(
    ...para(
      `Coverage: ${c.mentionsMatched} of ${c.mentionsTotal} mentions matched a deal; HubSpot explains ${pct(c.crmExplainedShare)} of the update's claims${c.afterApplyShare !== undefined ? ` (${pct(c.afterApplyShare)} once the proposed changes are applied)` : ''}.`,
      '',
      w,
    ),
  );
  for (const warning of result.warnings ?? []) out.push(...para(`Note: ${warning}`, '', w));
  return out.join('\n');
}

export function renderApplied(applied: AppliedChange[], r: RenderContext): string {
  if (applied.length === 0) return 'Nothing to apply.';
  const w = r.width ?? terminalWidth();
  const label: Record<AppliedChange['status'], string> = {
    applied: 'applied',
    declined: 'declined',
    needs_consent: "not applied: a stage change needs a person's yes (run on a terminal, or add --yes-stages)",
    failed: 'failed',
    already_applied: 'already applied earlier',
  };
  const lines = applied.flatMap((a) =>
    para(
      `${a.status === 'applied' ? '✓' : a.status === 'failed' ? '✗' : '·'} ${describeChange(a.change, r)} — ${label[a.status]}${a.writeId ? ` (${a.writeId})` : ''}${a.error ? `: ${a.error}` : ''}`,
      '  ',
      w,
    ),
  );
  const n = applied.filter((a) => a.status === 'applied').length;
  return [`Applied ${n} of ${applied.length} changes through the audited write path (mis writes list):`, ...lines].join(
    '\n',
  );
}

/** The kind of a difference in words ("Stage differs"), for prompts and one-line lists. */
export function differenceKind(type: Discrepancy['type']): string {
  return KIND[type];
}
