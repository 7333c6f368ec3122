/**
 * The dashboard's pages as data: each number comes from the same function its `--json` command prints (weekly
 * report, scorecard, coverage, forecast, risk, check, audit, metrics), filtered the same way (owner rows kept,
 * team totals stay, as `--owner` does).
 */
import {
  addDays,
  auditTrend,
  derive,
  scopeToPipeline,
  startOfWeek,
  type AnalysisContext,
  type Finding,
} from '../analysis/index.js';
import { runChecks } from '../analysis/checks/index.js';
import {
  activityScorecard,
  attribution,
  bySource,
  campaignRoi,
  forecastAccuracy,
  funnelConversion,
  handoffSla,
  pipelineCoverage,
  sourcedPipeline,
  weeklyMomentum,
  type ActivityScorecard,
  type PeriodInput,
  type WeeklyMomentum,
} from '../analysis/metrics/index.js';
import { dealRisk } from '../analysis/risk/index.js';
import { barsSpec, linesSpec, moneyAxis, waterfallSpec, type WaterfallStep } from '../charts/index.js';
import { formatDate, formatDateTime, formatMoney, humanLabel } from '../format/index.js';
import { latestSaid } from '../notify/index.js';
import { CHECK_LABELS as CHECK_NAMES_FOR_PEOPLE } from '../analysis/text/index.js';
import type { StateStore } from '../state/index.js';
import { quarterSpan } from '../time/index.js';
import type { Filters } from './filters.js';
import { cell, type Cell, type Page, type Section } from './model.js';

