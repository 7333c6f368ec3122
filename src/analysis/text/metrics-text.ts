/** `mis metrics <name>` for people: one aligned table (or two) per metric. */
import type {
  AccountAttribution,
  Attribution,
  BySource,
  CampaignRoi,
  ForecastAccuracy,
  FunnelConversion,
  HandoffSla,
  SourcedPipeline,
  ValuePerMql,
  Velocity,
  WinLoss,
} from '../metrics/index.js';
import { formatDate, formatMoney, humanLabel, renderTable } from '../../format/index.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const days = (x: number | null) => (x === null ? '—' : `${Math.round(x)} d`);
const ca = (c: { count: number; amount: number }, cur: string) =>
  c.count ? `${c.count} · ${formatMoney(c.amount, cur)}` : '—';

export function renderVelocity(v: Velocity, tz: string): string {
  const cur = v.currency;
  const out = [
    `Sales velocity as of ${formatDate(v.asOf, tz)} = open deals × average won deal × win rate ÷ average cycle days${scopeWords(v.scope)}`,
  ];
  out.push(
    renderTable(
      ['AE', 'Open', 'Won', 'Lost', 'Win rate', 'Avg won deal', 'Avg cycle', 'Velocity / day'],
      [...v.byOwner, v.team].map((r) => [
        r.ownerName,
        r.openDeals,
        r.wonDeals,
        r.lostDeals,
        pct(r.winRate),
        formatMoney(r.averageWonAmount, cur),
        days(r.averageCycleDays),
        formatMoney(r.salesVelocity, cur),
      ]),
    ),
  );
  out.push('', 'Days in stage (team): completed stays and deals there now');
  out.push(
    renderTable(
      ['Stage', 'Stays', 'Median', 'p75', 'Now in stage', 'Median age', 'p75 age'],
      v.team.stages.map((s) => [
        s.label,
        s.completed.count,
        days(s.completed.medianDays),
        days(s.completed.p75Days),
        s.currentAge.count,
        days(s.currentAge.medianDays),
        days(s.currentAge.p75Days),
      ]),
    ),
  );
  if (v.renewals) {
    const r = v.renewals;
    out.push('', 'Renewals and expansions, on their own');
    out.push(
      renderTable(
        ['AE', 'Open', 'Renewed', 'Churned', 'Renewal rate', 'Avg renewal', 'Avg cycle', 'Velocity / day'],
        [...r.byOwner, r.team].map((x) => [
          x.ownerName,
          x.openDeals,
          x.wonDeals,
          x.lostDeals,
          pct(x.winRate),
          formatMoney(x.averageWonAmount, cur),
          days(x.averageCycleDays),
          formatMoney(x.salesVelocity, cur),
        ]),
      ),
    );
    out.push(retentionLine(r.retention, cur));
  }
  return out.join('\n');
}

function scopeWords(scope: Velocity['scope']): string {
  return scope === 'new_business' ? ' (new business)' : scope === 'renewals' ? ' (renewals and expansions)' : '';
}

function retentionLine(r: NonNullable<Velocity['renewals']>['retention'], cur: string): string {
  return r.renewalsClosed
    ? `Retention: GRR ${pct(r.grr)}, NRR ${pct(r.nrr)} over ${r.renewalsClosed} renewals closed (${r.renewalsLost} churned; ${formatMoney(r.retainedAmount, cur)} kept of ${formatMoney(r.baseAmount, cur)})`
    : 'Retention: no renewal closed in the period';
}

