/** `mis metrics cac|ltv|conversion|attainment|aging|speed-to-lead|lead-scores|leaderboard|budget|channels` and the forward forecast, for people. */
import type {
  Aging,
  Attainment,
  Budget,
  Cac,
  ChannelPerformance,
  ForwardForecast,
  LeadScores,
  Leaderboard,
  Ltv,
  SpeedToLead,
  StageConversion,
} from '../metrics/index.js';
import { formatDate, formatMoney, humanLabel, renderTable } from '../../format/index.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const m = (x: number | null, cur: string) => (x === null ? '—' : formatMoney(x, cur));
const num = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
const label = (s: string) => humanLabel(s);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = (k: string) => `${MONTHS[Number(k.slice(5, 7)) - 1]} ${k.slice(0, 4)}`;
const span = (p: { from: string; to: string }, tz: string) =>
  `${formatDate(p.from, tz)} – ${formatDate(new Date(Date.parse(p.to) - 1).toISOString(), tz)}`;

export function renderCac(c: Cac, tz: string): string {
  const cur = c.currency;
  const out = [
    `Customer acquisition cost, ${span(c.period, tz)}: blended ${m(c.blendedCac, cur)} per new customer (${c.newCustomers} won, marketing ${formatMoney(c.marketingSpend, cur)} + sales ${formatMoney(c.salesCost, cur)}${c.salesCostMonths === 0 ? ', no sales cost configured' : ''})`,
    `Target CAC < LTV ÷ ${c.target.ratio}: ${c.target.status === 'unknown' ? 'not known yet' : `${c.target.status === 'met' ? 'met' : 'missed'} (limit ${m(c.target.maxCac, cur)}, LTV ${m(c.ltv, cur)})`}`,
  ];
  out.push(
    renderTable(
      ['Channel', 'Spend', 'New customers', 'New revenue', 'CAC'],
      c.byChannel.map((r) => [
        label(r.channel),
        formatMoney(r.spend, cur),
        r.newCustomers,
        formatMoney(r.newRevenue, cur),
        m(r.cac, cur),
      ]),
    ),
  );
  out.push(`Definition: ${c.definition}.`);
  return out.join('\n');
}

export function renderLtv(l: Ltv, tz: string): string {
  const cur = l.currency;
  const churn = `${(l.churn.monthly * 100).toFixed(1)}%/month (${l.churn.source === 'measured' ? `measured: ${pct(l.churn.lostShareOfRenewals)} of renewals lost` : l.churn.source === 'configured' ? 'configured' : 'default: no renewal lost in the period'})`;
  const out = [
    `Lifetime value, ${span(l.period, tz)}: LTV ${m(l.ltv, cur)} = ARPA ${m(l.arpaMonthly, cur)}/month × gross margin ${pct(l.grossMargin)} ÷ churn ${churn}`,
    `LTV:CAC ${l.ltvToCac === null ? '—' : `${l.ltvToCac.toFixed(1)}:1`}, CAC payback ${l.cacPaybackMonths === null ? '—' : `${l.cacPaybackMonths.toFixed(1)} months`}`,
    '',
    'New business and renewals, apart',
  ];
  out.push(
    renderTable(
      ['Segment', 'Won', 'Lost', 'Win rate', 'Avg won', 'Avg cycle', 'Open', 'Velocity / day'],
      l.segments.map((s) => [
        label(s.segment),
        s.won,
        s.lost,
        pct(s.winRate),
        m(s.averageWonAmount, cur),
        s.averageCycleDays === null ? '—' : `${Math.round(s.averageCycleDays)} d`,
        s.openDeals,
        m(s.velocityPerDay, cur),
      ]),
    ),
  );
  const r = l.retention;
  out.push(
    r.renewalsClosed
      ? `Retention: GRR ${pct(r.grr)}, NRR ${pct(r.nrr)} over ${r.renewalsClosed} renewals closed (${r.renewalsLost} lost)`
      : 'Retention: no renewal closed in the period',
  );
  return out.join('\n');
}