export interface PageEnv {
  ctx: AnalysisContext;
  state: StateStore;
  filters: Filters;
  /** Where the dashboard is mounted ('' or '/dashboard'). */
  base: string;
  /** The HubSpot portal id for record links; null in the sandbox (deal links stay on the dashboard). */
  portalId: number | null;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const num = (n: number) => n.toLocaleString('en-IN');
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Text cut at a word boundary with an ellipsis (never mid-word). */
export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.5 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export function scoped(env: PageEnv): AnalysisContext {
  return scopeToPipeline(env.ctx, env.filters.pipelineId);
}

export function dealHref(env: PageEnv, dealId: string): string {
  return `${env.base}/deal/${encodeURIComponent(dealId)}`;
}

export function hubspotDealUrl(portalId: number, dealId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-3/${encodeURIComponent(dealId)}`;
}

function aeHref(env: PageEnv, ownerId: string | null): string | undefined {
  return ownerId ? `${env.base}/ae?owner=${encodeURIComponent(ownerId)}` : undefined;
}

export function periodText(p: { from: string; to: string; asOf?: string } | null | undefined, tz: string): string {
  if (!p) return 'all time';
  const end = Math.min(Date.parse(p.to) - 1, p.asOf ? Date.parse(p.asOf) : Infinity);
  return `${formatDate(p.from, tz)} – ${formatDate(new Date(end).toISOString(), tz)}`;
}

export const keep = <T extends { ownerId: string | null }>(rows: T[], ownerId: string | undefined) =>
  ownerId ? rows.filter((r) => r.ownerId === ownerId) : rows;

// ---------- sections shared by pages and the weekly email ----------

export function pipelineSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const cur = ctx.currency;
  const rows: Cell[][] = [];
  const bars: { label: string; value: number; series?: string }[] = [];
  const many = ctx.data.crm.pipelines.length > 1;
  for (const p of ctx.data.crm.pipelines) {
    for (const st of [...p.stages].sort((a, b) => a.displayOrder - b.displayOrder)) {
      if (st.isClosed) continue;
      const deals = ctx.data.crm.deals.filter(
        (x) =>
          x.pipelineId === p.id && x.stageId === st.id && (!env.filters.ownerId || x.ownerId === env.filters.ownerId),
      );
      const amount = deals.reduce((s, x) => s + (x.amount ?? 0), 0);
      const key = `pipeline.${p.id}.${st.id}`;
      rows.push([
        cell(many ? `${p.label}: ${st.label}` : st.label),
        cell(num(deals.length), { value: deals.length, key: `${key}.deals` }),
        cell(formatMoney(amount, cur), { value: amount, key: `${key}.amount` }),
      ]);
      bars.push({
        label: many && p.id !== ctx.data.crm.pipelines[0]?.id ? `${st.label} (${p.label})` : st.label,
        value: amount / moneyAxis(cur).div,
      });
    }
  }
  const who = env.filters.ownerId ? ` (${derive(ctx).ownerName(env.filters.ownerId)})` : '';
  return {
    id: 'pipeline',
    title: `Open pipeline by stage${who}`,
    note: 'Open deals today by stage, amounts as in HubSpot.',
    chart: barsSpec(`Open pipeline by stage${who}`, bars, { unit: moneyAxis(cur).unit }),
    tables: [
      {
        id: 'pipeline',
        columns: [{ header: 'Stage' }, { header: 'Deals', align: 'right' }, { header: 'Amount', align: 'right' }],
        rows,
      },
    ],
  };
}

export function waterfallSteps(
  w: WeeklyMomentum['team']['waterfall'],
): Array<WaterfallStep & { key: string; count: number }> {
  return [
    { label: 'Start of week', key: 'start', kind: 'total', amount: w.start.amount, count: w.start.count },
    { label: 'Created', key: 'created', kind: 'up', amount: w.created.amount, count: w.created.count },
    { label: 'Reopened', key: 'reopened', kind: 'up', amount: w.reopened.amount, count: w.reopened.count },
    { label: 'Amounts raised', key: 'increased', kind: 'up', amount: w.increased.amount, count: w.increased.count },
    { label: 'Amounts lowered', key: 'decreased', kind: 'down', amount: w.decreased.amount, count: w.decreased.count },
    { label: 'Won', key: 'won', kind: 'down', amount: w.won.amount, count: w.won.count },
    { label: 'Lost', key: 'lost', kind: 'down', amount: w.lost.amount, count: w.lost.count },
    { label: 'End', key: 'end', kind: 'total', amount: w.end.amount, count: w.end.count },
  ];
}

export function momentumSections(
  env: PageEnv,
  m: WeeklyMomentum = weeklyMomentum(scoped(env), env.filters.range),
): Section[] {
  const tz = env.ctx.timezone;
  const cur = m.currency;
  const row = env.filters.ownerId ? (m.byOwner.find((r) => r.ownerId === env.filters.ownerId) ?? m.team) : m.team;
  const steps = waterfallSteps(row.waterfall);
  const title = `Open pipeline waterfall, ${row.ownerName === 'Team' ? 'team' : row.ownerName}`;
  const waterfall: Section = {
    id: 'waterfall',
    title,
    note: `${periodText(m.period, tz)}: start + created + reopened + raised − lowered − won − lost = end.`,
    chart: waterfallSpec(title, steps, cur),
    tables: [
      {
        id: 'waterfall',
        columns: [{ header: 'Step' }, { header: 'Deals', align: 'right' }, { header: 'Amount', align: 'right' }],
        rows: steps.map((s) => [
          cell(s.label),
          cell(num(s.count), { value: s.count, key: `waterfall.${s.key}.count` }),
          cell(formatMoney(s.amount, cur), { value: s.amount, key: `waterfall.${s.key}.amount` }),
        ]),
      },
    ],
  };
  const kinds = ['new', 'advanced', 'regressed', 'stalled', 'won', 'lost', 'pushed'] as const;
  const rows = [...keep(m.byOwner, env.filters.ownerId), m.team].map((r) => {
    const id = r.ownerId ?? 'team';
    return [
      cell(r.ownerName, aeLink(env, r.ownerId)),
      ...kinds.map((k) =>
        cell(r[k].count ? `${r[k].count} · ${formatMoney(r[k].amount, cur)}` : '—', {
          value: r[k].count,
          key: `momentum.${id}.${k}.count`,
        }),
      ),
    ];
  });
  const momentum: Section = {
    id: 'momentum',
    title: 'Deal momentum per AE',
    note: `Deals that were new, advanced, regressed, stalled, won, lost or had their close date pushed in ${periodText(m.period, tz)}.`,
    chart: barsSpec(
      'Deals moved this period per AE',
      [...keep(m.byOwner, env.filters.ownerId)].flatMap((r) =>
        (['new', 'advanced', 'regressed', 'won', 'lost'] as const).map((k) => ({
          label: r.ownerName,
          series: humanLabel(k),
          value: r[k].count,
        })),
      ),
      { unit: 'deals', stack: true },
    ),
    tables: [
      {
        id: 'momentum',
        columns: [{ header: 'AE' }, ...kinds.map((k) => ({ header: humanLabel(k), align: 'right' as const }))],
        rows,
      },
    ],
  };
  return [waterfall, momentum];
}

export function aeLink(env: PageEnv, ownerId: string | null): Omit<Cell, 'text'> {
  const href = aeHref(env, ownerId);
  return href ? { href } : {};
}

export function coverageSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const c = pipelineCoverage(ctx);
  const cur = c.currency;
  const configured = ctx.config.targets.quarterlyQuota;
  const rows = [...keep(c.byOwner, env.filters.ownerId), c.team].map((r) => {
    const id = r.ownerId ?? 'team';
    const isDefault = r.ownerId !== null && configured[r.ownerId] === undefined;
    return [
      cell(r.ownerName, aeLink(env, r.ownerId)),
      cell(`${r.open.count} · ${formatMoney(r.open.amount, cur)}`, {
        value: r.open.amount,
        key: `coverage.${id}.open.amount`,
      }),
      cell(formatMoney(r.weighted, cur), { value: r.weighted, key: `coverage.${id}.weighted` }),
      cell(formatMoney(r.won.amount, cur), { value: r.won.amount, key: `coverage.${id}.won.amount` }),
      cell(`${formatMoney(r.quota, cur)}${isDefault ? ' (default)' : ''}`, {
        value: r.quota,
        key: `coverage.${id}.quota`,
      }),
      cell(r.coverage === null ? 'quota made' : `${r.coverage.toFixed(1)}×`, {
        value: r.coverage,
        key: `coverage.${id}.coverage`,
      }),
    ];
  });
  const anyDefault = c.byOwner.some((r) => r.ownerId !== null && configured[r.ownerId] === undefined);
  return {
    id: 'coverage',
    title: 'Coverage per AE vs quota',
    note: `Quarter ${periodText(c.period, ctx.timezone)}: open pipeline closing this quarter ÷ quota still to win; target ${c.team.target}×.${anyDefault ? ' "(default)": no quota is configured for this AE, so the default quarterly quota is used (set quotas in mis.config.json).' : ''}`,
    chart: barsSpec(
      'Coverage per AE (open ÷ remaining quota)',
      keep(c.byOwner, env.filters.ownerId).map((r) => ({ label: r.ownerName, value: r.coverage ?? 0 })),
      { unit: 'coverage ×', target: c.team.target, targetLabel: 'target' },
    ),
    tables: [
      {
        id: 'coverage',
        columns: [
          { header: 'AE' },
          { header: 'Open (closing in quarter)', align: 'right' },
          { header: 'Weighted', align: 'right' },
          { header: 'Won', align: 'right' },
          { header: 'Quota', align: 'right' },
          { header: 'Coverage', align: 'right' },
        ],
        rows,
      },
    ],
  };
}

export function scorecardSection(
  env: PageEnv,
  s: ActivityScorecard = activityScorecard(scoped(env), env.filters.range),
): Section {
  const k = (x: { actual: number; target: number; status: string }) =>
    `${x.actual}/${Math.round(x.target)}${x.status === 'met' ? ' ✓' : ''}`;
  const owners = keep(s.byOwner, env.filters.ownerId);
  const rows = [...owners, s.team].map((r) => {
    const id = r.ownerId ?? 'team';
    return [
      cell(r.ownerName, aeLink(env, r.ownerId)),
      ...(['calls', 'emails', 'meetings', 'notes'] as const).map((kpi) =>
        cell(k(r[kpi]), { value: r[kpi].actual, key: `scorecard.${id}.${kpi}.actual` }),
      ),
      cell(
        `${pct(r.dealsTouched.share)} of ${r.dealsTouched.openDeals}${r.dealsTouched.status === 'met' ? ' ✓' : ''}`,
        { value: r.dealsTouched.share, key: `scorecard.${id}.dealsTouched.share` },
      ),
      cell(`${pct(r.stale.share)} (${r.stale.stale})${r.stale.status === 'met' ? ' ✓' : ''}`, {
        value: r.stale.stale,
        key: `scorecard.${id}.stale.stale`,
      }),
    ];
  });
  const data = owners.flatMap((r) =>
    (['calls', 'emails', 'meetings', 'notes'] as const).map((kpi) => ({
      label: r.ownerName,
      series: humanLabel(kpi),
      value: r[kpi].target ? r[kpi].actual / r[kpi].target : 0,
    })),
  );
  return {
    id: 'activity',
    title: 'Activity vs targets per AE',
    note: `${periodText(s.period, env.ctx.timezone)}, actual/target (✓ met); stale: share of open deals past the stale threshold.`,
    chart: barsSpec('Activity as a share of target', data, {
      unit: 'of target',
      percent: true,
      target: 1,
      targetLabel: 'target',
    }),
    tables: [
      {
        id: 'activity',
        columns: [
          { header: 'AE' },
          { header: 'Calls', align: 'right' },
          { header: 'Emails', align: 'right' },
          { header: 'Meetings', align: 'right' },
          { header: 'Notes', align: 'right' },
          { header: 'Deals touched', align: 'right' },
          { header: 'Stale', align: 'right' },
        ],
        rows,
      },
    ],
  };
}

export const HYGIENE_WEEKS = 6;

export function hygieneSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const since = new Date(
    startOfWeek(addDays(Date.parse(ctx.asOf), -7 * (HYGIENE_WEEKS - 1)), ctx.timezone),
  ).toISOString();
  const trend = auditTrend(ctx, HYGIENE_WEEKS, env.state.auditTrend(since), (c) => runChecks(c));
  const owners = env.filters.ownerId ? trend.owners.filter((o) => o.ownerId === env.filters.ownerId) : trend.owners;
  const tz = ctx.timezone;
  const weekLabel = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'short' }).format(new Date(iso));
  // One row per week, one column per AE: stale deals (share) and findings; weeks rebuilt from the cache are marked.
  const weeks = [...new Set(owners.flatMap((o) => o.weeks.map((w) => w.weekStart)))].sort();
  const rows: Cell[][] = weeks.map((wk) => {
    const rebuilt = owners.some((o) => o.weeks.find((w) => w.weekStart === wk)?.source === 'reconstructed');
    return [
      cell(`${formatDate(wk, tz)}${rebuilt ? ' *' : ''}`),
      ...owners.map((o) => {
        const w = o.weeks.find((x) => x.weekStart === wk);
        return w
          ? cell(`${w.staleDeals} stale (${pct(w.staleShare)}) · ${w.findings} findings`, {
              value: w.staleDeals,
              key: `hygiene.${o.ownerId}.${wk.slice(0, 10)}.stale`,
            })
          : cell('—');
      }),
    ];
  });
  return {
    id: 'hygiene',
    title: 'Hygiene trend',
    note: `Stale deals (share of open deals) and findings per AE, week by week, from the snapshot the week's last daily check stored; * rebuilt from the cache where no check ran that week.`,
    chart: linesSpec(
      'Stale share of open deals',
      owners.flatMap((o) => o.weeks.map((w) => ({ x: weekLabel(w.weekStart), y: w.staleShare ?? 0, series: o.name }))),
      { unit: 'stale share', percent: true, max: ctx.config.targets.weekly.staleShareMax },
    ),
    tables: [{ id: 'hygiene', columns: [{ header: 'Week of' }, ...owners.map((o) => ({ header: o.name }))], rows }],
  };
}

