/**
 * The weekly report's first lines: where a manager looks on Monday, one line each — this month's forecast by
 * category with the change since last week, quota attainment this quarter (the AE furthest behind), speed to lead
 * against the SLA, and the share of aged deals. Every figure is the report's own (its --json holds them).
 */
import type { WeeklyReport } from '../index.js';
import { formatDate, formatMoney } from '../../format/index.js';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const signed = (n: number, cur: string) => `${n < 0 ? '−' : '+'}${formatMoney(Math.abs(n), cur)}`;

/** The glance's lines, for every rendering (text, HTML, Markdown): empty when the report holds none of its figures. */
export function glanceLines(r: WeeklyReport): string[] {
  const cur = r.currency;
  const lines: string[] = [];
  const f = r.forecast;
  if (f) {
    const m = f.team.months[0];
    const w = f.team.weekOverWeek;
    if (m)
      lines.push(
        `Forecast ${monthName(m.month)}: commit ${formatMoney(m.categories.commit.amount, cur)}, best case ${formatMoney(m.categories.best_case.amount, cur)}, pipeline ${formatMoney(m.categories.pipeline.amount, cur)}; over ${f.team.months.length} months commit ${signed(w.commit, cur)} since last week`,
      );
  }
  const a = r.attainment;
  if (a) {
    const behind = [...a.byOwner]
      .filter((o) => o.attainment !== null)
      .sort((x, y) => x.attainment! - y.attainment! || x.ownerName.localeCompare(y.ownerName))[0];
    lines.push(
      `Quota attainment ${formatDate(a.period.from, r.timezone)} – ${formatDate(a.period.asOf, r.timezone)}: team ${pct(a.team.attainment)} (${formatMoney(a.team.won, cur)} of ${formatMoney(a.team.quota, cur)})${behind && a.byOwner.length > 1 ? `; furthest behind ${behind.ownerName} ${pct(behind.attainment)}` : ''}`,
    );
  }
  const s = r.speedToLead;
  if (s)
    lines.push(
      s.team.mqls
        ? `Speed to lead: ${s.team.withinTarget} of ${s.team.mqls} new MQLs touched within the ${s.targetHours} h SLA (${pct(s.team.shareWithinTarget)} of those judged)`
        : `Speed to lead: no new MQL this week (SLA ${s.targetHours} h)`,
    );
  const g = r.aging;
  if (g)
    lines.push(
      `Aging: ${pct(g.team.shareAged)} of open deals with a stage baseline are older than ${g.factor}× their stage's median (${g.team.aged} of ${g.team.withBaseline})`,
    );
  return lines;
}

export function renderGlance(r: WeeklyReport): string | null {
  const lines = glanceLines(r);
  return lines.length ? ['At a glance', ...lines.map((l) => `• ${l}`)].join('\n') : null;
}

function monthName(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 15)).toLocaleString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
