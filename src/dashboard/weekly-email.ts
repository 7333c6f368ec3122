/**
 * The manager's weekly email: the text report's "At a glance" lines first (forecast, attainment, speed to lead,
 * aging), then the week's waterfall, coverage per AE, activity vs target, top risks and the hygiene trend, each as
 * an inline PNG chart (the dashboard's Vega-Lite spec → SVG → PNG) with its numbers as text beside
 * it, a link to the dashboard, and a plain-text part. The same sections render as Markdown and CSV
 * (`mis report weekly --format md|csv`). Numbers come from `weeklyReport` (= `mis report weekly --json`).
 */
import { createHash } from 'node:crypto';
import { weeklyReport, type AnalysisContext, type WeeklyReport } from '../analysis/index.js';
import type { PeriodInput } from '../analysis/metrics/index.js';
import { glanceLines } from '../analysis/text/index.js';
import { renderSvg, svgToPng } from '../charts/index.js';
import { formatDate, renderTable } from '../format/index.js';
import type { StateStore } from '../state/index.js';
import { esc } from './html.js';
import type { Section, Table } from './model.js';
import {
  coverageSection,
  hygieneSection,
  momentumSections,
  risksSection,
  scorecardSection,
  type PageEnv,
} from './pages.js';

export interface ManagerWeeklyEmailOptions {
  /** The week (default: this week, as `mis report weekly`). */
  week?: PeriodInput | undefined;
  /** Keep one AE's rows (team totals stay), as `--owner`. */
  ownerId?: string | undefined;
  /** Where the manager opens the dashboard (deal links point into it). */
  dashboardUrl: string;
  /** The HubSpot portal id for deal links, when not in the sandbox. */
  portalId?: number | null;
}

