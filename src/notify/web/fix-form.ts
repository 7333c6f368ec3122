/**
 * What the quick-log page offers for one deal, and the server's check of what comes back. The fields follow the
 * deal's open findings (a past close date asks for a new one, a missing amount for the amount, a quiet deal for
 * what happened and the next step); the stage list holds only the pipeline's open stages, and closing the deal
 * (won or lost) asks for the reason. The server rebuilds the same form at POST time and refuses any field the
 * form does not offer, any stage not in the list, any date or amount out of range: nothing is written then.
 */
import { runChecks } from '../../analysis/checks/index.js';
import { derive, type AnalysisContext, type Finding } from '../../analysis/index.js';
import { formatMoney, humanDay } from '../../format/index.js';
import { localDate } from '../../time/index.js';
import type { CrmChange } from '../../writes/index.js';

export interface DealView {
  dealId: string;
  label: string;
  stageId: string | null;
  stageLabel: string | null;
  /** The pipeline's open stages, in order. */
  stages: ReadonlyArray<{ id: string; label: string }>;
  wonStageId: string | null;
  lostStageId: string | null;
  amount: number | null;
  closeDate: string | null;
  currency: string;
  timezone: string;
  /** Local day of 'now' (YYYY-MM-DD): close dates from here on. */
  today: string;
  findings: ReadonlyArray<Pick<Finding, 'check' | 'summary' | 'evidence'>>;
}

export type FieldName = 'kind' | 'body' | 'closedate' | 'amount' | 'stage' | 'outcome' | 'reason' | 'next' | 'nextDue';

export interface FixForm {
  /** The problems in words, one line each. */
  problems: string[];
  fields: ReadonlySet<FieldName>;
  closeDate: boolean;
  amount: boolean;
  stage: boolean;
  close: boolean;
}

/** The deal as the page sees it, from an analysis context (the synced cache). */
export function dealView(ctx: AnalysisContext, dealId: string): DealView | null {
  const d = derive(ctx);
  const deal = d.deals.get(dealId);
  if (!deal) return null;
  const pipeline = ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
  const stages = pipeline?.stages ?? [];
  const current = stages.find((s) => s.id === deal.stageId) ?? null;
  const findings = runChecks(ctx).filter((f) => f.objectType === 'deal' && f.objectId === dealId);
  return {
    dealId,
    label: deal.name ?? `Deal ${deal.id}`,
    stageId: deal.stageId || null,
    stageLabel: current?.label ?? null,
    stages: stages.filter((s) => !s.isClosed).map((s) => ({ id: s.id, label: s.label })),
    wonStageId: stages.find((s) => s.isClosed && s.isWon)?.id ?? null,
    lostStageId: stages.find((s) => s.isClosed && !s.isWon)?.id ?? null,
    amount: deal.amount,
    closeDate: deal.closeDate,
    currency: ctx.currency,
    timezone: ctx.timezone,
    today: localDate(Math.max(Date.parse(ctx.asOf), Date.now()), ctx.timezone),
    findings: findings.map((f) => ({ check: f.check, summary: f.summary, evidence: f.evidence })),
  };
}

export { humanDay };

const FIELD_WORDS: Record<string, string> = {
  amount: 'amount',
  closedate: 'close date',
  hubspot_owner_id: 'owner',
  dealstage: 'stage',
  dealname: 'name',
};

export function missingFields(v: Pick<DealView, 'findings'>): string[] {
  const f = v.findings.find((x) => x.check === 'missing_required_field');
  const m = f?.evidence?.['missingFields'];
  return Array.isArray(m) ? m.filter((x): x is string => typeof x === 'string') : [];
}

