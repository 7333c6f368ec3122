/**
 * The newer metrics where a manager looks: forward forecast by category, quota attainment per AE, speed to lead
 * against the SLA and aging on the Team page (the leaderboard only when the team turned it on); lead-score bands,
 * channel performance and CAC/LTV on the Marketing page; attainment and speed to lead on the Review. Each number
 * is computed by the same call `mis metrics <name> --json` makes, filtered the same way (`--owner` keeps that AE's
 * rows, team totals stay).
 */
import type { AnalysisContext } from '../analysis/index.js';
import {
  aging,
  attainment,
  cac,
  channelPerformance,
  forwardForecast,
  leaderboard,
  leadScores,
  ltv,
  speedToLead,
} from '../analysis/metrics/index.js';
import { dealBrief, briefSections, saidByDeal } from '../assist/index.js';
import { barsSpec, moneyAxis } from '../charts/index.js';
import { formatMoney, humanLabel } from '../format/index.js';
import { cell, type Page, type Section } from './model.js';
import { aeLink, dealHref, keep, periodText, scoped, type PageEnv } from './pages.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1] ?? ym} ${ym.slice(0, 4)}`;
const CATEGORIES = [
  ['commit', 'Commit'],
  ['best_case', 'Best case'],
  ['pipeline', 'Pipeline'],
  ['omitted', 'Omitted'],
] as const;

export function forwardForecastSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const f = forwardForecast(ctx);
  const cur = f.currency;
  const { div, unit } = moneyAxis(cur);
  const rows = [...keep(f.byOwner, env.filters.ownerId), f.team];
  const chartRow = env.filters.ownerId ? (rows[0] ?? f.team) : f.team;
  return {
    id: 'forward',
    title: 'Forward forecast by close month',
    note: `Open deals by the month they are due to close: commit at ${pct(f.thresholds.commitMinProbability)} stage probability or more, best case from ${pct(f.thresholds.bestCaseMinProbability)}, unless the deal's own forecast category says otherwise. Change: the next months' total now against a week ago.`,
    chart: barsSpec(
      `Forward forecast, ${chartRow.ownerName}`,
      chartRow.months.flatMap((m) =>
        CATEGORIES.filter(([k]) => k !== 'omitted').map(([k, label]) => ({
          label: month(m.month),
          series: label,
          value: m.categories[k].amount / div,
        })),
      ),
      { unit, stack: true },
    ),
    tables: [
      {
        id: 'forward',
        columns: [
          { header: 'AE' },
          ...CATEGORIES.map(([, label]) => ({ header: label, align: 'right' as const })),
          { header: 'Overdue', align: 'right' },
          { header: 'Change in a week', align: 'right' },
        ],
        rows: rows.map((r) => {
          const id = r.ownerId ?? 'team';
          const sum = (k: (typeof CATEGORIES)[number][0]) => r.months.reduce((s, m) => s + m.categories[k].amount, 0);
          return [
            cell(r.ownerName, aeLink(env, r.ownerId)),
            ...CATEGORIES.map(([k]) => cell(formatMoney(sum(k), cur), { value: sum(k), key: `forward.${id}.${k}` })),
            cell(`${formatMoney(r.overdue.amount, cur)} (${r.overdue.count})`, {
              value: r.overdue.amount,
              key: `forward.${id}.overdue`,
            }),
            cell(signed(r.weekOverWeek.total, cur), { value: r.weekOverWeek.total, key: `forward.${id}.weekOverWeek` }),
          ];
        }),
      },
    ],
  };
}

