/** Helpers every check shares: ordering, snippets, calendar days, money in summaries, thresholds. */
import type { Deal } from '../../crm/index.js';
import { formatMoney } from '../../format/index.js';
import type { Derived, StageInfo } from '../derive.js';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisContext } from '../input.js';

/** Time helpers the checks use; their home is src/time. */
export { calendarDay, canonIso, dayString, humanDay, iso } from '../../time/index.js';

/** Deals at or above this amount (portal currency; ₹25 L) get a higher severity on deal checks. */
export const LARGE_DEAL_AMOUNT = 2_500_000;
/** Evidence quotes at most this many characters of a note, email or message. */
export const MAX_SNIPPET = 120;

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export function bump(s: Severity): Severity {
  return s === 'low' ? 'medium' : 'high';
}

/** Numeric ids in numeric order, then other ids as strings; null (no record) last. */
export function compareIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : 1);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts findings in the contract order (see compareFindings), computing each sort key once. */
export function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, id: idKey(f.objectId) }));
  keyed.sort(
    (a, b) =>
      cmp(a.f.check, b.f.check) ||
      SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
      cmp(a.id, b.id) ||
      tail(a.f, b.f),
  );
  return keyed.map((k) => k.f);
}

/** A string whose order is compareIds' order: numeric ids by length then digits, other ids after, null last. */
function idKey(id: string | null): string {
  if (id === null) return '\uffff';
  if (/^\d+$/.test(id)) return `0${String(id.length).padStart(4, '0')}${id}`;
  return `1${id}`;
}

function tail(a: Finding, b: Finding): number {
  return cmp(a.summary, b.summary) || cmp(JSON.stringify(a.evidence), JSON.stringify(b.evidence));
}

/** The contract order: check name, severity high → low, object id; then the summary and evidence, so ties are stable too. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.check, b.check) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareIds(a.objectId, b.objectId) ||
    cmp(a.summary, b.summary) ||
    cmp(JSON.stringify(a.evidence), JSON.stringify(b.evidence))
  );
}

interface DealIndex {
  open: Deal[];
  stage: Map<string, StageInfo | undefined>;
}
const dealIndexes = new WeakMap<Derived, DealIndex>();

function dealIndex(d: Derived): DealIndex {
  let x = dealIndexes.get(d);
  if (!x) {
    const stage = new Map<string, StageInfo | undefined>();
    const open: Deal[] = [];
    for (const deal of d.deals.values()) {
      const s = d.stageOf(deal);
      stage.set(deal.id, s);
      if (s ? !s.isClosed : true) open.push(deal);
    }
    x = { open, stage };
    dealIndexes.set(d, x);
  }
  return x;
}

/** Open deals (derive's isOpen), computed once per context. */
export function openDeals(d: Derived): readonly Deal[] {
  return dealIndex(d).open;
}

/** derive's stageOf, remembered per deal. */
export function stageInfo(d: Derived, deal: Deal): StageInfo | undefined {
  const x = dealIndex(d);
  return x.stage.has(deal.id) ? x.stage.get(deal.id) : d.stageOf(deal);
}

export function money(ctx: AnalysisContext, amount: number | null): string {
  return formatMoney(amount, ctx.currency);
}

/** The deal's stage label, or its id when the pipeline does not know it. */
export function stageLabel(d: Derived, deal: Deal): string {
  return stageInfo(d, deal)?.label ?? deal.stageId;
}

/**
 * A short quote of `text` around [start, end): the sentence that holds the match, trimmed to MAX_SNIPPET
 * characters with ellipses. Never the whole body of a long note or email.
 */
export function snippet(text: string, start: number, end: number): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  let from = start;
  while (from > 0 && !/[.?!\n]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !/[.?!\n]/.test(text[to]!)) to++;
  if (to < text.length) to++;
  let s = flat(text.slice(from, to)).trim();
  if (s.length <= MAX_SNIPPET) return s;
  // Too long: centre on the match.
  const matchText = flat(text.slice(start, end)).trim();
  const at = Math.max(0, s.indexOf(matchText));
  const room = MAX_SNIPPET - 2;
  let a = Math.max(0, at - Math.floor((room - matchText.length) / 2));
  const b = Math.min(s.length, a + room);
  a = Math.max(0, b - room);
  s = `${a > 0 ? '…' : ''}${s.slice(a, b).trim()}${b < s.length ? '…' : ''}`;
  return s.length <= MAX_SNIPPET ? s : s.slice(0, MAX_SNIPPET);
}

const byContactCache = new WeakMap<Derived, Map<string, Deal[]>>();

/** Deals of each contact, oldest deal first (by createdAt, then id); computed once per context. */
export function dealsByContact(d: Derived): Map<string, Deal[]> {
  const hit = byContactCache.get(d);
  if (hit) return hit;
  const out = new Map<string, Deal[]>();
  byContactCache.set(d, out);
  for (const deal of d.deals.values()) {
    for (const cid of deal.contactIds) {
      const list = out.get(cid);
      if (list) list.push(deal);
      else out.set(cid, [deal]);
    }
  }
  for (const list of out.values()) list.sort((a, b) => cmp(a.createdAt, b.createdAt) || compareIds(a.id, b.id));
  return out;
}

/** The property as a trimmed string, or null when absent or empty. */
export function prop(props: Record<string, string | null>, key: string): string | null {
  const v = props[key];
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
