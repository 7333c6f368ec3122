/**
 * Drafts an AE's weekly update from the CRM — the deals that moved, were touched or close soon, with stage,
 * amount (₹ lakh/crore as AEs write it), close date, this week's calls and the next step — in the shape the AE
 * usually writes (bullets, lines, or one paragraph), so the AE corrects it instead of writing it. Written in the
 * words the offline extractor reads, so reconciling an untouched draft finds nothing to fix.
 */
import type { AnalysisContext } from '../analysis/index.js';
import { derive, startOfWeek } from '../analysis/index.js';
import type { Deal } from '../crm/index.js';
import { withoutLegalForm } from '../names/index.js';
import { keyForStage, type Lexicon } from './lexicon.js';
import { dayDiff } from '../time/index.js';
import { closeDateDay, localDate } from './parse/dates.js';
import type { StageKey } from './schema.js';

export const DRAFT_STYLES = ['tidy', 'lines', 'sparse'] as const;
export type DraftStyle = (typeof DRAFT_STYLES)[number];

export interface DraftLine {
  dealId: string;
  text: string;
  why: string;
}

export interface Draft {
  owner: string;
  asOf: string;
  style: DraftStyle;
  text: string;
  lines: DraftLine[];
}

const PHRASE: Record<StageKey, string> = {
  discovery: 'discovery stage',
  demo: 'demo done',
  poc: 'POC on',
  proposal: 'proposal sent',
  shortlisted: 'shortlisted',
  negotiation: 'in nego',
  committed: 'verbal yes',
  won: 'closed won',
  lost: 'closed lost',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** 1520000 → "15.2L", 11500000 → "1.15 Cr", 85000 → "85k": precise enough to agree with the CRM. */
export function inrShort(amount: number): string {
  const trim = (n: number, dp: number) => n.toFixed(dp).replace(/\.?0+$/, '');
  if (amount >= 10_000_000) return `${trim(amount / 10_000_000, 2)} Cr`;
  if (amount >= 100_000) return `${trim(amount / 100_000, 2)}L`;
  return `${trim(amount / 1_000, 1)}k`;
}

function ordinal(d: number): string {
  const tail = d % 100 >= 11 && d % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][d % 10] ?? 'th');
  return `${d}${tail}`;
}

/** "15th Dec" (with the year when it is more than five months away, so no one reads the wrong year). */
export function dayWords(ymd: string, today: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const far = Math.abs(dayDiff(today, ymd)) > 150;
  return `${ordinal(d!)} ${MONTHS[m! - 1]}${far ? ` ${y}` : ''}`;
}

export function shortName(deal: Deal, companyName: string | null): string {
  const base = companyName ?? deal.name.split(/\s+[-–—|:]\s+/)[0] ?? deal.name;
  return withoutLegalForm(base);
}

/** The AE's usual shape, read from a previous update. */
export function styleOf(previous: string | undefined): DraftStyle {
  if (!previous) return 'tidy';
  const lines = previous.split('\n').filter((l) => l.trim());
  if (lines.filter((l) => /^\s*[-*•]/.test(l)).length >= 2) return 'tidy';
  if (lines.length >= 3) return 'lines';
  return 'sparse';
}

export function draftUpdate(
  ctx: AnalysisContext,
  ownerId: string,
  lexicon: Lexicon,
  opts: { style?: DraftStyle; maxLines?: number } = {},
): Draft {
  const d = derive(ctx);
  const tz = ctx.timezone;
  const asOfMs = Date.parse(ctx.asOf);
  const today = localDate(asOfMs, tz);
  const weekStart = startOfWeek(asOfMs, tz);
  const weekAgo = asOfMs - 7 * DAY;
  const owner = d.owners.get(ownerId);
  const first = owner?.firstName ?? owner?.name ?? ownerId;
  const style = opts.style ?? 'tidy';
  const picked: Array<{ deal: Deal; line: DraftLine; weight: number }> = [];
  for (const deal of ctx.data.crm.deals) {
    if (deal.ownerId !== ownerId || deal.archived) continue;
    const info = d.stageOf(deal);
    const pipeline = ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
    if (!info || !pipeline) continue;
    const acts = d.activities(deal).filter((a) => a.at >= weekAgo && a.at <= asOfMs);
    const lastStage = deal.stageHistory.at(-1);
    const moved = lastStage
      ? Date.parse(lastStage.timestamp) >= weekAgo &&
        Date.parse(lastStage.timestamp) <= asOfMs &&
        deal.stageHistory.length > 1
      : false;
    const closeDay = deal.closeDate ? closeDateDay(deal.closeDate, tz) : null;
    const closingSoon = closeDay !== null && dayDiff(today, closeDay) >= 0 && dayDiff(today, closeDay) <= 30;
    const open = !info.isClosed;
    if (!open && !moved) continue;
    if (open && !moved && acts.length === 0 && !closingSoon) continue;
    const why = [
      moved ? 'moved this week' : '',
      acts.length ? `${acts.length} activities this week` : '',
      closingSoon ? 'closes within 30 days' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const key = keyForStage(lexicon, pipeline, info);
    const name = shortName(deal, deal.companyIds.map((id) => d.companies.get(id)?.name ?? null).find((n) => n) ?? null);
    const parts = [`${name}: ${PHRASE[key]}`];
    if (open) {
      if (deal.amount !== null) parts.push(inrShort(deal.amount));
      if (closeDay) parts.push(`closing by ${dayWords(closeDay, today)}`);
      const spoke = d
        .activities(deal)
        .some(
          (a) =>
            a.source === 'engagement' &&
            (a.kind === 'call' || a.kind === 'meeting') &&
            a.at >= weekStart &&
            a.at <= asOfMs,
        );
      if (spoke) parts.push('spoke this wk');
      const next = deal.properties['hs_next_step'];
      if (next) parts.push(`next: ${next.replace(/\s+/g, ' ').trim().slice(0, 80)}`);
    } else if (info.isWon) {
      if (deal.amount !== null) parts.push(inrShort(deal.amount));
    }
    picked.push({
      deal,
      line: { dealId: deal.id, text: parts.join(', '), why },
      weight: (deal.amount ?? 0) * (open ? info.probability || 0.1 : 1) + (moved ? 1e9 : 0),
    });
  }
  picked.sort((a, b) => b.weight - a.weight || (a.deal.id < b.deal.id ? -1 : 1));
  const lines = picked.slice(0, opts.maxLines ?? 8).map((p) => p.line);
  const [, mo, dd] = today.split('-').map(Number);
  const weekEnding = `${dd} ${MONTHS[mo! - 1]}`;
  let text: string;
  if (lines.length === 0)
    text = `Weekly update - ${first} - w/e ${weekEnding}\nNo deal moved or was touched this week.`;
  else if (style === 'tidy')
    text = [`Weekly update - ${first} - w/e ${weekEnding}`, ...lines.map((l) => `- ${l.text}`)].join('\n');
  else if (style === 'lines') text = ['updates this wk:', ...lines.map((l) => l.text)].join('\n');
  else text = `Quick update for this wk. ${lines.map((l) => l.text).join('. ')}.`;
  return { owner: ownerId, asOf: ctx.asOf, style, text, lines };
}