export function renderConversion(c: StageConversion): string {
  const out = [`Stage-to-stage conversion (${c.definition})`];
  for (const p of c.pipelines) {
    out.push(
      '',
      `${p.label}: ${p.team.deals} deals, win rate ${pct(p.team.winRate)}${p.biggestDrop ? `; biggest drop ${p.biggestDrop.fromStage} → ${p.biggestDrop.toStage} (${pct(p.biggestDrop.conversion)})` : ''}`,
    );
    out.push(
      renderTable(
        ['Step', 'Entered', 'Moved on', 'Lost here', 'Still here', 'Conversion', 'Median days'],
        p.team.steps.map((s) => [
          `${s.fromStage} → ${s.toStage}`,
          s.entered,
          s.advanced,
          s.lostHere,
          s.stillHere,
          pct(s.conversion),
          num(s.medianDays, 0),
        ]),
      ),
    );
    if (p.byOwner.length > 1)
      out.push(
        // One column per AE (a handful), one row per stage (any number): fits a narrow terminal.
        renderTable(
          ['Per AE', ...p.byOwner.map((r) => ({ header: r.ownerName, align: 'right' as const }))],
          [
            ['Deals', ...p.byOwner.map((r) => String(r.deals))],
            ['Win rate', ...p.byOwner.map((r) => pct(r.winRate))],
            ...p.team.steps.map((s, i) => [
              `${s.fromStage} → ${s.toStage}`,
              ...p.byOwner.map((r) => pct(r.steps[i]?.conversion)),
            ]),
          ],
        ),
      );
  }
  return out.join('\n');
}

export function renderAttainment(a: Attainment, tz: string): string {
  const cur = a.currency;
  const out = [
    `Quota attainment, ${span(a.period, tz)}: team ${pct(a.team.attainment)} (${formatMoney(a.team.won, cur)} of ${formatMoney(a.team.quota, cur)})${a.team.usesDefaultQuota ? `; * = default quota ${formatMoney(a.defaultMonthlyQuota, cur)}/month (set quotas in mis.config.json)` : ''}`,
  ];
  const months = a.team.months.map((c) => month(c.month));
  out.push(
    renderTable(
      ['AE', ...months, 'Period'],
      [...a.byOwner, a.team].map((r) => [
        r.ownerName,
        ...r.months.map((c) => `${pct(c.attainment)}${c.quotaSource === 'default' ? '*' : ''}`),
        pct(r.attainment),
      ]),
    ),
  );
  out.push('', 'Sales vs quota by month (team)');
  out.push(
    renderTable(
      ['Month', 'Quota', 'Won', 'Gap', 'Cumulative gap'],
      a.waterfall.map((w) => [
        month(w.month),
        formatMoney(w.quota, cur),
        formatMoney(w.won, cur),
        formatMoney(w.gap, cur),
        formatMoney(w.cumulativeGap, cur),
      ]),
    ),
  );
  return out.join('\n');
}

export function renderForward(f: ForwardForecast, tz: string): string {
  const cur = f.currency;
  const t = f.team;
  const wow = (x: number) => `${x >= 0 ? '+' : '−'}${formatMoney(Math.abs(x), cur)}`;
  const out = [
    `Forward forecast by close month (commit ≥ ${Math.round(f.thresholds.commitMinProbability * 100)}%, best case ≥ ${Math.round(f.thresholds.bestCaseMinProbability * 100)}% stage probability unless the deal says otherwise)`,
  ];
  out.push(
    renderTable(
      ['Month', 'Commit', 'Best case', 'Pipeline', 'Omitted', 'Total', 'Weighted'],
      t.months.map((x) => [
        month(x.month),
        formatMoney(x.categories.commit.amount, cur),
        formatMoney(x.categories.best_case.amount, cur),
        formatMoney(x.categories.pipeline.amount, cur),
        formatMoney(x.categories.omitted.amount, cur),
        formatMoney(x.total.amount, cur),
        formatMoney(x.weighted, cur),
      ]),
    ),
  );
  out.push(
    `Change since ${formatDate(f.comparedWith, tz)}: commit ${wow(t.weekOverWeek.commit)}, best case ${wow(t.weekOverWeek.best_case)}, pipeline ${wow(t.weekOverWeek.pipeline)}; overdue (close date already past) ${t.overdue.count} (${formatMoney(t.overdue.amount, cur)}), no close date ${t.noCloseDate.count}`,
  );
  out.push(
    renderTable(
      ['AE', 'Commit', 'Best case', 'Pipeline', 'Commit change'],
      f.byOwner.map((r) => [
        r.ownerName,
        formatMoney(
          r.months.reduce((s, x) => s + x.categories.commit.amount, 0),
          cur,
        ),
        formatMoney(
          r.months.reduce((s, x) => s + x.categories.best_case.amount, 0),
          cur,
        ),
        formatMoney(
          r.months.reduce((s, x) => s + x.categories.pipeline.amount, 0),
          cur,
        ),
        wow(r.weekOverWeek.commit),
      ]),
    ),
  );
  return out.join('\n');
}