function signed(x: number, cur: string): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatMoney(Math.abs(x), cur)}`;
}

export function attainmentSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const a = attainment(ctx, env.filters.range);
  const cur = a.currency;
  const rows = [...keep(a.byOwner, env.filters.ownerId), a.team];
  const anyDefault = rows.some((r) => r.usesDefaultQuota);
  return {
    id: 'attainment',
    title: 'Quota attainment',
    note: `${periodText(a.period, ctx.timezone)}: new business won against quota.${anyDefault ? ` * marks a default quota of ${formatMoney(a.defaultMonthlyQuota, cur)} a month, used where none is configured (set quotas in mis.config.json).` : ''}`,
    chart: barsSpec(
      'Attainment',
      keep(a.byOwner, env.filters.ownerId).map((r) => ({
        label: `${r.ownerName}${r.usesDefaultQuota ? ' *' : ''}`,
        value: r.attainment ?? 0,
      })),
      { unit: 'of quota', percent: true, target: 1, targetLabel: 'quota' },
    ),
    tables: [
      {
        id: 'attainment',
        columns: [
          { header: 'AE' },
          { header: 'Won', align: 'right' },
          { header: 'Quota', align: 'right' },
          { header: 'Attainment', align: 'right' },
        ],
        rows: rows.map((r) => {
          const id = r.ownerId ?? 'team';
          return [
            cell(r.ownerName, aeLink(env, r.ownerId)),
            cell(formatMoney(r.won, cur), { value: r.won, key: `attainment.${id}.won` }),
            cell(`${formatMoney(r.quota, cur)}${r.usesDefaultQuota ? ' *' : ''}`, {
              value: r.quota,
              key: `attainment.${id}.quota`,
            }),
            cell(pct(r.attainment), { value: r.attainment, key: `attainment.${id}.attainment` }),
          ];
        }),
      },
    ],
  };
}

export function speedToLeadSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const s = speedToLead(ctx, env.filters.range);
  const rows = [...keep(s.byOwner, env.filters.ownerId), s.team];
  return {
    id: 'speed-to-lead',
    title: `Speed to lead (SLA ${s.targetHours} h)`,
    note: `${periodText(s.period, ctx.timezone)}: MQLs first touched by a call, meeting or email within ${s.targetHours} hours, and follow-up attempts (target ${s.attemptsTarget} in ${s.windowDays} days).`,
    chart: barsSpec(
      `Median hours to the first touch (SLA ${s.targetHours} h)`,
      keep(s.byOwner, env.filters.ownerId).map((r) => ({ label: r.ownerName, value: r.medianHours ?? 0 })),
      { unit: 'hours', target: s.targetHours, targetLabel: 'SLA' },
    ),
    tables: [
      {
        id: 'speed-to-lead',
        columns: [
          { header: 'AE' },
          { header: 'MQLs', align: 'right' },
          { header: `Within ${s.targetHours} h`, align: 'right' },
          { header: 'Share', align: 'right' },
          { header: 'Median hours', align: 'right' },
          { header: 'Attempts met', align: 'right' },
        ],
        rows: rows.map((r) => {
          const id = r.ownerId ?? 'team';
          return [
            cell(r.ownerName, aeLink(env, r.ownerId)),
            cell(String(r.mqls), { value: r.mqls, key: `speed.${id}.mqls` }),
            cell(String(r.withinTarget), { value: r.withinTarget, key: `speed.${id}.withinTarget` }),
            cell(pct(r.shareWithinTarget), { value: r.shareWithinTarget, key: `speed.${id}.shareWithinTarget` }),
            cell(r.medianHours === null ? '—' : r.medianHours.toFixed(1), {
              value: r.medianHours,
              key: `speed.${id}.medianHours`,
            }),
            cell(pct(r.shareAttemptsMet), { value: r.shareAttemptsMet, key: `speed.${id}.shareAttemptsMet` }),
          ];
        }),
      },
    ],
  };
}

export function agingSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const a = aging(ctx);
  const rows = [...keep(a.byOwner, env.filters.ownerId), { ...a.team, ownerId: null, ownerName: 'Team' }];
  const stages = a.byStage.filter((s) => s.open > 0);
  return {
    id: 'aging',
    title: 'Aging deals',
    note: `Open deals older than ${a.factor}× their stage's median stay (from the deals that left that stage).`,
    chart: barsSpec(
      'Aged deals by stage',
      stages.flatMap((s) => [
        { label: s.label, series: 'Aged', value: s.aged },
        { label: s.label, series: 'Not aged', value: s.open - s.aged },
      ]),
      { unit: 'deals', stack: true },
    ),
    tables: [
      {
        id: 'aging',
        columns: [
          { header: 'AE' },
          { header: 'Open', align: 'right' },
          { header: 'Aged', align: 'right' },
          { header: 'Share', align: 'right' },
        ],
        rows: rows.map((r) => {
          const id = r.ownerId ?? 'team';
          return [
            cell(r.ownerName, aeLink(env, r.ownerId)),
            cell(String(r.open), { value: r.open, key: `aging.${id}.open` }),
            cell(String(r.aged), { value: r.aged, key: `aging.${id}.aged` }),
            cell(pct(r.open ? r.aged / r.open : null)),
          ];
        }),
      },
      {
        id: 'aging-deals',
        columns: [{ header: 'Deal' }, { header: 'Stage' }, { header: 'Days in stage', align: 'right' }],
        rows: a.deals
          .filter((x) => !env.filters.ownerId || x.ownerId === env.filters.ownerId)
          .slice(0, 8)
          .map((x) => [
            cell(x.dealName, { href: dealHref(env, x.dealId) }),
            cell(x.stage),
            cell(`${Math.round(x.ageDays)} (usual ≤ ${Math.round(x.limitDays)})`, { value: x.ageDays }),
          ]),
        empty: 'No aged deal.',
      },
    ],
  };
}

