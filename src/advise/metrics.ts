/**
 * metrics: what the leadership dashboard should show per audience (marketing, sales, leadership), each with this
 * portal's current value from its metric, and the ones the data cannot support yet with what to start recording.
 */
import { z } from 'zod';
import type { AnalysisContext } from '../analysis/index.js';
import { runChecks } from '../analysis/checks/index.js';
import {
  aging,
  attainment,
  cac,
  funnelConversion,
  ltv,
  pipelineCoverage,
  speedToLead,
  velocity,
} from '../analysis/metrics/index.js';
import { DASHBOARD, base, baseShape, fmtOf, numbered, r0, r1, sharePct } from './common.js';

export const AUDIENCES = ['marketing', 'sales', 'leadership'] as const;

export const metricsAdviceSchema = z.object({
  topic: z.literal('metrics'),
  ...baseShape,
  metrics: z.array(
    z.object({
      audience: z.enum(AUDIENCES),
      name: z.string(),
      value: z
        .number()
        .nullable()
        .describe('the current value (percent as a whole number, money in the portal currency)'),
      shown: z.string().describe('the value as people read it'),
      target: z.string().nullable(),
      supported: z.boolean().describe('false: the data cannot support it yet'),
      toRecord: z.string().nullable().describe('what to start recording to support it'),
      command: z.string().describe('mis metrics <name>'),
      page: z.string().describe('the dashboard page that shows it'),
    }),
  ),
});
export type MetricsAdvice = z.infer<typeof metricsAdviceSchema>;
type Row = MetricsAdvice['metrics'][number];