export function renderAging(a: Aging, tz: string): string {
  const cur = a.currency;
  const out = [
    `Pipeline aging as of ${formatDate(a.asOf, tz)}: ${pct(a.team.shareAged)} of open deals are older than ${a.factor}× their stage's median (${a.team.aged} of ${a.team.withBaseline}, ${formatMoney(a.team.agedAmount, cur)})`,
  ];
  out.push(
    renderTable(
      ['Stage', 'Median stay', 'Limit', 'Open', 'Aged', 'Share'],
      a.byStage.map((s) => [
        s.label,
        s.medianDays === null ? 'no baseline' : `${Math.round(s.medianDays)} d`,
        s.limitDays === null ? '—' : `${Math.round(s.limitDays)} d`,
        s.open,
        s.aged,
        pct(s.shareAged),
      ]),
    ),
  );
  out.push(
    renderTable(
      ['AE', 'Open', 'Aged', 'Share'],
      a.byOwner.map((r) => [r.ownerName, r.open, r.aged, pct(r.shareAged)]),
    ),
  );
  if (a.deals.length)
    out.push(
      '',
      renderTable(
        ['Aged deal', 'Stage', 'Days in stage', 'Limit', 'Amount'],
        a.deals
          .slice(0, 15)
          .map((d) => [
            d.dealName,
            d.stage,
            Math.round(d.ageDays),
            Math.round(d.limitDays),
            formatMoney(d.amount, cur),
          ]),
      ),
    );
  return out.join('\n');
}

export function renderSpeedToLead(s: SpeedToLead, tz: string): string {
  const out = [
    `Speed to lead, ${span(s.period, tz)}: ${s.team.mqls} MQLs, ${pct(s.team.shareWithinTarget)} first touched within ${s.targetHours} h (median ${s.team.medianHours === null ? '—' : `${s.team.medianHours.toFixed(1)} h`}); ${pct(s.team.shareAttemptsMet)} got ${s.attemptsTarget}+ attempts in ${s.windowDays} days (median ${num(s.team.medianAttempts, 0)})`,
  ];
  out.push(
    renderTable(
      [
        'Owner',
        'MQLs',
        `Within ${s.targetHours} h`,
        'Median hours',
        `${s.attemptsTarget}+ attempts`,
        'Median attempts',
      ],
      [...s.byOwner, s.team].map((r) => [
        r.ownerName,
        r.mqls,
        pct(r.shareWithinTarget),
        num(r.medianHours),
        pct(r.shareAttemptsMet),
        num(r.medianAttempts, 0),
      ]),
    ),
  );
  return out.join('\n');
}

export function renderLeadScores(l: LeadScores): string {
  const out = [
    `Lead scores (fit + engagement, 0–100)${l.firmographicsConfigured ? '' : '; no ideal customer profile configured, so fit is 0 (set firmographics in mis.config.json)'}`,
  ];
  out.push('Conversion to opportunity by band, on history (scored on what was known before converting)');
  out.push(
    renderTable(
      ['Band', 'Contacts', 'Converted', 'Rate', 'Lift'],
      l.lift.map((b) => [
        b.band,
        b.contacts,
        b.converted,
        pct(b.conversionRate),
        b.lift === null ? '—' : `${b.lift.toFixed(1)}×`,
      ]),
    ),
  );
  out.push('', `Top open leads (${l.openLeads} open)`);
  out.push(
    renderTable(
      ['Lead', 'Company', 'Score', 'Band', 'Why'],
      l.leads
        .slice(0, 15)
        .map((x) => [x.name, x.company ?? '—', x.score, x.band, x.reasons.join('; ') || 'no engagement yet']),
    ),
  );
  out.push('', l.rejections.note ?? `Sales rejections back to marketing (${l.rejections.total})`);
  if (l.rejections.total)
    out.push(
      renderTable(
        ['Source', 'Rejected', 'Reasons'],
        l.rejections.bySource.map((r) => [
          label(r.source),
          r.count,
          r.reasons.map((x) => `${x.reason} (${x.count})`).join('; '),
        ]),
      ),
    );
  return out.join('\n');
}