/** One finding in plain words (no property names, no ISO timestamps). */
export function problemWords(v: DealView, f: DealView['findings'][number]): string {
  const ev = f.evidence ?? {};
  switch (f.check) {
    case 'close_date_past':
      return v.closeDate
        ? `The close date, ${humanDay(v.closeDate, v.timezone, v.today)}, has passed and the deal is still open.`
        : 'The close date has passed and the deal is still open.';
    case 'missing_required_field': {
      const words = missingFields(v).map((p) => FIELD_WORDS[p] ?? 'a required field');
      return `HubSpot has no ${[...new Set(words)].join(' or ')} for this deal yet.`;
    }
    case 'stale_deal': {
      const days = typeof ev['daysSinceActivity'] === 'number' ? ev['daysSinceActivity'] : null;
      return days === null
        ? 'Nothing has been logged on this deal for a while.'
        : `Nothing has been logged on this deal for ${days} days.`;
    }
    case 'missing_notes':
      return `There are no notes on this deal${v.stageLabel ? ` at ${v.stageLabel}` : ''}.`;
    case 'stage_mismatch':
      return `Recent activity says this deal is further along than its stage in HubSpot${v.stageLabel ? `, ${v.stageLabel}` : ''}.`;
    case 'stage_skipped':
      return 'The deal moved past a stage without stopping at it: confirm where it really is.';
    default:
      return 'Something on this deal needs an update.';
  }
}

/** The short name of what is still open, for "…; the close date is still missing". */
export function stillOpenWords(v: DealView, f: DealView['findings'][number]): string {
  switch (f.check) {
    case 'close_date_past':
      return 'the close date is still in the past';
    case 'missing_required_field':
      return `the ${[...new Set(missingFields(v).map((p) => FIELD_WORDS[p] ?? 'required field'))].join(' and ')} ${missingFields(v).length > 1 ? 'are' : 'is'} still missing`;
    case 'stale_deal':
      return 'the deal still shows no recent activity';
    case 'missing_notes':
      return 'the deal still has no note';
    case 'stage_mismatch':
      return 'the stage still looks behind';
    case 'stage_skipped':
      return 'the skipped stage is still unconfirmed';
    default:
      return 'the problem is still open';
  }
}

export function fixForm(v: DealView, action: 'update_stage' | 'add_note'): FixForm {
  const checks = new Set(v.findings.map((f) => f.check));
  const missing = missingFields(v);
  const closeDate = checks.has('close_date_past') || missing.includes('closedate');
  const amount = missing.includes('amount');
  const stage =
    v.stages.length > 0 && (action === 'update_stage' || checks.has('stage_mismatch') || checks.has('stage_skipped'));
  const close = stage && v.wonStageId !== null && v.lostStageId !== null;
  const fields = new Set<FieldName>(['kind', 'body', 'next', 'nextDue']);
  if (closeDate) fields.add('closedate');
  if (amount) fields.add('amount');
  if (stage) fields.add('stage');
  if (close) {
    fields.add('outcome');
    fields.add('reason');
  }
  return { problems: v.findings.map((f) => problemWords(v, f)), fields, closeDate, amount, stage, close };
}

export class FormRefused extends Error {
  constructor(
    readonly field: string,
    readonly why: string,
  ) {
    super(`${field}: ${why}`);
  }
}

const MAX_AMOUNT = 1e12;