export function adviseMetrics(ctx: AnalysisContext): MetricsAdvice {
  const f = fmtOf(ctx);
  const asOf = Date.parse(ctx.asOf);
  const year = { from: new Date(asOf - 365 * 86_400_000).toISOString(), to: new Date(asOf + 1).toISOString() };
  const funnel = funnelConversion(ctx);
  const stl = speedToLead(ctx, year);
  const c = cac(ctx);
  const l = ltv(ctx);
  const cov = pipelineCoverage(ctx);
  const vel = velocity(ctx);
  const ag = aging(ctx);
  const att = attainment(ctx);
  const stale = runChecks(ctx, ['stale_deal']).length;
  const open = vel.team.openDeals;
  const hasSpend = c.marketingSpend > 0;
  const hasSalesCost = c.salesCost > 0;
  const pctRow = (v: number | null) => (v === null ? '—' : `${v}%`);

  const rows: Row[] = [
    {
      audience: 'marketing',
      name: 'Lead to customer conversion',
      value: sharePct(funnel.overallConversion),
      shown: pctRow(sharePct(funnel.overallConversion)),
      target: null,
      supported: funnel.cohort > 0,
      toRecord: funnel.cohort > 0 ? null : 'lifecycle stages on contacts',
      command: 'mis metrics funnel',
      page: DASHBOARD.marketing.path,
    },
    {
      audience: 'marketing',
      name: `MQLs touched within ${stl.targetHours} h (last 12 months)`,
      value: sharePct(stl.team.shareWithinTarget),
      shown: pctRow(sharePct(stl.team.shareWithinTarget)),
      target: '100%',
      supported: stl.team.mqls > 0,
      toRecord: stl.team.mqls > 0 ? null : 'lifecycle stage history (MQL moments) and logged calls/emails',
      command: 'mis metrics speed-to-lead',
      page: DASHBOARD.marketing.path,
    },
    {
      audience: 'marketing',
      name: 'Marketing CAC (last 12 months)',
      value: c.marketingCac === null ? null : r0(c.marketingCac),
      shown: f.money(c.marketingCac),
      target: l.ltv === null ? null : `under ${f.money(r0(l.ltv / 3))} (LTV ÷ 3)`,
      supported: hasSpend && c.marketingCac !== null,
      toRecord: hasSpend ? null : 'campaign spend (marketing campaigns or mis.config.json spend)',
      command: 'mis metrics cac',
      page: DASHBOARD.marketing.path,
    },
    {
      audience: 'sales',
      name: 'Pipeline coverage this quarter',
      value: cov.team.coverage === null ? null : r1(cov.team.coverage),
      shown: cov.team.coverage === null ? '—' : `${r1(cov.team.coverage)}×`,
      target: `${cov.team.target}× to ${cov.team.targetMax}×`,
      supported: cov.team.coverage !== null,
      toRecord: null,
      command: 'mis metrics coverage',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'sales',
      name: 'Win rate',
      value: sharePct(vel.team.winRate),
      shown: pctRow(sharePct(vel.team.winRate)),
      target: null,
      supported: vel.team.winRate !== null,
      toRecord: vel.team.winRate !== null ? null : 'closed deals in won and lost stages',
      command: 'mis metrics velocity',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'sales',
      name: 'Median sales cycle (days)',
      value: vel.team.medianCycleDays === null ? null : r0(vel.team.medianCycleDays),
      shown: vel.team.medianCycleDays === null ? '—' : `${r0(vel.team.medianCycleDays)} days`,
      target: null,
      supported: vel.team.medianCycleDays !== null,
      toRecord: null,
      command: 'mis metrics velocity',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'sales',
      name: 'Open deals aged past 1.5× their stage median',
      value: sharePct(ag.team.shareAged),
      shown: pctRow(sharePct(ag.team.shareAged)),
      target: null,
      supported: ag.team.withBaseline > 0,
      toRecord: ag.team.withBaseline > 0 ? null : 'deal stage history',
      command: 'mis metrics aging',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'sales',
      name: 'Stale open deals',
      value: open > 0 ? sharePct(stale / open) : null,
      shown: open > 0 ? `${sharePct(stale / open)}% (${stale} of ${open})` : '—',
      target: 'under 20%',
      supported: open > 0,
      toRecord: null,
      command: 'mis check',
      page: DASHBOARD.ae.path,
    },
    {
      audience: 'leadership',
      name: 'Quota attainment this quarter',
      value: sharePct(att.team.attainment),
      shown: pctRow(sharePct(att.team.attainment)),
      target: '100%',
      supported: !att.team.usesDefaultQuota,
      toRecord: att.team.usesDefaultQuota
        ? 'each AE’s quota (mis.config.json quotas.monthly or targets.quarterlyQuota)'
        : null,
      command: 'mis metrics attainment',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'leadership',
      name: 'Weighted pipeline this quarter',
      value: r0(cov.team.weighted),
      shown: f.money(cov.team.weighted),
      target: null,
      supported: true,
      toRecord: null,
      command: 'mis metrics forecast',
      page: DASHBOARD.team.path,
    },
    {
      audience: 'leadership',
      name: 'LTV to CAC',
      value: l.ltvToCac === null ? null : r1(l.ltvToCac),
      shown: l.ltvToCac === null ? '—' : `${r1(l.ltvToCac)}:1`,
      target: '3:1 or better',
      supported: hasSpend && hasSalesCost && l.ltvToCac !== null,
      toRecord: hasSalesCost ? null : 'sales cost per month (mis.config.json salesCost)',
      command: 'mis metrics ltv',
      page: DASHBOARD.review.path,
    },
    {
      audience: 'leadership',
      name: 'CAC payback (months)',
      value: l.cacPaybackMonths === null ? null : r1(l.cacPaybackMonths),
      shown: l.cacPaybackMonths === null ? '—' : `${r1(l.cacPaybackMonths)} months`,
      target: 'under 12 months',
      supported: hasSpend && hasSalesCost && l.cacPaybackMonths !== null,
      toRecord: hasSalesCost ? null : 'sales cost per month (mis.config.json salesCost)',
      command: 'mis metrics ltv',
      page: DASHBOARD.review.path,
    },
  ];
  const unsupported = rows.filter((r) => !r.supported);
  const plan = numbered([
    {
      action: 'Put the supported metrics on the dashboard per audience (below); the pages already show them',
      why: `${rows.length - unsupported.length} of ${rows.length} metrics have the data today`,
      amount: null,
      count: rows.length - unsupported.length,
      records: [],
    },
    ...[...new Set(unsupported.map((r) => r.toRecord ?? 'the inputs'))].map((what) => {
      const concerned = unsupported.filter((r) => (r.toRecord ?? 'the inputs') === what);
      return {
        action: `Start recording ${what}`,
        why: `${concerned.map((r) => `${r.name} (${r.shown} today)`).join(' and ')} ${concerned.length > 1 ? 'are' : 'is'} computed without it, so not to be trusted yet`,
        amount: null,
        count: concerned.length,
        records: [],
      };
    }),
    {
      action: 'Review the marketing and sales numbers together once a week (mis report weekly --email)',
      why: 'the handoff between the two is where leads are lost',
      amount: null,
      count: null,
      records: [],
    },
  ]);
  return metricsAdviceSchema.parse({
    topic: 'metrics',
    ...base(ctx),
    headline:
      `${rows.length} metrics across marketing, sales and leadership; ${rows.length - unsupported.length} are supported by this portal's data today` +
      (unsupported.length ? ` and ${unsupported.length} need something recorded first.` : '.'),
    metrics: rows,
    plan,
    cannotTell: [
      'Revenue booked outside HubSpot (invoices, renewals handled by finance) is not in these figures.',
      ...unsupported.map((r) => `${r.name}: needs ${r.toRecord ?? 'more data'}.`),
    ],
    links: [DASHBOARD.team, DASHBOARD.ae, DASHBOARD.marketing, DASHBOARD.review],
    sources: [...new Set(rows.map((r) => r.command))],
  });
}
