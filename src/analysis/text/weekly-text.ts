/** The weekly report and the scorecard for people. */
import type { WeeklyReport } from '../index.js';
import type { ActivityScorecard, PipelineCoverage, WeeklyMomentum } from '../metrics/index.js';
import { formatDate, formatMoney, renderTable } from '../../format/index.js';
import { renderAttainment, renderForward } from './economics-text.js';
import { renderGlance } from './weekly-glance.js';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const ca = (c: { count: number; amount: number }, cur: string) =>
  c.count ? `${c.count} · ${formatMoney(c.amount, cur)}` : '—';

/** The open-pipeline waterfall as a table: start + created + reopened + raised − lowered − won − lost = end. */
export function renderWaterfall(w: WeeklyMomentum['team']['waterfall'], cur: string): string {
  const line = (label: string, x: { count: number; amount: number }) => [label, x.count, formatMoney(x.amount, cur)];
  return renderTable(
    ['', 'Deals', 'Amount'],
    [
      line('Start of week', w.start),
      line('+ created', w.created),
      line('+ reopened', w.reopened),
      line('+ amounts raised', w.increased),
      line('− amounts lowered', w.decreased),
      line('− won', w.won),
      line('− lost', w.lost),
      line('= End', w.end),
    ],
  );
}

export function renderMomentum(m: WeeklyMomentum, tz: string): string {
  const cur = m.currency;
  const out: string[] = [];
  out.push(
    `Deal momentum, week of ${formatDate(m.period.from, tz)}${m.period.complete ? '' : ` (to ${formatDate(m.period.asOf, tz)})`}`,
  );
  const rows = [...m.byOwner, m.team].map((r) => [
    r.ownerName,
    ca(r.new, cur),
    ca(r.advanced, cur),
    ca(r.regressed, cur),
    ca(r.stalled, cur),
    ca(r.won, cur),
    ca(r.lost, cur),
    ca(r.pushed, cur),
  ]);
  out.push(renderTable(['AE', 'New', 'Advanced', 'Regressed', 'Stalled', 'Won', 'Lost', 'Pushed'], rows));
  const w = m.team.waterfall;
  out.push('');
  out.push('Open pipeline waterfall (team)');
  out.push(renderWaterfall(w, cur));
  return out.join('\n');
}

export function renderScorecard(s: ActivityScorecard, tz: string): string {
  const k = (x: { actual: number; target: number; status: string }) =>
    `${x.actual}/${Math.round(x.target)}${x.status === 'met' ? ' ✓' : ''}`;
  const out = [
    `Activity scorecard, ${formatDate(s.period.from, tz)} – ${formatDate(new Date(Math.min(Date.parse(s.period.to) - 1, Date.parse(s.period.asOf))).toISOString(), tz)} (actual/target, ✓ met)`,
  ];
  out.push(
    renderTable(
      ['AE', 'Calls', 'Emails', 'Meetings', 'Notes', 'Stage moves', 'New deals', 'Deals touched', 'Stale'],
      [...s.byOwner, s.team].map((r) => [
        r.ownerName,
        k(r.calls),
        k(r.emails),
        k(r.meetings),
        k(r.notes),
        r.stageMoves ? k(r.stageMoves) : '—',
        r.newDeals ? k(r.newDeals) : '—',
        `${pct(r.dealsTouched.share)} of ${r.dealsTouched.openDeals}${r.dealsTouched.status === 'met' ? ' ✓' : ''}`,
        `${pct(r.stale.share)} (${r.stale.stale})${r.stale.status === 'met' ? ' ✓' : ''}`,
      ]),
    ),
  );
  return out.join('\n');
}

/** `configuredQuota`: the quotas set in mis.config.json; an AE without one shows the default quota, marked "(default)". */
export function renderCoverage(
  c: PipelineCoverage,
  tz: string,
  configuredQuota?: Readonly<Record<string, number>>,
): string {
  const cur = c.currency;
  const out = [
    `Pipeline coverage, quarter ${formatDate(c.period.from, tz)} – ${formatDate(new Date(Date.parse(c.period.to) - 1).toISOString(), tz)} (open pipeline closing this quarter ÷ quota still to win)`,
  ];
  out.push(
    renderTable(
      ['AE', 'Open (closing in qtr)', 'Weighted', 'Won', 'Quota', 'Remaining', 'Coverage', ''],
      [...c.byOwner, c.team].map((r) => [
        r.ownerName,
        ca(r.open, cur),
        formatMoney(r.weighted, cur),
        formatMoney(r.won.amount, cur),
        `${formatMoney(r.quota, cur)}${configuredQuota && r.ownerId !== null && configuredQuota[r.ownerId] === undefined ? ' (default)' : ''}`,
        formatMoney(r.remainingQuota, cur),
        r.coverage === null ? 'quota made' : `${r.coverage.toFixed(1)}×`,
        r.band === 'over_stuffed' ? `over ${r.targetMax}×` : r.status === 'met' ? `✓ ≥ ${r.target}×` : `< ${r.target}×`,
      ]),
    ),
  );
  if (c.definition) out.push(c.definition.charAt(0).toUpperCase() + c.definition.slice(1) + '.');
  return out.join('\n');
}

export function renderWeekly(r: WeeklyReport, configuredQuota?: Readonly<Record<string, number>>): string {
  const coverage = renderCoverage(r.coverage, r.timezone, configuredQuota);
  const defaults =
    configuredQuota && r.coverage.byOwner.some((o) => o.ownerId !== null && configuredQuota[o.ownerId] === undefined);
  const more = [
    r.attainment && renderAttainment(r.attainment, r.timezone),
    r.forecast && renderForward(r.forecast, r.timezone),
    r.aging && agingLine(r.aging),
    r.speedToLead && speedLine(r.speedToLead),
  ].filter((x): x is string => !!x);
  const glance = renderGlance(r);
  return [
    ...(glance ? [glance] : []),
    renderMomentum(r.momentum, r.timezone),
    renderScorecard(r.scorecard, r.timezone),
    defaults ? `${coverage}\n  (default): no quota set for this AE; targets.defaultQuarterlyQuota is used` : coverage,
    ...more,
  ].join('\n\n');
}

function agingLine(a: NonNullable<WeeklyReport['aging']>): string {
  return `Aging: ${a.team.aged} of ${a.team.withBaseline} open deals (${pct(a.team.shareAged)}) are older than ${a.factor}× their stage's median stay${
    a.deals.length
      ? `; oldest: ${a.deals
          .slice(0, 3)
          .map((d) => `${d.dealName} (${Math.round(d.ageDays)} d in ${d.stage})`)
          .join(', ')}`
      : ''
  }`;
}

function speedLine(s: NonNullable<WeeklyReport['speedToLead']>): string {
  return s.team.mqls
    ? `Speed to lead this week: ${s.team.mqls} MQLs, ${pct(s.team.shareWithinTarget)} touched within ${s.targetHours} h (median ${s.team.medianHours === null ? '—' : `${s.team.medianHours.toFixed(1)} h`})`
    : 'Speed to lead this week: no new MQL';
}