export function quarterRange(ctx: AnalysisContext): PeriodInput {
  return quarterSpan(Date.parse(ctx.asOf), ctx.timezone);
}

export function forecastSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const f = forecastAccuracy(ctx, env.filters.range ?? quarterRange(ctx));
  const cur = f.currency;
  const rows = [...keep(f.byOwner, env.filters.ownerId), f.team].map((r) => {
    const id = r.ownerId ?? 'team';
    return [
      cell(r.ownerName, aeLink(env, r.ownerId)),
      cell(formatMoney(r.snapshot.pipeline, cur), { value: r.snapshot.pipeline, key: `forecast.${id}.pipeline` }),
      cell(formatMoney(r.snapshot.forecast, cur), { value: r.snapshot.forecast, key: `forecast.${id}.forecast` }),
      cell(`${formatMoney(r.snapshot.commit, cur)} (${r.snapshot.commitDeals})`, {
        value: r.snapshot.commit,
        key: `forecast.${id}.commit`,
      }),
      cell(formatMoney(r.actual.won.amount, cur), { value: r.actual.won.amount, key: `forecast.${id}.won` }),
    ];
  });
  const { div, unit } = moneyAxis(cur);
  return {
    id: 'forecast',
    title: 'Forecast',
    note: `${periodText(f.period, ctx.timezone)}: pipeline closing in the period as it stood at its start, weighted forecast, commit (late-stage deals), and won so far.`,
    chart: barsSpec(
      'Forecast vs won',
      keep(f.byOwner, env.filters.ownerId).flatMap((r) => [
        { label: r.ownerName, series: 'Forecast', value: r.snapshot.forecast / div },
        { label: r.ownerName, series: 'Commit', value: r.snapshot.commit / div },
        { label: r.ownerName, series: 'Won', value: r.actual.won.amount / div },
      ]),
      { unit },
    ),
    tables: [
      {
        id: 'forecast',
        columns: [
          { header: 'AE' },
          { header: 'Pipeline at start', align: 'right' },
          { header: 'Forecast', align: 'right' },
          { header: 'Commit', align: 'right' },
          { header: 'Won', align: 'right' },
        ],
        rows,
      },
    ],
  };
}