export function renderWinLoss(w: WinLoss, tz: string): string {
  const cur = w.currency;
  const out = [
    `Win/loss${scopeWords(w.scope)}, ${formatDate(w.period.from, tz)} – ${formatDate(w.period.asOf, tz)}: won ${ca(w.team.won, cur)}, lost ${ca(w.team.lost, cur)}, win rate ${pct(w.team.winRateByCount)} by count, ${pct(w.team.winRateByAmount)} by amount`,
  ];
  out.push(
    renderTable(
      ['AE', 'Won', 'Lost', 'Win rate', 'By amount'],
      w.byOwner.map((r) => [
        r.ownerName,
        ca(r.won, cur),
        ca(r.lost, cur),
        pct(r.winRateByCount),
        pct(r.winRateByAmount),
      ]),
    ),
  );
  out.push('', 'Why deals were lost');
  out.push(
    renderTable(
      ['Reason', 'Deals', 'Amount', 'As written'],
      w.lostReasons.map((r) => [
        r.label,
        r.count,
        formatMoney(r.amount, cur),
        r.reasons
          .map((x) => `${x.reason} (${x.count})`)
          .join('; ')
          .slice(0, 80),
      ]),
    ),
  );
  out.push('', 'By source');
  out.push(
    renderTable(
      ['Source', 'Won', 'Lost', 'Win rate'],
      w.bySource.map((r) => [humanLabel(r.source), ca(r.won, cur), ca(r.lost, cur), pct(r.winRateByCount)]),
    ),
  );
  if (w.renewals) {
    const r = w.renewals;
    out.push(
      '',
      `Renewals and expansions, on their own: renewed ${ca(r.team.won, cur)}, churned ${ca(r.team.lost, cur)}, renewal rate ${pct(r.team.winRateByCount)} by count, ${pct(r.team.winRateByAmount)} by amount`,
    );
    if (r.byOwner.length)
      out.push(
        renderTable(
          ['AE', 'Renewed', 'Churned', 'Renewal rate'],
          r.byOwner.map((x) => [x.ownerName, ca(x.won, cur), ca(x.lost, cur), pct(x.winRateByCount)]),
        ),
      );
    if (r.lostReasons.length)
      out.push(`Why renewals churned: ${r.lostReasons.map((x) => `${x.label} ${x.count}`).join(', ')}`);
    out.push(retentionLine(r.retention, cur));
  }
  return out.join('\n');
}

export function renderForecast(f: ForecastAccuracy, tz: string): string {
  const cur = f.currency;
  const out = [
    `Forecast accuracy, ${formatDate(f.period.from, tz)} – ${formatDate(new Date(Date.parse(f.period.to) - 1).toISOString(), tz)}${f.period.complete ? '' : ' (period not over yet)'}: forecast taken at the period start from stage probabilities, vs won`,
  ];
  out.push(
    renderTable(
      ['AE', 'Forecast', 'Commit', 'Won', 'Forecast accuracy', 'Commit accuracy'],
      [...f.byOwner, f.team].map((r) => [
        r.ownerName,
        formatMoney(r.snapshot.forecast, cur),
        formatMoney(r.snapshot.commit, cur),
        formatMoney(r.actual.won.amount, cur),
        pct(r.forecastScore.accuracy),
        pct(r.commitScore.accuracy),
      ]),
    ),
  );
  return out.join('\n');
}

const FUNNEL_LABEL: Record<string, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'MQL',
  salesqualifiedlead: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
};

export function renderFunnel(f: FunnelConversion): string {
  const out = [
    `Funnel conversion (lifecycle stages; a later stage counts the earlier ones as passed): cohort ${f.cohort} contacts, overall ${pct(f.overallConversion)}`,
  ];
  out.push(
    renderTable(
      ['Stage', 'Reached', 'From previous', 'From lead'],
      f.stages.map((s) => [
        FUNNEL_LABEL[s.stage] ?? s.stage,
        s.reached,
        pct(s.conversionFromPrevious),
        pct(s.conversionFromLead),
      ]),
    ),
  );
  return out.join('\n');
}

export function renderHandoff(h: HandoffSla): string {
  return [
    `MQL → first sales touch: ${h.mqls} MQLs, ${pct(h.shareWithinSla)} within ${h.slaHours} h, median ${h.medianHours === null ? '—' : `${h.medianHours.toFixed(1)} h`}; ${h.untouched} not touched yet (${h.untouchedBreached} past the SLA)`,
    renderTable(
      ['Contact', 'MQL at', 'First touch', 'Hours', 'Status'],
      h.contacts
        .filter((c) => c.status !== 'within')
        .slice(0, 20)
        .map((c) => [
          c.name,
          c.mqlAt.slice(0, 16).replace('T', ' '),
          c.firstTouchAt ? c.firstTouchAt.slice(0, 16).replace('T', ' ') : '—',
          c.hours === null ? '—' : c.hours.toFixed(1),
          c.status,
        ]),
    ),
  ].join('\n');
}