/** Only when the team turned the leaderboard on (leaderboard.enabled): otherwise nothing at all. */
export function leaderboardSection(env: PageEnv): Section | null {
  const ctx = scoped(env);
  const l = leaderboard(ctx, null, env.filters.range);
  if (!l.enabled || !l.rows.length) return null;
  return {
    id: 'leaderboard',
    title: 'Leaderboard',
    note: l.message,
    tables: [
      {
        id: 'leaderboard',
        columns: [{ header: '#', align: 'right' }, { header: 'AE' }, { header: 'Score', align: 'right' }],
        rows: l.rows.map((r) => [
          cell(String(r.position)),
          cell(r.ownerName, aeLink(env, r.ownerId)),
          cell(r.score.toFixed(1), { value: r.score, key: `leaderboard.${r.ownerId}.score` }),
        ]),
      },
    ],
  };
}

export function leadScoresSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const s = leadScores(ctx);
  return {
    id: 'lead-scores',
    title: 'Lead score bands',
    note: `How often contacts in each score band became customers, against ${pct(s.overallConversionRate)} overall (lift = band rate ÷ overall rate); ${s.openLeads} open leads scored now.`,
    chart: barsSpec(
      'Conversion by band',
      s.lift.map((b) => ({ label: `Band ${b.band}`, value: b.conversionRate ?? 0 })),
      {
        unit: 'became customers',
        percent: true,
        ...(s.overallConversionRate !== null ? { target: s.overallConversionRate, targetLabel: 'overall' } : {}),
      },
    ),
    tables: [
      {
        id: 'lead-scores',
        columns: [
          { header: 'Band' },
          { header: 'Contacts', align: 'right' },
          { header: 'Customers', align: 'right' },
          { header: 'Rate', align: 'right' },
          { header: 'Lift', align: 'right' },
        ],
        rows: s.lift.map((b) => [
          cell(b.band),
          cell(String(b.contacts), { value: b.contacts, key: `leadScores.${b.band}.contacts` }),
          cell(String(b.converted), { value: b.converted, key: `leadScores.${b.band}.converted` }),
          cell(pct(b.conversionRate), { value: b.conversionRate, key: `leadScores.${b.band}.conversionRate` }),
          cell(b.lift === null ? '—' : `${b.lift.toFixed(1)}×`, { value: b.lift, key: `leadScores.${b.band}.lift` }),
        ]),
      },
    ],
  };
}

export function channelsSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const c = channelPerformance(ctx, env.filters.range);
  return {
    id: 'channels',
    title: 'Channel performance',
    note: 'SmartLead campaigns: leads sent to, leads who replied, and the reply rate (replied ÷ sent to), from the synced message history.',
    chart: barsSpec(
      'Reply rate by SmartLead campaign',
      c.campaigns.map((x) => ({ label: x.name, value: x.replyRate ?? 0 })),
      { unit: 'leads replied', percent: true },
    ),
    tables: [
      {
        id: 'channels',
        columns: [
          { header: 'Campaign' },
          { header: 'Status' },
          { header: 'Leads sent to', align: 'right' },
          { header: 'Replied', align: 'right' },
          { header: 'Reply rate', align: 'right' },
        ],
        rows: c.campaigns.map((x) => [
          cell(x.name),
          cell(humanLabel(x.status)),
          cell(String(x.leadsSent), { value: x.leadsSent, key: `channels.${x.campaignId}.leadsSent` }),
          cell(String(x.leadsReplied), { value: x.leadsReplied, key: `channels.${x.campaignId}.leadsReplied` }),
          cell(pct(x.replyRate), { value: x.replyRate, key: `channels.${x.campaignId}.replyRate` }),
        ]),
        empty: 'No SmartLead campaign in this period.',
      },
    ],
  };
}