export function risksSection(env: PageEnv, top = 10): Section {
  const ctx = scoped(env);
  const d = derive(ctx);
  const cur = ctx.currency;
  const deals = dealRisk(ctx, env.filters.ownerId ? { ownerId: env.filters.ownerId } : {}).filter(
    (x) => x.signals.length,
  );
  const shown = deals.slice(0, top);
  const company = (dealId: string) =>
    d.deals
      .get(dealId)
      ?.companyIds.map((id) => d.companies.get(id)?.name)
      .find(Boolean) ?? '';
  return {
    id: 'risks',
    title: 'Deals at risk',
    note: `${deals.length} open deals with a risk signal; the ${shown.length} with the most money at risk (amount × stage probability), every reason shown.`,
    chart: barsSpec(
      'Money at risk',
      shown.map((x) => ({ label: clip(x.dealName, 34), value: x.amountAtRisk / moneyAxis(cur).div })),
      { unit: moneyAxis(cur).unit },
    ),
    tables: [
      {
        id: 'risks',
        columns: [
          { header: 'Deal' },
          { header: 'Company' },
          { header: 'AE' },
          { header: 'Stage' },
          { header: 'Amount', align: 'right' },
          { header: 'At risk', align: 'right' },
          { header: 'Why' },
        ],
        rows: shown.map((x) => [
          cell(x.dealName, { href: dealHref(env, x.dealId) }),
          cell(company(x.dealId)),
          cell(x.ownerName, aeLink(env, x.ownerId)),
          cell(x.stage),
          cell(formatMoney(x.amount, cur), { value: x.amount, key: `risk.${x.dealId}.amount` }),
          cell(formatMoney(x.amountAtRisk, cur), { value: x.amountAtRisk, key: `risk.${x.dealId}.amountAtRisk` }),
          cell(x.signals.map((s) => s.explanation).join('; ')),
        ]),
        empty: 'No open deal has a risk signal.',
      },
    ],
  };
}

// ---------- pages ----------

function heading(env: PageEnv, what: string): string {
  const ctx = env.ctx;
  const parts = [`as of ${formatDateTime(ctx.asOf, ctx.timezone)}`];
  if (env.filters.ownerId) parts.push(derive(ctx).ownerName(env.filters.ownerId));
  if (env.filters.pipelineId)
    parts.push(ctx.data.crm.pipelines.find((p) => p.id === env.filters.pipelineId)?.label ?? '');
  return `${what} · ${parts.join(' · ')}`;
}

export function teamPage(env: PageEnv): Page {
  return {
    title: 'Team',
    subtitle: heading(env, env.ctx.data.crm.account.name ?? 'Sales team'),
    sections: [
      pipelineSection(env),
      ...momentumSections(env),
      coverageSection(env),
      scorecardSection(env),
      hygieneSection(env),
      forecastSection(env),
    ],
  };
}

function recordName(d: ReturnType<typeof derive>, f: Finding): string {
  if (!f.objectId) {
    const email = f.evidence['leadEmail'] ?? f.evidence['email'];
    return typeof email === 'string' ? email : 'SmartLead lead';
  }
  if (f.objectType === 'deal') return d.deals.get(f.objectId)?.name ?? `deal ${f.objectId}`;
  if (f.objectType === 'company') return d.companies.get(f.objectId)?.name ?? `company ${f.objectId}`;
  const c = d.contacts.get(f.objectId);
  const name = c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email : null;
  return name ?? `contact ${f.objectId}`;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export function findingsSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const d = derive(ctx);
  const findings = runChecks(ctx)
    .filter((f) => !env.filters.ownerId || f.ownerId === env.filters.ownerId)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  return {
    id: 'findings',
    title: 'Open findings',
    note: `${findings.length} findings from today's hygiene check.`,
    chart: barsSpec(
      'Findings by check',
      [...counts].map(([k, v]) => ({
        label: (CHECK_NAMES_FOR_PEOPLE as Record<string, string>)[k] ?? humanLabel(k),
        value: v,
      })),
      { unit: 'findings' },
    ),
    tables: [
      {
        id: 'findings',
        columns: [
          { header: 'Severity' },
          { header: 'Check' },
          { header: 'Record' },
          { header: 'AE' },
          { header: 'What' },
        ],
        rows: findings.map((f) => [
          cell(humanLabel(f.severity)),
          cell(CHECK_NAMES_FOR_PEOPLE[f.check] ?? humanLabel(f.check)),
          cell(recordName(d, f), f.objectType === 'deal' && f.objectId ? { href: dealHref(env, f.objectId) } : {}),
          cell(d.ownerName(f.ownerId), aeLink(env, f.ownerId)),
          cell(f.summary),
        ]),
        empty: 'No findings.',
      },
    ],
  };
}

export function updatesSection(env: PageEnv, ownerId: string): Section {
  const ctx = scoped(env);
  const d = derive(ctx);
  const said = latestSaid(env.state, ctx, ownerId);
  const rows = [...said].map(([dealId, s]) => [
    cell(formatDate(s.at, ctx.timezone)),
    cell(d.deals.get(dealId)?.name ?? `deal ${dealId}`, { href: dealHref(env, dealId) }),
    cell(clip(s.mention, 160)),
    cell(s.claimed),
    cell(s.crm),
    cell(humanLabel(s.type)),
  ]);
  return {
    id: 'updates',
    title: 'Reconciled updates',
    note: "What the AE's free-text updates said against what HubSpot shows, from the latest `mis reconcile` of each update.",
    tables: [
      {
        id: 'updates',
        columns: [
          { header: 'Reconciled' },
          { header: 'Deal' },
          { header: 'Update said' },
          { header: 'Claimed' },
          { header: 'HubSpot shows' },
          { header: 'Difference' },
        ],
        rows,
        empty: 'No reconciled updates from this AE yet (mis reconcile --owner … --update FILE).',
      },
    ],
  };
}

