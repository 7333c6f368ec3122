/** Advice reports as people read them: names, ₹ lakh/crore, human dates, wrapped to the terminal. */
import { formatDate, formatMoney, renderTable, terminalWidth, wrapText } from '../format/index.js';
import type { AdviceReport } from './report.js';

export interface RenderOptions {
  /** Width to wrap at (default: the terminal's, else 100). */
  width?: number;
  /** Rows per table before the rest is summarised (default 10). */
  maxRows?: number;
}

const TITLES: Record<AdviceReport['topic'], string> = {
  lifecycle: 'Lead lifecycle and handoff',
  scoring: 'Lead scoring and routing',
  pipeline: 'Pipeline stages and cleanup',
  metrics: 'RevOps metrics for the dashboard',
  hygiene: 'CRM data hygiene',
  out_of_scope: 'Outside RevOps',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-11" → "Nov 2026". */
function monthName(ym: string): string {
  const [y, m] = ym.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export function renderAdvice(r: AdviceReport, opts: RenderOptions = {}): string {
  const width = Math.max(40, opts.width ?? terminalWidth() ?? 100);
  const max = opts.maxRows ?? 10;
  const money = (n: number | null | undefined) => formatMoney(n, r.currency);
  const out: string[] = [];
  const para = (s: string, indent = '') => out.push(...wrapText(s, width - indent.length).map((l) => indent + l));
  const bullet = (s: string, mark = '•') => {
    const lines = wrapText(s, width - 4);
    out.push(`  ${mark} ${lines[0]}`, ...lines.slice(1).map((l) => `    ${l}`));
  };
  const heading = (s: string) => {
    out.push('');
    para(s);
  };
  const table = (cols: string[], rows: Array<Array<string | number>>, more?: string) => {
    out.push(renderTable(cols, rows.slice(0, max), '  ', { width }));
    if (rows.length > max) para(`… and ${rows.length - max} more${more ? ` (${more})` : ''}`, '  ');
  };

  para(`${TITLES[r.topic]} · as of ${formatDate(r.asOf, r.timezone)}`);
  para(r.headline);

  switch (r.topic) {
    case 'lifecycle': {
      heading('Lifecycle stages today');
      table(
        ['Stage', 'Now', 'Reached', 'From previous', 'Median days'],
        r.stages.map((s) => [
          s.stage,
          s.contactsNow,
          s.reached ?? '—',
          s.conversionPct === null ? '—' : `${s.conversionPct}%`,
          s.medianDays ?? '—',
        ]),
      );
      heading('Proposed definitions');
      for (const s of r.stages)
        bullet(`${s.stage}: enters when ${s.definitionEntry}; leaves when ${s.definitionExit}.`);
      heading(`Handoff SLA (last ${r.sla.lookbackDays} days)`);
      bullet(
        `First touch within ${r.sla.touchHours} h: ${r.sla.touchedWithinPct ?? '—'}% of ${r.sla.mqls} MQLs` +
          (r.sla.medianHoursToTouch !== null ? `, median ${r.sla.medianHoursToTouch} h.` : '.'),
      );
      bullet(
        `Qualified within ${r.sla.qualifyHours} h: ${r.sla.qualifiedWithin}; later: ${r.sla.qualifiedLater}; still MQL: ${r.sla.undecided}.`,
      );
      bullet(`Rejected by sales: ${r.sla.rejected}, with a reason recorded: ${r.sla.rejectedWithReason}.`);
      if (r.neverWorked.length) {
        heading(`MQLs never touched (${r.sla.neverTouched})`);
        table(
          ['Contact', 'Owner', 'MQL since', 'Days'],
          r.neverWorked.map((x) => [x.contact.name, x.owner, x.mqlOn, x.days]),
          'mis metrics handoff --json',
        );
      }
      if (r.stuck.length) {
        heading(`Stuck for more than ${r.stuckDays} days`);
        table(
          ['Contact', 'Stage', 'Days', 'Owner'],
          r.stuck.map((x) => [x.contact.name, x.stage, x.days, x.owner]),
        );
      }
      heading('HubSpot workflows that enforce it');
      for (const w of r.workflows) bullet(`${w.name}: when ${w.trigger}, ${w.action}.`);
      break;
    }
    case 'scoring': {
      heading('The score');
      for (const w of r.weights) bullet(`${w.part}: ${w.signal} ${w.points}`);
      heading('How it separated past leads');
      table(
        ['Band', 'From score', 'Leads', 'Became opportunity', 'Rate', 'Lift'],
        r.bands.map((b) => [
          b.band,
          b.minScore,
          b.contacts,
          b.converted,
          b.conversionPct === null ? '—' : `${b.conversionPct}%`,
          b.lift === null ? '—' : `${b.lift}×`,
        ]),
      );
      if (r.wonIndustries.length) {
        heading('Industries you win in (for the fit half)');
        table(
          ['Industry', 'Won deals', 'Won amount'],
          r.wonIndustries.map((w) => [w.industry, w.won, money(w.amount)]),
        );
      }
      if (r.callFirst.length) {
        heading('Call these first');
        table(
          ['Lead', 'Company', 'Owner', 'Score', 'Why'],
          r.callFirst.map((c) => [c.contact.name, c.company ?? '—', c.owner, c.score, c.reasons.join('; ')]),
        );
      }
      heading('Routing: load and response time per AE');
      table(
        ['AE', 'Open deals', 'Open leads', 'MQLs', 'Median hours to touch'],
        r.routing.map((x) => [x.owner, x.openDeals, x.openLeads, x.mqls, x.medianHoursToTouch ?? '—']),
      );
      break;
    }
    case 'pipeline': {
      heading(`Stages: usual time, maximum (${r.maxStayFactor}× the median) and required fields`);
      table(
        ['Stage', 'Open', 'Amount', 'Median days', 'Max days', 'Over', 'Required'],
        r.stages.map((s) => [
          s.stage,
          s.open,
          money(s.openAmount),
          s.medianDays ?? '—',
          s.maxDays ?? '—',
          s.overMax,
          s.requiredFields.join(', '),
        ]),
      );
      heading(
        r.stages.some((s) => s.criteria.source === 'proposed')
          ? 'Exit criteria (proposed; set your own in mis.config.json enablement.exitCriteria)'
          : 'Exit criteria (configured)',
      );
      for (const s of r.stages) bullet(`${s.stage}: ${s.criteria.exit.join('; ')}.`);
      if (r.overMax.length) {
        heading(`Over the maximum today (${r.overMax.length})`);
        table(
          ['Deal', 'AE', 'Stage', 'Days', 'Max', 'Amount'],
          r.overMax.map((x) => [x.deal.name, x.owner, x.stage, x.days, x.maxDays, money(x.amount)]),
          'mis advise pipeline --json',
        );
      }
      if (r.missingFields.length) {
        heading('Required fields missing, by AE');
        for (const m of r.missingFields)
          bullet(
            `${m.owner} (${m.deals.length}): ${m.deals
              .slice(0, 5)
              .map((x) => `${x.deal.name} — ${x.missing.join(', ')}`)
              .join('; ')}${m.deals.length > 5 ? '; …' : ''}`,
          );
      }
      heading('Where deals go on and where they die');
      table(
        ['From', 'To', 'Entered', 'Lost here', 'Go on', 'Median days'],
        r.conversion.map((c) => [
          c.from,
          c.to,
          c.entered,
          c.lostHere,
          c.conversionPct === null ? '—' : `${c.conversionPct}%`,
          c.medianDays ?? '—',
        ]),
      );
      const v = r.velocity;
      para(
        `Velocity: ${v.openDeals} open deals, win rate ${v.winRatePct ?? '—'}%, median cycle ${v.medianCycleDays ?? '—'} days, average won ${money(v.averageWonAmount)}: about ${money(v.salesVelocityPerDay)} of revenue a day.`,
        '  ',
      );
      heading('What the forecast can say');
      table(
        ['Month', 'Deals', 'Commit', 'Best case', 'Pipeline'],
        r.forecast.months.map((m) => [
          monthName(m.month),
          m.deals,
          money(m.commit),
          money(m.bestCase),
          money(m.pipeline),
        ]),
      );
      para(
        `Overdue: ${r.forecast.overdue.count} (${money(r.forecast.overdue.amount)}); no close date: ${r.forecast.noCloseDate.count} (${money(r.forecast.noCloseDate.amount)}).`,
        '  ',
      );
      if (r.cleanup.length) {
        heading('Cleanup, most money first');
        const verb = { close_out: 'Close out', restage: 'Re-stage', chase: 'Chase' } as const;
        table(
          ['Deal', 'AE', 'Amount', 'Do', 'Why'],
          r.cleanup.map((c) => [c.deal.name, c.owner, money(c.amount), verb[c.action], c.why]),
          'mis advise pipeline --json',
        );
      }
      break;
    }
    case 'metrics': {
      for (const a of ['marketing', 'sales', 'leadership'] as const) {
        heading(`For ${a}`);
        table(
          ['Metric', 'Now', 'Target', 'Page'],
          r.metrics
            .filter((m) => m.audience === a)
            .map((m) => [`${m.name}${m.supported ? '' : ' *'}`, m.shown, m.target ?? '—', m.page]),
        );
      }
      para('* not supported by the data yet: see what to record below.', '  ');
      break;
    }
    case 'hygiene': {
      heading('What the checks find today');
      table(
        ['Check', 'Findings', 'Amount'],
        r.checks.map((c) => [c.check, c.findings, money(c.amount)]),
      );
      if (r.duplicates.length) {
        heading('Duplicates');
        table(
          ['Kind', 'Record', 'Duplicate of'],
          r.duplicates.map((x) => [x.kind, x.record.name, x.duplicateOf.name]),
          'mis check --json',
        );
      }
      if (r.nameVariants.length) {
        heading('Companies typed several ways');
        for (const v of r.nameVariants.slice(0, max)) bullet(v.names.join(' / '));
      }
      heading('Fields that should be picklists');
      table(
        ['Field', 'Records', 'Distinct', 'Verdict'],
        r.freeText.map((x) => [`${x.object} ${x.property}`, x.records, x.distinct, x.verdict]),
      );
      if (r.trend.length) {
        heading('Trend (findings per week)');
        table(
          ['Week of', 'Findings', 'Stale deals', 'Open deals'],
          r.trend.map((t) => [t.weekOf, t.findings, t.staleDeals, t.openDeals]),
        );
      }
      heading('Ongoing rules (run daily by mis check)');
      para(r.rules.map((x) => `${x.check} (${x.today})`).join(', '), '  ');
      break;
    }
    case 'out_of_scope':
      out.push('');
      para(`Where it belongs: ${r.belongsIn}.`);
      break;
  }

  heading('Plan');
  for (const p of r.plan) {
    const why = p.why.charAt(0).toUpperCase() + p.why.slice(1);
    const lines = wrapText(`${p.action}. ${why}.`, width - 5);
    out.push(`  ${String(p.priority).padStart(1)}. ${lines[0]}`, ...lines.slice(1).map((l) => `     ${l}`));
    if (p.records.length) {
      const names = p.records.map((x) => x.name).join(', ');
      out.push(...wrapText(names, width - 5).map((l) => `     ${l}`));
    }
  }
  heading("What the data can't tell");
  for (const c of r.cannotTell) bullet(c);
  if (r.links.length) {
    heading('See');
    para(r.links.map((l) => `${l.label} (${l.path})`).join(' · '), '  ');
  }
  return out.join('\n');
}