export interface ManagerWeeklyEmail {
  subject: string;
  text: string;
  /** HTML with the charts as data: PNG images (nodemailer's attachDataUrls sends them as inline CID parts). */
  html: string;
  markdown: string;
  csv: string;
  /** The charts as PNG files, for callers that attach them themselves. */
  images: Array<{ cid: string; filename: string; alt: string; png: Buffer }>;
  /** The numbers, as `mis report weekly --json` prints them. */
  report: WeeklyReport;
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function tableMd(t: Table): string {
  if (!t.rows.length) return `_${t.empty ?? 'Nothing to show.'}_`;
  const head = `| ${t.columns.map((c) => mdCell(c.header)).join(' | ')} |`;
  const rule = `|${t.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [
    head,
    rule,
    ...t.rows.map((r) => `| ${r.map((c) => mdCell(c.href ? `[${c.text}](${c.href})` : c.text)).join(' | ')} |`),
  ].join('\n');
}

function tableEmailHtml(t: Table): string {
  if (!t.rows.length) return `<p style="color:#5b6475">${esc(t.empty ?? 'Nothing to show.')}</p>`;
  const th = (c: { header: string; align?: string }) =>
    `<th style="text-align:${c.align === 'right' ? 'right' : 'left'};padding:4px 6px;border-bottom:1px solid #ccd;font-size:13px">${esc(c.header)}</th>`;
  const td = (text: string, right: boolean, href?: string) =>
    `<td style="text-align:${right ? 'right' : 'left'};padding:4px 6px;border-bottom:1px solid #eef;font-size:13px;vertical-align:top">${href ? `<a href="${esc(href)}">${esc(text)}</a>` : esc(text)}</td>`;
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;max-width:640px"><tr>${t.columns.map(th).join('')}</tr>${t.rows.map((r) => `<tr>${r.map((c, i) => td(c.text, t.columns[i]?.align === 'right', c.href)).join('')}</tr>`).join('')}</table>`;
}

function tableText(t: Table): string {
  if (!t.rows.length) return `  ${t.empty ?? 'Nothing to show.'}`;
  return renderTable(
    t.columns,
    t.rows.map((r) => r.map((c) => c.text)),
    '  ',
    { width: 78 },
  );
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Every section's tables in one long CSV: table, row, column, value (raw numbers where the cell has one). */
function sectionsCsv(sections: ReadonlyArray<Section>): string {
  const lines = ['table,row,column,value'];
  for (const s of sections)
    for (const t of s.tables)
      t.rows.forEach((r, i) =>
        r.forEach((c, j) =>
          lines.push(
            [
              t.id,
              String(i + 1),
              t.columns[j]?.header ?? '',
              c.value !== undefined && c.value !== null ? String(c.value) : c.text,
            ]
              .map(csvField)
              .join(','),
          ),
        ),
      );
  return `${lines.join('\r\n')}\r\n`;
}

/** The weekly email for the manager (one function the scheduler's Monday send calls). */
export async function buildManagerWeeklyEmail(
  ctx: AnalysisContext,
  state: StateStore,
  opts: ManagerWeeklyEmailOptions,
): Promise<ManagerWeeklyEmail> {
  const report = weeklyReport(ctx, opts.week);
  const base = opts.dashboardUrl.replace(/\/+$/, '');
  const env: PageEnv = {
    ctx,
    state,
    filters: {
      period: opts.week ? 'custom' : 'default',
      range: opts.week,
      ownerId: opts.ownerId,
      pipelineId: undefined,
      problems: [],
    },
    base,
    portalId: opts.portalId ?? null,
  };
  const sections: Section[] = [
    momentumSections(env, report.momentum)[0]!,
    coverageSection(env),
    scorecardSection(env, report.scorecard),
    risksSection(env, 5),
    hygieneSection(env),
  ];
  const tz = ctx.timezone;
  const week = `week of ${formatDate(report.momentum.period.from, tz)}`;
  const team = ctx.data.crm.account.name ?? 'the sales team';
  const subject = `Weekly sales report, ${week}: ${team}`;
  const images: ManagerWeeklyEmail['images'] = [];
  const htmlParts: string[] = [];
  const textParts: string[] = [`${subject}`, `Numbers as of ${formatDate(ctx.asOf, tz)}. The dashboard: ${base}/team`];
  const mdParts: string[] = [
    `# ${subject}`,
    '',
    `Numbers as of ${formatDate(ctx.asOf, tz)}. [Open the dashboard](${base}/team)`,
  ];
  // The lines a manager reads first (forecast, attainment, speed to lead, aging), as the text report opens.
  const glance = glanceLines(report);
  if (glance.length) {
    htmlParts.push(
      `<tr><td style="padding:14px 0 4px"><h2 style="font-size:17px;margin:0 0 4px">At a glance</h2><ul style="margin:0;padding-left:18px;font-size:14px;line-height:1.5">${glance.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></td></tr>`,
    );
    textParts.push('', 'AT A GLANCE', ...glance.map((l) => `• ${l}`));
    mdParts.push('', '## At a glance', '', ...glance.map((l) => `- ${l}`));
  }
  for (const s of sections) {
    let img = '';
    if (s.chart) {
      const png = svgToPng(await renderSvg(s.chart), 2);
      const alt = String((s.chart as { description?: string }).description ?? s.title);
      const cid = `${s.id}-${createHash('sha256').update(png).digest('hex').slice(0, 12)}@sales-mis`;
      images.push({ cid, filename: `${s.id}.png`, alt, png });
      img = `<img src="data:image/png;base64,${png.toString('base64')}" alt="${esc(alt)}" width="360" style="display:block;width:100%;max-width:360px;height:auto;border:0">`;
    }
    htmlParts.push(
      `<tr><td style="padding:14px 0 4px"><h2 style="font-size:17px;margin:0 0 4px">${esc(s.title)}</h2>${s.note ? `<p style="color:#5b6475;font-size:13px;margin:0 0 8px">${esc(s.note)}</p>` : ''}${img}${s.tables.map(tableEmailHtml).join('')}</td></tr>`,
    );
    textParts.push('', s.title.toUpperCase(), ...(s.note ? [s.note] : []), ...s.tables.map(tableText));
    mdParts.push('', `## ${s.title}`, '', ...(s.note ? [s.note, ''] : []), ...s.tables.map(tableMd));
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:12px;font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2433;background:#ffffff">
<table role="presentation" cellspacing="0" cellpadding="0" style="width:100%;max-width:640px;margin:0 auto">
<tr><td><h1 style="font-size:20px;margin:0 0 4px">${esc(subject)}</h1><p style="color:#5b6475;font-size:13px;margin:0">Numbers as of ${esc(formatDate(ctx.asOf, tz))}. <a href="${esc(base)}/team">Open the dashboard</a> · <a href="${esc(base)}/review">the sales–marketing review</a></p></td></tr>
${htmlParts.join('\n')}
</table></body></html>`;
  return {
    subject,
    text: `${textParts.join('\n')}\n`,
    html,
    markdown: `${mdParts.join('\n')}\n`,
    csv: sectionsCsv(sections),
    images,
    report,
  };
}