export function aePage(env: PageEnv): Page {
  const ctx = env.ctx;
  if (!env.filters.ownerId) {
    const owners = ctx.data.crm.owners.filter((o) => !o.archived && ctx.data.crm.deals.some((x) => x.ownerId === o.id));
    return {
      title: 'AE',
      subtitle: heading(env, 'Choose an AE'),
      sections: [
        {
          id: 'aes',
          title: 'AEs',
          tables: [
            {
              id: 'aes',
              columns: [{ header: 'AE' }, { header: 'Email' }],
              rows: owners.map((o) => [cell(o.name, { href: aeHref(env, o.id)! }), cell(o.email ?? '—')]),
            },
          ],
        },
      ],
    };
  }
  const name = derive(ctx).ownerName(env.filters.ownerId);
  return {
    title: name,
    subtitle: heading(env, 'AE'),
    sections: [
      scorecardSection(env),
      risksSection(env, 15),
      findingsSection(env),
      updatesSection(env, env.filters.ownerId),
      ...momentumSections(env),
    ],
  };
}

// ---------- deal ----------

export function dealPage(env: PageEnv, dealId: string): Page | null {
  const ctx = env.ctx;
  const d = derive(ctx);
  const deal = d.deals.get(dealId);
  if (!deal) return null;
  const tz = ctx.timezone;
  const cur = ctx.currency;
  const stage = d.stageOf(deal);
  const company = deal.companyIds.map((id) => d.companies.get(id)?.name).find(Boolean);
  const pipeline = ctx.data.crm.pipelines.find((p) => p.id === deal.pipelineId);
  const facts: Section = {
    id: 'facts',
    title: 'Deal',
    tables: [
      {
        id: 'facts',
        columns: [{ header: 'Field' }, { header: 'Value' }],
        rows: [
          [cell('Company'), cell(company ?? '—')],
          [cell('AE'), cell(d.ownerName(deal.ownerId), aeLink(env, deal.ownerId))],
          [cell('Pipeline'), cell(pipeline?.label ?? '—')],
          [cell('Stage'), cell(stage?.label ?? '—')],
          [cell('Amount'), cell(formatMoney(deal.amount, cur), { value: deal.amount, key: 'deal.amount' })],
          [cell('Close date'), cell(formatDate(deal.closeDate, tz))],
          [cell('Created'), cell(formatDate(deal.createdAt, tz))],
        ],
      },
    ],
  };
  const stageLabel = (id: string | null) => (id ? (d.stageById(deal.pipelineId, id)?.label ?? id) : '—');
  const history: Section = {
    id: 'stages',
    title: 'Stage history',
    tables: [
      {
        id: 'stages',
        columns: [{ header: 'When' }, { header: 'Stage' }],
        rows: [...deal.stageHistory]
          .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
          .map((h) => [cell(formatDate(h.timestamp, tz)), cell(stageLabel(h.value))]),
        empty: 'No stage history.',
      },
    ],
  };
  const risk = dealRisk(ctx, { dealId })[0];
  const signals: Section = {
    id: 'signals',
    title: 'Risk signals',
    note:
      risk?.score !== null && risk?.score !== undefined
        ? `Risk score ${risk.score} of 100; money at risk ${formatMoney(risk.amountAtRisk, cur)}.`
        : 'Closed deals carry no risk score.',
    tables: [
      {
        id: 'signals',
        columns: [
          { header: 'Signal' },
          { header: 'Weight', align: 'right' },
          { header: 'Why' },
          { header: 'Evidence' },
        ],
        rows: (risk?.signals ?? []).map((s) => [
          cell(humanLabel(s.signal)),
          cell(String(s.weight), { value: s.weight, key: `signal.${s.signal}.weight` }),
          cell(s.explanation),
          cell(evidenceText(s.evidence, tz)),
        ]),
        empty: 'No risk signal on this deal.',
      },
    ],
  };
  const said = deal.ownerId ? latestSaid(env.state, ctx, deal.ownerId).get(dealId) : undefined;
  const saidSection: Section = {
    id: 'said',
    title: 'What the AE said vs HubSpot',
    tables: [
      {
        id: 'said',
        columns: [
          { header: 'Reconciled' },
          { header: 'Update said' },
          { header: 'Claimed' },
          { header: 'HubSpot shows' },
        ],
        rows: said
          ? [[cell(formatDate(said.at, tz)), cell(clip(said.mention, 200)), cell(said.claimed), cell(said.crm)]]
          : [],
        empty: 'No reconciled update mentions this deal.',
      },
    ],
  };
  // Timeline: HubSpot engagements and SmartLead messages with the deal's contacts, newest first.
  const items: { at: string; kind: string; text: string }[] = [];
  for (const e of d.engagementsByDeal.get(dealId) ?? [])
    items.push({
      at: e.timestamp,
      kind: humanLabel(e.kind),
      text: clip([e.subject, e.body].filter(Boolean).join(' — ') || '—', 180),
    });
  const emails = new Set(
    deal.contactIds.map((id) => d.contacts.get(id)?.email?.toLowerCase()).filter((x): x is string => Boolean(x)),
  );
  for (const email of emails)
    for (const m of d.smartleadByEmail.get(email) ?? [])
      items.push({
        at: m.time,
        kind: m.type === 'REPLY' ? 'SmartLead reply' : 'SmartLead email sent',
        text: clip([m.subject, m.body].filter(Boolean).join(' — ') || '—', 180),
      });
  items.sort((a, b) => b.at.localeCompare(a.at));
  const weeks = new Map<string, number>();
  for (const it of items) {
    const wk = new Date(startOfWeek(Date.parse(it.at), tz)).toISOString();
    weeks.set(wk, (weeks.get(wk) ?? 0) + 1);
  }
  const weekData = [...weeks]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .slice(-12)
    .map(([w, n]) => ({ label: formatDate(w, tz), value: n }));
  const timeline: Section = {
    id: 'timeline',
    title: 'Timeline',
    note: `${items.length} engagements and SmartLead messages, newest first.`,
    ...(weekData.length
      ? { chart: barsSpec('Activity per week (last 12 active weeks)', weekData, { unit: 'activities' }) }
      : {}),
    tables: [
      {
        id: 'timeline',
        columns: [{ header: 'When' }, { header: 'What' }, { header: 'Detail' }],
        rows: items.map((it) => [cell(formatDateTime(it.at, tz)), cell(it.kind), cell(it.text)]),
        empty: 'Nothing logged on this deal.',
      },
    ],
  };
  return {
    title: deal.name,
    subtitle: heading(env, company ?? 'Deal'),
    ...(env.portalId !== null
      ? { external: { label: 'Open in HubSpot', href: hubspotDealUrl(env.portalId, dealId) } }
      : {}),
    sections: [facts, signals, dealFindings(env, dealId), saidSection, history, timeline],
  };
}