export function economicsSection(env: PageEnv): Section {
  const ctx = scoped(env);
  const c = cac(ctx, env.filters.range);
  const l = ltv(ctx, env.filters.range);
  const cur = c.currency;
  const { div, unit } = moneyAxis(cur);
  const status = { met: 'met', missed: 'missed', unknown: 'not known yet' }[c.target.status];
  return {
    id: 'economics',
    title: 'CAC and LTV',
    note: `${periodText(c.period, ctx.timezone)}: blended CAC = (marketing spend + sales cost) ÷ new customers; LTV = monthly revenue per account × gross margin ÷ monthly churn. Target: CAC below LTV ÷ ${c.target.ratio} (${status}).`,
    chart: barsSpec(
      'CAC by channel',
      c.byChannel.filter((x) => x.cac !== null).map((x) => ({ label: humanLabel(x.channel), value: x.cac! / div })),
      { unit },
    ),
    tables: [
      {
        id: 'economics',
        columns: [{ header: 'Measure' }, { header: 'Value', align: 'right' }],
        rows: [
          [cell('New customers'), cell(String(c.newCustomers), { value: c.newCustomers, key: 'cac.newCustomers' })],
          [cell('Blended CAC'), cell(formatMoney(c.blendedCac, cur), { value: c.blendedCac, key: 'cac.blendedCac' })],
          [cell('LTV'), cell(formatMoney(l.ltv, cur), { value: l.ltv, key: 'ltv.ltv' })],
          [
            cell('LTV ÷ CAC'),
            cell(l.ltvToCac === null ? '—' : `${l.ltvToCac.toFixed(1)}×`, { value: l.ltvToCac, key: 'ltv.ltvToCac' }),
          ],
          [
            cell('CAC payback'),
            cell(l.cacPaybackMonths === null ? '—' : `${l.cacPaybackMonths.toFixed(1)} months`, {
              value: l.cacPaybackMonths,
              key: 'ltv.cacPaybackMonths',
            }),
          ],
        ],
      },
      {
        id: 'cac-channels',
        columns: [
          { header: 'Channel' },
          { header: 'Spend', align: 'right' },
          { header: 'New customers', align: 'right' },
          { header: 'CAC', align: 'right' },
        ],
        rows: c.byChannel.map((x) => [
          cell(humanLabel(x.channel)),
          cell(formatMoney(x.spend, cur), { value: x.spend, key: `cac.${x.channel}.spend` }),
          cell(String(x.newCustomers), { value: x.newCustomers }),
          cell(formatMoney(x.cac, cur), { value: x.cac, key: `cac.${x.channel}.cac` }),
        ]),
        empty: 'No spend recorded in this period.',
      },
    ],
  };
}

/** The deal's brief as the AE gets it before a call: where it stands, the next action, people, risks (read-only). */
export function prepSection(env: PageEnv, dealId: string): Section | null {
  const ctx: AnalysisContext = env.ctx;
  const deal = ctx.data.crm.deals.find((d) => d.id === dealId);
  if (!deal) return null;
  const brief = dealBrief(ctx, deal, { said: saidByDeal(env.state, ctx.asOf) });
  const { headline, sections } = briefSections(brief);
  return {
    id: 'prep',
    title: 'Meeting prep and next action',
    note: headline,
    tables: [],
    lines: sections.flatMap((s) => [`## ${s.title}`, ...s.lines]),
  };
}

export function withTeamMetrics(page: Page, env: PageEnv): Page {
  const board = leaderboardSection(env);
  return {
    ...page,
    sections: [
      ...page.sections,
      forwardForecastSection(env),
      attainmentSection(env),
      speedToLeadSection(env),
      agingSection(env),
      ...(board ? [board] : []),
    ],
  };
}

export function withMarketingMetrics(page: Page, env: PageEnv): Page {
  return {
    ...page,
    sections: [...page.sections, channelsSection(env), leadScoresSection(env), economicsSection(env)],
  };
}

export function withReviewMetrics(page: Page, env: PageEnv): Page {
  return { ...page, sections: [...page.sections, attainmentSection(env), speedToLeadSection(env)] };
}

export function withDealPrep(page: Page, env: PageEnv, dealId: string): Page {
  const prep = prepSection(env, dealId);
  if (!prep) return page;
  const [first, ...rest] = page.sections;
  return { ...page, sections: first ? [first, prep, ...rest] : [prep] };
}
