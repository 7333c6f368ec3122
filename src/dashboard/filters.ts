/** The dashboard's filters (period, owner, pipeline) from a query string, and their CLI equivalents. */
import { addDays, startOfWeek, type AnalysisContext } from '../analysis/index.js';
import { quarterSpan } from '../time/index.js';
import type { PeriodInput } from '../analysis/metrics/index.js';
import { matchOwner } from '../crm/index.js';

export const PERIODS = ['default', 'last-week', 'quarter', 'custom'] as const;
export type PeriodChoice = (typeof PERIODS)[number];

export interface Filters {
  period: PeriodChoice;
  /** The [from, to) the period chose; undefined for 'default' (each report's own: this week, this quarter, all time). */
  range: PeriodInput | undefined;
  ownerId: string | undefined;
  pipelineId: string | undefined;
  /** Problems to show above the page (an unknown owner, a bad date): the filter is then ignored. */
  problems: string[];
}

const validIso = (raw: string | null): string | undefined => {
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

export function parseFilters(q: URLSearchParams, ctx: AnalysisContext): Filters {
  const problems: string[] = [];
  const asOf = Date.parse(ctx.asOf);
  const tz = ctx.timezone;
  let period = (PERIODS as readonly string[]).includes(q.get('period') ?? '')
    ? (q.get('period') as PeriodChoice)
    : 'default';
  let range: PeriodInput | undefined;
  if (period === 'last-week') {
    const thisWeek = startOfWeek(asOf, tz);
    range = {
      from: new Date(startOfWeek(addDays(thisWeek, -7) + 3_600_000, tz)).toISOString(),
      to: new Date(thisWeek).toISOString(),
    };
  } else if (period === 'quarter') {
    range = quarterSpan(asOf, tz);
  } else if (period === 'custom') {
    const from = validIso(q.get('from'));
    const to = validIso(q.get('to'));
    if (from && to && from < to) range = { from, to };
    else {
      problems.push('The custom period needs a From date before its To date; showing the default period.');
      period = 'default';
    }
  }
  let ownerId: string | undefined;
  const rawOwner = q.get('owner');
  if (rawOwner) {
    const m = matchOwner(ctx.data.crm.owners, rawOwner);
    if (m.kind === 'found') ownerId = m.owner.id;
    else
      problems.push(
        m.kind === 'ambiguous'
          ? `"${rawOwner}" matches more than one owner: choose one from the list.`
          : `No owner "${rawOwner}" in this portal: showing everyone.`,
      );
  }
  let pipelineId: string | undefined;
  const rawPipeline = q.get('pipeline');
  if (rawPipeline) {
    const p = ctx.data.crm.pipelines.find(
      (x) => x.id === rawPipeline || x.label.toLowerCase() === rawPipeline.toLowerCase(),
    );
    if (p) pipelineId = p.id;
    else problems.push(`No pipeline "${rawPipeline}": showing all pipelines.`);
  }
  return { period, range, ownerId, pipelineId, problems };
}

/** The query string for these filters (what links and CSV downloads carry along). */
export function filterQuery(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.period !== 'default') q.set('period', f.period);
  if (f.period === 'custom' && f.range) {
    q.set('from', f.range.from.slice(0, 10));
    q.set('to', f.range.to.slice(0, 10));
  }
  if (f.ownerId) q.set('owner', f.ownerId);
  if (f.pipelineId) q.set('pipeline', f.pipelineId);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