function dealFindings(env: PageEnv, dealId: string): Section {
  const found = runChecks(env.ctx).filter((f) => f.objectType === 'deal' && f.objectId === dealId);
  return {
    id: 'deal-findings',
    title: 'Hygiene findings',
    note: "Today's hygiene check on this deal.",
    tables: [
      {
        id: 'deal-findings',
        columns: [{ header: 'Severity' }, { header: 'Check' }, { header: 'What' }, { header: 'Evidence' }],
        rows: found.map((f) => [
          cell(humanLabel(f.severity)),
          cell(CHECK_NAMES_FOR_PEOPLE[f.check] ?? humanLabel(f.check)),
          cell(f.summary),
          cell(evidenceText(f.evidence, env.ctx.timezone)),
        ]),
        empty: 'No hygiene finding on this deal.',
      },
    ],
  };
}

/** Evidence fields a person would not read: record ids, raw amounts beside their text, raw property values. */
const HIDDEN_EVIDENCE = /[a-z](Id|Ids)$|^(id|ids|amount|closedate|closeDay|today)$/;

function evidenceText(e: Record<string, unknown>, tz: string): string {
  return Object.entries(e)
    .filter(([k]) => !HIDDEN_EVIDENCE.test(k))
    .filter(([, v]) => v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v)))
    .map(([k, v]) => {
      const val = Array.isArray(v)
        ? v.join(', ')
        : typeof v === 'string' && /^\d{4}-\d\d-\d\d(T|$)/.test(v)
          ? formatDate(v, tz)
          : String(v);
      const name = k === 'amountText' ? 'amount' : k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return `${name}: ${val}`;
    })
    .join('; ');
}

// ---------- marketing and review ----------

export function sourceSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const s = bySource(ctx, env.filters.range);
  const cur = s.currency;
  const { div, unit } = moneyAxis(cur);
  return {
    id: 'source',
    title: 'Leads and pipeline by source',
    note: `Leads, deals and won revenue by the contact's original source, ${periodText(s.period, ctx.timezone)}.`,
    chart: barsSpec(
      'Open pipeline and won by source',
      s.sources.flatMap((r) => [
        { label: humanLabel(r.source), series: 'Open', value: r.open.amount / div },
        { label: humanLabel(r.source), series: 'Won', value: r.won.amount / div },
      ]),
      { unit },
    ),
    tables: [
      {
        id: 'source',
        columns: [
          { header: 'Source' },
          { header: 'Class' },
          { header: 'Leads', align: 'right' },
          { header: 'Deals', align: 'right' },
          { header: 'Open', align: 'right' },
          { header: 'Won', align: 'right' },
        ],
        rows: s.sources.map((r) => [
          cell(humanLabel(r.source)),
          cell(humanLabel(r.class)),
          cell(num(r.leads), { value: r.leads, key: `source.${r.source}.leads` }),
          cell(num(r.deals), { value: r.deals, key: `source.${r.source}.deals` }),
          cell(`${r.open.count} · ${formatMoney(r.open.amount, cur)}`, {
            value: r.open.amount,
            key: `source.${r.source}.open.amount`,
          }),
          cell(`${r.won.count} · ${formatMoney(r.won.amount, cur)}`, {
            value: r.won.amount,
            key: `source.${r.source}.won.amount`,
          }),
        ]),
      },
    ],
  };
}

export function attributionSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const first = attribution(ctx, 'first_touch', env.filters.range);
  const decay = attribution(ctx, 'time_decay', env.filters.range);
  const cur = decay.currency;
  const { div, unit } = moneyAxis(cur);
  const channels = [...new Set([...first.byChannel, ...decay.byChannel].map((c) => c.channel))];
  const find = (a: typeof first, ch: string) => a.byChannel.find((c) => c.channel === ch);
  return {
    id: 'attribution',
    title: 'Attribution models side by side',
    note: `Won revenue credited to marketing channels, first touch vs time decay (half-life ${decay.halfLifeDays} days); ${periodText(decay.period, ctx.timezone)}.`,
    chart: barsSpec(
      'Attributed revenue by channel',
      channels.flatMap((ch) => [
        { label: humanLabel(ch), series: 'First touch', value: (find(first, ch)?.revenue ?? 0) / div },
        { label: humanLabel(ch), series: 'Time decay', value: (find(decay, ch)?.revenue ?? 0) / div },
      ]),
      { unit },
    ),
    tables: [
      {
        id: 'attribution',
        columns: [
          { header: 'Channel' },
          { header: 'First touch: deals', align: 'right' },
          { header: 'First touch: revenue', align: 'right' },
          { header: 'Time decay: deals', align: 'right' },
          { header: 'Time decay: revenue', align: 'right' },
        ],
        rows: channels.map((ch) => {
          const a = find(first, ch);
          const b = find(decay, ch);
          return [
            cell(humanLabel(ch)),
            cell(String(r1(a?.conversions ?? 0)), { value: a?.conversions ?? 0 }),
            cell(formatMoney(a?.revenue ?? 0, cur), {
              value: a?.revenue ?? 0,
              key: `attribution.first_touch.${ch}.revenue`,
            }),
            cell(String(r1(b?.conversions ?? 0)), { value: b?.conversions ?? 0 }),
            cell(formatMoney(b?.revenue ?? 0, cur), {
              value: b?.revenue ?? 0,
              key: `attribution.time_decay.${ch}.revenue`,
            }),
          ];
        }),
      },
    ],
  };
}