export function renderLeaderboard(l: Leaderboard): string {
  if (!l.enabled || l.rows.length === 0) return l.message;
  return [
    l.message,
    renderTable(
      ['#', 'AE', 'Score', ...l.rankBy.map(label)],
      l.rows.map((r) => [
        r.position,
        r.ownerName,
        r.score.toFixed(2),
        ...l.rankBy.map((k) => String(r.values[k] ?? 0)),
      ]),
    ),
  ].join('\n');
}

export function renderBudget(b: Budget, tz: string): string {
  const cur = b.currency;
  const out = [`Budget by channel, ${span(b.period, tz)} (ROI = won new-business revenue ÷ spend, 95 % intervals)`];
  out.push(
    renderTable(
      ['Channel', 'Spend', 'Won deals', 'ROI', 'ROI 95 %', 'CAC', 'Note'],
      b.channels.map((c) => [
        label(c.channel),
        formatMoney(c.spend, cur),
        c.wonDeals,
        c.roi === null ? '—' : `${c.roi.toFixed(1)}×`,
        c.roiInterval ? `${c.roiInterval[0].toFixed(1)}–${c.roiInterval[1].toFixed(1)}×` : '—',
        m(c.cac, cur),
        c.note,
      ]),
    ),
  );
  out.push(
    b.suggestion
      ? `Suggestion: move ${formatMoney(b.suggestion.amount, cur)} from ${label(b.suggestion.from)} to ${label(b.suggestion.to)}: ${b.suggestion.reason}.`
      : `No reallocation suggested: ${b.noSuggestionReason}.`,
  );
  return out.join('\n');
}

export function renderChannels(c: ChannelPerformance): string {
  const out = [
    'SmartLead campaigns: sends and replies from the synced history, opens, clicks and bounces from its statistics',
  ];
  const withRate = (n: number | null | undefined, rate: number | null | undefined) =>
    n === null || n === undefined ? '—' : rate === null || rate === undefined ? String(n) : `${n} (${pct(rate)})`;
  out.push(
    renderTable(
      ['Campaign', 'Status', 'Leads', 'Sent to', 'Opened', 'Clicked', 'Replied', 'Bounces'],
      c.campaigns.map((x) => [
        x.name,
        label(x.status),
        x.leads,
        x.leadsSent,
        withRate(x.leadsOpened, x.openRate),
        withRate(x.leadsClicked, x.clickRate),
        withRate(x.leadsReplied, x.replyRate),
        withRate(x.bounces, x.bounceRate),
      ]),
    ),
  );
  const steps = c.campaigns.flatMap((x) =>
    x.steps.map((s) => [
      x.name,
      s.step === null ? '—' : `Step ${s.step}`,
      s.sent,
      withRate(s.opened, s.openRate),
      withRate(s.clicked, s.clickRate),
      withRate(s.replies, s.replyRate),
      withRate(s.bounced, s.bounceRate),
    ]),
  );
  if (steps.length)
    out.push('', renderTable(['Campaign', 'Step', 'Sent', 'Opened', 'Clicked', 'Replies', 'Bounced'], steps));
  out.push('', 'HubSpot sources');
  out.push(
    renderTable(
      ['Source', 'Leads', 'Deals', 'Won'],
      c.hubspotSources.map((s) => [label(s.source), s.leads, s.deals, s.won.count]),
    ),
  );
  out.push(c.note.charAt(0).toUpperCase() + c.note.slice(1) + '.');
  return out.join('\n');
}