export function renderAttribution(a: Attribution): string {
  const cur = a.currency;
  const out = [
    `Attribution (${a.model === 'time_decay' ? `time decay, half-life ${a.halfLifeDays} days` : 'first touch'}): ${a.conversions} won deals, ${formatMoney(a.revenue, cur)}`,
  ];
  out.push(
    renderTable(
      ['Channel', 'Credited deals', 'Credited revenue'],
      a.byChannel.map((c) => [humanLabel(c.channel), c.conversions.toFixed(2), formatMoney(c.revenue, cur)]),
    ),
  );
  out.push(
    '',
    renderTable(
      ['Campaign', 'Channel', 'Credited deals', 'Credited revenue'],
      a.byCampaign
        .slice(0, 15)
        .map((c) => [c.name, humanLabel(c.channel), c.conversions.toFixed(2), formatMoney(c.revenue, cur)]),
    ),
  );
  return out.join('\n');
}

export function renderRoi(r: CampaignRoi): string {
  const cur = r.currency;
  return [
    `Campaign ROI (revenue credited by time decay, half-life ${r.halfLifeDays} days): spend ${formatMoney(r.totals.spend, cur)}, revenue ${formatMoney(r.totals.attributedRevenue, cur)}, ROI ${r.totals.roi === null ? '—' : `${r.totals.roi.toFixed(1)}×`}`,
    renderTable(
      ['Campaign', 'Channel', 'Spend', 'Leads', 'Cost/lead', 'Credited deals', 'Revenue', 'ROI'],
      r.campaigns.map((c) => [
        c.name,
        c.kind === 'smartlead' ? 'SmartLead sequence' : humanLabel(c.channel),
        formatMoney(c.spend, cur),
        c.leads,
        formatMoney(c.costPerLead, cur),
        c.attributedConversions.toFixed(2),
        formatMoney(c.attributedRevenue, cur),
        c.roi === null ? '—' : `${c.roi.toFixed(1)}×`,
      ]),
    ),
  ].join('\n');
}

export function renderSourced(s: SourcedPipeline): string {
  const cur = s.currency;
  return [
    `Marketing- vs sales-sourced pipeline: marketing ${pct(s.marketingShareOfOpen)} of open, ${pct(s.marketingShareOfWon)} of won`,
    renderTable(
      ['Class', 'Source', 'Deals', 'Open', 'Won', 'Lost'],
      s.classes.flatMap((c) => [
        [c.class, 'all', c.deals, ca(c.open, cur), ca(c.won, cur), ca(c.lost, cur)],
        ...c.sources.map((x) => ['', humanLabel(x.source), x.deals, ca(x.open, cur), ca(x.won, cur), ca(x.lost, cur)]),
      ]),
    ),
  ].join('\n');
}

export function renderBySource(b: BySource): string {
  const cur = b.currency;
  return [
    'Leads and pipeline by original source',
    renderTable(
      ['Source', 'Class', 'Leads', 'Deals', 'Open', 'Won'],
      [
        ...b.sources.map((s) => [humanLabel(s.source), s.class, s.leads, s.deals, ca(s.open, cur), ca(s.won, cur)]),
        ['All', '', b.totals.leads, b.totals.deals, ca(b.totals.open, cur), ca(b.totals.won, cur)],
      ],
    ),
  ].join('\n');
}

export function renderValuePerMql(v: ValuePerMql): string {
  const cur = v.currency;
  return [
    'Value per MQL = average revenue per customer × MQL-to-customer close rate',
    renderTable(
      ['Source', 'MQLs', 'Became customers', 'Close rate', 'Avg revenue', 'Value per MQL'],
      [...v.bySource, v.all].map((r) => [
        r.source === '(all)' ? 'All sources' : humanLabel(r.source),
        r.mqls,
        r.customersFromMqls,
        pct(r.closeRate),
        formatMoney(r.averageRevenuePerCustomer, cur),
        formatMoney(r.valuePerMql, cur),
      ]),
    ),
  ].join('\n');
}

export function renderAccounts(a: AccountAttribution): string {
  const cur = a.currency;
  return [
    "Account-level attribution (touches across each company's contacts), most revenue first",
    renderTable(
      ['Company', 'Contacts', 'Touched', 'Touches', 'Channels', 'Won deals', 'Won'],
      a.accounts
        .slice(0, 25)
        .map((r) => [
          r.name ?? r.companyId,
          r.contacts,
          r.touchedContacts,
          r.touches,
          r.channels.map((c) => humanLabel(c.channel)).join(', '),
          r.wonDeals,
          formatMoney(r.wonRevenue, cur),
        ]),
    ),
  ].join('\n');
}