export function roiSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const r = campaignRoi(ctx, env.filters.range);
  const cur = r.currency;
  return {
    id: 'roi',
    title: 'Campaign ROI',
    note: `Attributed revenue (time decay) ÷ spend; ${periodText(r.period, ctx.timezone)}. Total spend ${formatMoney(r.totals.spend, cur)}, ROI ${r.totals.roi === null ? '—' : `${r1(r.totals.roi)}×`}.`,
    chart: barsSpec(
      'ROI per campaign (revenue ÷ spend)',
      r.campaigns.filter((c) => c.roi !== null).map((c) => ({ label: clip(c.name, 34), value: c.roi ?? 0 })),
      { unit: 'ROI ×' },
    ),
    tables: [
      {
        id: 'roi',
        columns: [
          { header: 'Campaign' },
          { header: 'Channel' },
          { header: 'Spend', align: 'right' },
          { header: 'Leads', align: 'right' },
          { header: 'Cost per lead', align: 'right' },
          { header: 'Attributed revenue', align: 'right' },
          { header: 'ROI', align: 'right' },
        ],
        rows: r.campaigns.map((c) => [
          cell(c.name),
          cell(humanLabel(c.channel)),
          cell(formatMoney(c.spend, cur), { value: c.spend, key: `roi.${c.campaignId}.spend` }),
          cell(num(c.leads), { value: c.leads, key: `roi.${c.campaignId}.leads` }),
          cell(formatMoney(c.costPerLead, cur), { value: c.costPerLead }),
          cell(formatMoney(c.attributedRevenue, cur), {
            value: c.attributedRevenue,
            key: `roi.${c.campaignId}.attributedRevenue`,
          }),
          cell(c.roi === null ? '—' : `${r1(c.roi)}×`, { value: c.roi }),
        ]),
      },
    ],
  };
}

export function smartleadSection(env: PageEnv): Section {
  const ctx = env.ctx;
  const o = ctx.data.outreach;
  const range = env.filters.range;
  const asOf = ctx.asOf;
  const counts = new Map<number, { sent: number; replies: number }>();
  for (const m of o?.messages ?? []) {
    if (m.time > asOf) continue;
    if (range && (m.time < range.from || m.time >= range.to)) continue;
    const c = counts.get(m.campaignId) ?? { sent: 0, replies: 0 };
    if (m.type === 'SENT') c.sent++;
    else c.replies++;
    counts.set(m.campaignId, c);
  }
  const campaigns = (o?.campaigns ?? []).map((c) => ({ c, n: counts.get(c.id) ?? { sent: 0, replies: 0 } }));
  return {
    id: 'smartlead',
    title: 'SmartLead sends and replies per campaign',
    note: `${range ? periodText(range, ctx.timezone) : 'all time'}: emails sent and replies received, from the synced SmartLead message history.`,
    chart: barsSpec(
      'SmartLead sends and replies',
      campaigns.flatMap(({ c, n }) => [
        { label: clip(c.name, 34), series: 'Sent', value: n.sent },
        { label: clip(c.name, 34), series: 'Replies', value: n.replies },
      ]),
      { unit: 'emails' },
    ),
    tables: [
      {
        id: 'smartlead',
        columns: [
          { header: 'Campaign' },
          { header: 'Status' },
          { header: 'Sent', align: 'right' },
          { header: 'Replies', align: 'right' },
          { header: 'Reply rate', align: 'right' },
        ],
        rows: campaigns.map(({ c, n }) => [
          cell(c.name),
          cell(humanLabel(c.status)),
          cell(num(n.sent), { value: n.sent, key: `smartlead.${c.id}.sent` }),
          cell(num(n.replies), { value: n.replies, key: `smartlead.${c.id}.replies` }),
          cell(pct(n.sent ? n.replies / n.sent : null), { value: n.sent ? n.replies / n.sent : null }),
        ]),
        empty: 'No SmartLead campaigns synced.',
      },
    ],
  };
}

export function funnelSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const f = funnelConversion(ctx, env.filters.range);
  return {
    id: 'funnel',
    title: 'Funnel with stage conversion',
    note: `${f.cohort} contacts in the cohort (${periodText(f.period, ctx.timezone)}); ${pct(f.overallConversion)} became customers.`,
    chart: barsSpec(
      'Contacts reaching each stage',
      f.stages.map((s) => ({ label: humanLabel(s.stage), value: s.reached })),
      { unit: 'contacts' },
    ),
    tables: [
      {
        id: 'funnel',
        columns: [
          { header: 'Stage' },
          { header: 'Reached', align: 'right' },
          { header: 'From previous', align: 'right' },
          { header: 'From lead', align: 'right' },
        ],
        rows: f.stages.map((s) => [
          cell(humanLabel(s.stage)),
          cell(num(s.reached), { value: s.reached, key: `funnel.${s.stage}.reached` }),
          cell(pct(s.conversionFromPrevious), { value: s.conversionFromPrevious }),
          cell(pct(s.conversionFromLead), { value: s.conversionFromLead }),
        ]),
      },
    ],
  };
}

export function handoffSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const h = handoffSla(ctx, env.filters.range);
  const d = derive(ctx);
  const tz = ctx.timezone;
  return {
    id: 'handoff',
    title: 'Handoff SLA',
    note: `MQLs in ${periodText(h.period, tz)} and their first sales touch within ${h.slaHours} h: ${h.withinSla} of ${h.mqls} within, ${h.late} late, ${h.untouched} untouched.`,
    chart: barsSpec(
      'MQL handoffs',
      [
        { label: 'Within SLA', value: h.withinSla },
        { label: 'Late', value: h.late },
        { label: 'Untouched, breached', value: h.untouchedBreached },
        { label: 'Untouched, pending', value: h.untouchedPending },
      ],
      { unit: 'MQLs' },
    ),
    tables: [
      {
        id: 'handoff-summary',
        columns: [
          { header: 'MQLs', align: 'right' },
          { header: 'Touched', align: 'right' },
          { header: 'Within SLA', align: 'right' },
          { header: 'Late', align: 'right' },
          { header: 'Untouched', align: 'right' },
          { header: 'Share within SLA', align: 'right' },
          { header: 'Median hours', align: 'right' },
        ],
        rows: [
          [
            cell(num(h.mqls), { value: h.mqls, key: 'handoff.mqls' }),
            cell(num(h.touched), { value: h.touched, key: 'handoff.touched' }),
            cell(num(h.withinSla), { value: h.withinSla, key: 'handoff.withinSla' }),
            cell(num(h.late), { value: h.late, key: 'handoff.late' }),
            cell(num(h.untouched), { value: h.untouched, key: 'handoff.untouched' }),
            cell(pct(h.shareWithinSla), { value: h.shareWithinSla }),
            cell(h.medianHours === null ? '—' : String(r1(h.medianHours)), { value: h.medianHours }),
          ],
        ],
      },
      {
        id: 'handoff',
        columns: [
          { header: 'Contact' },
          { header: 'AE' },
          { header: 'MQL' },
          { header: 'First touch' },
          { header: 'Hours', align: 'right' },
          { header: 'Status' },
        ],
        rows: h.contacts
          .filter((c) => !env.filters.ownerId || c.ownerId === env.filters.ownerId)
          .map((c) => [
            cell(c.name),
            cell(d.ownerName(c.ownerId), aeLink(env, c.ownerId)),
            cell(formatDateTime(c.mqlAt, tz)),
            cell(
              c.firstTouchAt
                ? `${formatDateTime(c.firstTouchAt, tz)}${c.firstTouchVia ? ` (${humanLabel(c.firstTouchVia)})` : ''}`
                : '—',
            ),
            cell(c.hours === null ? '—' : String(r1(c.hours)), { value: c.hours }),
            cell(humanLabel(c.status)),
          ]),
        empty: 'No MQLs in this period.',
      },
    ],
  };
}