/** The form → the changes to write, validated against what the form offered; throws FormRefused. */
export function changesFromForm(v: DealView, form: FixForm, body: URLSearchParams, at: string): CrmChange[] {
  for (const key of new Set(body.keys()))
    if (!form.fields.has(key as FieldName)) throw new FormRefused(key, 'this form has no such field');
  for (const key of new Set(body.keys()))
    if (body.getAll(key).length > 1) throw new FormRefused(key, 'given more than once');
  const get = (k: FieldName) => (body.get(k) ?? '').trim();
  const out: CrmChange[] = [];
  const props: Record<string, string> = {};

  const kind = get('kind') || 'note';
  if (!['note', 'call', 'meeting'].includes(kind)) throw new FormRefused('kind', 'must be note, call or meeting');
  const text = get('body').slice(0, 5000);
  if (text && kind === 'note') out.push({ op: 'add_note', dealId: v.dealId, body: text });
  if (text && kind === 'call') out.push({ op: 'log_call', dealId: v.dealId, at, body: text });
  if (text && kind === 'meeting')
    out.push({ op: 'log_meeting', dealId: v.dealId, at, title: text.split('\n')[0]!.slice(0, 120), body: text });

  const next = get('next').slice(0, 500);
  const nextDue = get('nextDue');
  if (next || nextDue) {
    if (!next) throw new FormRefused('next', 'say what the next step is');
    if (!validDay(nextDue) || nextDue < v.today || nextDue > addYears(v.today, 1))
      throw new FormRefused('nextDue', `a date from ${v.today} within a year`);
    out.push({ op: 'create_task', dealId: v.dealId, subject: next, dueAt: `${nextDue}T09:00:00.000Z` });
  }

  const cd = get('closedate');
  if (cd) {
    if (!validDay(cd) || cd < v.today || cd > addYears(v.today, 3))
      throw new FormRefused('closedate', `a date from ${v.today} within three years`);
    props['closedate'] = cd;
  }
  const amt = get('amount');
  if (amt) {
    const n = Number(amt.replace(/[,\s₹]/g, ''));
    if (!Number.isFinite(n) || n <= 0 || n > MAX_AMOUNT) throw new FormRefused('amount', 'a positive amount');
    props['amount'] = String(Math.round(n));
  }
  const stage = get('stage');
  const outcome = get('outcome');
  if (outcome && outcome !== 'open') {
    if (outcome !== 'won' && outcome !== 'lost') throw new FormRefused('outcome', 'must be won or lost');
    const reason = get('reason').slice(0, 1000);
    if (!reason) throw new FormRefused('reason', `say why the deal was ${outcome}`);
    if (stage) throw new FormRefused('stage', 'pick a stage or close the deal, not both');
    props['dealstage'] = (outcome === 'won' ? v.wonStageId : v.lostStageId)!;
    props[outcome === 'won' ? 'closed_won_reason' : 'closed_lost_reason'] = reason;
  } else if (get('reason')) {
    throw new FormRefused('reason', 'a reason goes with closing the deal');
  } else if (stage) {
    if (!v.stages.some((s) => s.id === stage)) throw new FormRefused('stage', 'not an open stage of this pipeline');
    if (stage !== v.stageId) props['dealstage'] = stage;
  }
  // All deal properties in ONE update: HubSpot applies a PATCH all-or-nothing. It goes first, engagements after.
  if (Object.keys(props).length) out.unshift({ op: 'update_deal', dealId: v.dealId, properties: props });
  return out;
}

function validDay(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
  );
}

function addYears(day: string, n: number): string {
  return `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;
}

/** What a change did, in words: "the note", "the close date (Tue 15 Dec)". */
export function changeWords(v: DealView, c: CrmChange): string {
  switch (c.op) {
    case 'add_note':
      return 'the note';
    case 'log_call':
      return 'the call';
    case 'log_meeting':
      return 'the meeting';
    case 'create_task':
      return `the next step (due ${humanDay(c.dueAt.slice(0, 10), v.timezone, v.today)})`;
    case 'update_deal': {
      const p = c.properties;
      const parts: string[] = [];
      if (p['dealstage'] === v.wonStageId) parts.push('closing it as won');
      else if (p['dealstage'] === v.lostStageId) parts.push('closing it as lost');
      else if (p['dealstage'])
        parts.push(`the stage (${v.stages.find((s) => s.id === p['dealstage'])?.label ?? 'new stage'})`);
      if (p['closedate']) parts.push(`the close date (${humanDay(p['closedate'], v.timezone, v.today)})`);
      if (p['amount']) parts.push(`the amount (${formatMoney(Number(p['amount']), v.currency)})`);
      return parts.join(' and ') || 'the deal update';
    }
    default:
      return 'the update';
  }
}