export function marketingPage(env: PageEnv): Page {
  return {
    title: 'Marketing',
    subtitle: heading(env, 'Channels, campaigns and the funnel'),
    sections: [
      sourceSection(env),
      attributionSection(env),
      roiSection(env),
      smartleadSection(env),
      funnelSection(env),
      handoffSection(env),
    ],
  };
}

export function sourcedSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const s = sourcedPipeline(ctx);
  const cur = s.currency;
  const { div, unit } = moneyAxis(cur);
  return {
    id: 'sourced',
    title: 'Marketing- vs sales-sourced pipeline',
    note: `Marketing sourced ${pct(s.marketingShareOfOpen)} of open pipeline and ${pct(s.marketingShareOfWon)} of won.`,
    chart: barsSpec(
      'Pipeline by who sourced it',
      s.classes.flatMap((c) => [
        { label: humanLabel(c.class), series: 'Open', value: c.open.amount / div },
        { label: humanLabel(c.class), series: 'Won', value: c.won.amount / div },
      ]),
      { unit },
    ),
    tables: [
      {
        id: 'sourced',
        columns: [
          { header: 'Sourced by' },
          { header: 'Deals', align: 'right' },
          { header: 'Open', align: 'right' },
          { header: 'Won', align: 'right' },
          { header: 'Lost', align: 'right' },
        ],
        rows: s.classes.map((c) => [
          cell(humanLabel(c.class)),
          cell(num(c.deals), { value: c.deals, key: `sourced.${c.class}.deals` }),
          cell(`${c.open.count} · ${formatMoney(c.open.amount, cur)}`, {
            value: c.open.amount,
            key: `sourced.${c.class}.open.amount`,
          }),
          cell(`${c.won.count} · ${formatMoney(c.won.amount, cur)}`, {
            value: c.won.amount,
            key: `sourced.${c.class}.won.amount`,
          }),
          cell(`${c.lost.count} · ${formatMoney(c.lost.amount, cur)}`, { value: c.lost.amount }),
        ]),
      },
    ],
  };
}

export function reviewPage(env: PageEnv): Page {
  const ctx = scoped(env);
  const m = weeklyMomentum(ctx, env.filters.range);
  const cur = m.currency;
  const h = handoffSla(ctx, env.filters.range);
  const s = sourcedPipeline(ctx);
  const f = funnelConversion(ctx, env.filters.range);
  const c = pipelineCoverage(ctx);
  const headline: Section = {
    id: 'headline',
    title: 'The week in numbers',
    note: `The joint sales–marketing review for ${periodText(m.period, ctx.timezone)}: one page, the same numbers as the team and marketing pages.`,
    tables: [
      {
        id: 'headline',
        columns: [{ header: 'Measure' }, { header: 'Value', align: 'right' }],
        rows: [
          [
            cell('New deals'),
            cell(`${m.team.new.count} · ${formatMoney(m.team.new.amount, cur)}`, {
              value: m.team.new.count,
              key: 'review.new.count',
            }),
          ],
          [
            cell('Won'),
            cell(`${m.team.won.count} · ${formatMoney(m.team.won.amount, cur)}`, {
              value: m.team.won.amount,
              key: 'review.won.amount',
            }),
          ],
          [
            cell('Lost'),
            cell(`${m.team.lost.count} · ${formatMoney(m.team.lost.amount, cur)}`, {
              value: m.team.lost.amount,
              key: 'review.lost.amount',
            }),
          ],
          [
            cell('Open pipeline at the end'),
            cell(formatMoney(m.team.waterfall.end.amount, cur), {
              value: m.team.waterfall.end.amount,
              key: 'waterfall.end.amount',
            }),
          ],
          [
            cell('Team coverage this quarter'),
            cell(c.team.coverage === null ? 'quota made' : `${c.team.coverage.toFixed(1)}×`, {
              value: c.team.coverage,
              key: 'coverage.team.coverage',
            }),
          ],
          [
            cell('Marketing share of open pipeline'),
            cell(pct(s.marketingShareOfOpen), { value: s.marketingShareOfOpen, key: 'sourced.marketingShareOfOpen' }),
          ],
          [
            cell('Lead → customer'),
            cell(pct(f.overallConversion), { value: f.overallConversion, key: 'funnel.overallConversion' }),
          ],
          [
            cell('MQLs handed off within SLA'),
            cell(`${h.withinSla} of ${h.mqls}`, { value: h.withinSla, key: 'handoff.withinSla' }),
          ],
        ],
      },
    ],
  };
  return {
    title: 'Weekly sales–marketing review',
    subtitle: heading(env, 'Review'),
    sections: [
      headline,
      ...momentumSections(env, m).slice(0, 1),
      sourcedSection(env),
      funnelSection(env),
      handoffSection(env),
      roiSection(env),
      risksSection(env, 5),
      coverageSection(env),
    ],
  };
}
