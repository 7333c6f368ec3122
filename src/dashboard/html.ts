/** Server-rendered HTML for a dashboard page (no script, no build step), and any of its tables as CSV. */
import type { AnalysisContext } from '../analysis/index.js';
import { renderSvg } from '../charts/index.js';
import { filterQuery, type Filters } from './filters.js';
import type { Cell, Page, Section, Table } from './model.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2433;background:#f4f6f9}
header{background:#1d2433;color:#fff;padding:10px 16px}
header a{color:#fff;text-decoration:none;margin-right:14px;display:inline-block;padding:4px 0}
header a[aria-current=page]{border-bottom:2px solid #7fb2ff}
header .brand{font-weight:600;margin-right:18px}
main{padding:12px 16px;max-width:1400px;margin:0 auto}
h1{font-size:22px;margin:8px 0 2px}
.sub{color:#5b6475;margin:0 0 10px;font-size:13px}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:10px;margin:8px 0 14px}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#5b6475;gap:2px}
form.filters select,form.filters input{font:inherit;padding:6px;min-height:36px;border:1px solid #c5ccd8;border-radius:6px;background:#fff;max-width:100%}
form.filters button{font:inherit;min-height:36px;padding:6px 14px;border:0;border-radius:6px;background:#2f6fdb;color:#fff}
.problem{background:#fff4e5;border:1px solid #f0c27b;padding:8px 10px;border-radius:6px;margin:8px 0}
.grid{display:grid;grid-template-columns:1fr;gap:14px}
@media (min-width:1000px){.grid{grid-template-columns:1fr 1fr}.grid .wide{grid-column:1/-1}}
section.card{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:12px;min-width:0}
section.card h2{font-size:17px;margin:0 0 4px}
.note{color:#5b6475;font-size:13px;margin:0 0 8px}
figure{margin:0 0 8px}
figure svg{max-width:100%;height:auto;display:block}
.tablewrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;font-size:12px;color:#5b6475;padding:2px 0}
th,td{padding:5px 6px;border-bottom:1px solid #edf0f4;text-align:left;vertical-align:top;overflow-wrap:normal;word-break:normal;hyphens:none}
th{font-weight:600;color:#3b4456;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
.csv{font-size:12px;display:inline-block;margin-top:6px;padding:4px 0}
a{color:#1f5fc4}
.ext{font-size:14px}
.lines{margin:0;padding-left:18px;font-size:14px}
h3{font-size:14px;margin:10px 0 4px}
`;

export interface Nav {
  base: string;
  current: 'team' | 'ae' | 'deal' | 'marketing' | 'review';
  filters: Filters;
  ctx: AnalysisContext;
  /** The page's path (for the filter form and CSV links). */
  path: string;
}

function filterForm(nav: Nav): string {
  const { filters: f, ctx } = nav;
  const opt = (value: string, label: string, selected: boolean) =>
    `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const owners = ctx.data.crm.owners.filter((o) => !o.archived && ctx.data.crm.deals.some((d) => d.ownerId === o.id));
  const periods: Array<[string, string]> = [
    ['default', 'Each report’s default'],
    ['last-week', 'Last week'],
    ['quarter', 'This quarter'],
    ['custom', 'Custom (From–To)'],
  ];
  return `<form class="filters" method="get" action="${esc(nav.path)}">
<label>Period<select name="period">${periods.map(([v, l]) => opt(v, l, f.period === v)).join('')}</select></label>
<label>From<input type="date" name="from" value="${f.period === 'custom' && f.range ? f.range.from.slice(0, 10) : ''}"></label>
<label>To<input type="date" name="to" value="${f.period === 'custom' && f.range ? f.range.to.slice(0, 10) : ''}"></label>
<label>Owner<select name="owner">${opt('', 'Everyone', !f.ownerId)}${owners.map((o) => opt(o.id, o.name, f.ownerId === o.id)).join('')}</select></label>
<label>Pipeline<select name="pipeline">${opt('', 'All pipelines', !f.pipelineId)}${ctx.data.crm.pipelines.map((p) => opt(p.id, p.label, f.pipelineId === p.id)).join('')}</select></label>
<button type="submit">Apply</button>
</form>`;
}

function cellHtml(c: Cell, num: boolean): string {
  const attrs = [
    num ? ' class="num"' : '',
    c.key ? ` data-key="${esc(c.key)}"` : '',
    c.value !== undefined && c.value !== null ? ` data-value="${c.value}"` : '',
  ].join('');
  const inner = c.href ? `<a href="${esc(c.href)}">${esc(c.text)}</a>` : esc(c.text);
  return `<td${attrs}>${inner}</td>`;
}

function tableHtml(t: Table, title: string, csvHref: string): string {
  if (!t.rows.length) return `<p class="note">${esc(t.empty ?? 'Nothing to show.')}</p>`;
  const head = t.columns
    .map((c) => `<th scope="col"${c.align === 'right' ? ' class="num"' : ''}>${esc(c.header)}</th>`)
    .join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((c, i) => cellHtml(c, t.columns[i]?.align === 'right')).join('')}</tr>`)
    .join('\n');
  return `<div class="tablewrap"><table id="t-${esc(t.id)}"><caption>${esc(title)}: the numbers</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>
<a class="csv" href="${esc(csvHref)}" download="${esc(t.id)}.csv">Download CSV</a>`;
}

async function sectionHtml(s: Section, nav: Nav): Promise<string> {
  const svg = s.chart ? await renderSvg(s.chart) : '';
  const title = typeof s.chart?.title === 'string' ? s.chart.title : s.title;
  const figure = svg
    ? `<figure role="img" aria-label="${esc(String((s.chart as { description?: string }).description ?? title))}">${svg}</figure>`
    : '';
  const tables = s.tables
    .map((t) => tableHtml(t, s.title, `${nav.path}${filterQuery(nav.filters, { csv: t.id })}`))
    .join('\n');
  // A line "## Title" starts a group: a small heading, then its lines as a list.
  const lines = s.lines?.length
    ? `<ul class="lines">${s.lines
        .map((l) => (l.startsWith('## ') ? `</ul><h3>${esc(l.slice(3))}</h3><ul class="lines">` : `<li>${esc(l)}</li>`))
        .join('')}</ul>`.replace(/<ul class="lines"><\/ul>/g, '')
    : '';
  const wide = s.tables.some((t) => t.columns.length >= 6 && t.rows.length > 0);
  return `<section class="card${wide ? ' wide' : ''}" id="s-${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.note ? `<p class="note">${esc(s.note)}</p>` : ''}${figure}${lines}${tables}</section>`;
}

export async function pageHtml(page: Page, nav: Nav): Promise<string> {
  const q = filterQuery({ ...nav.filters });
  const link = (key: Nav['current'], path: string, label: string) =>
    `<a href="${esc(nav.base + path + q)}"${nav.current === key ? ' aria-current="page"' : ''}>${label}</a>`;
  const sections = await Promise.all(page.sections.map((s) => sectionHtml(s, nav)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)} · sales-mis</title><style>${STYLE}</style></head>
<body><header><span class="brand">sales-mis</span><nav>${link('team', '/team', 'Team')}${link('ae', '/ae', 'AE')}${link('marketing', '/marketing', 'Marketing')}${link('review', '/review', 'Review')}</nav></header>
<main><h1>${esc(page.title)}</h1><p class="sub">${esc(page.subtitle)}</p>
${page.external ? `<p class="ext"><a href="${esc(page.external.href)}" rel="noopener" target="_blank">${esc(page.external.label)}</a></p>` : ''}
${nav.filters.problems.map((p) => `<p class="problem">${esc(p)}</p>`).join('')}
${filterForm(nav)}
<div class="grid">
${sections.join('\n')}
</div></main></body></html>`;
}

export function messagePage(title: string, message: string, base: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · sales-mis</title><style>${STYLE}</style></head>
<body><header><span class="brand">sales-mis</span><nav><a href="${esc(base)}/team">Team</a></nav></header><main><h1>${esc(title)}</h1><p>${esc(message)}</p></main></body></html>`;
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A table as CSV: raw numbers where the cell has one (amounts in the portal currency, shares 0..1), text otherwise. */
export function tableCsv(t: Table): string {
  const lines = [t.columns.map((c) => csvField(c.header)).join(',')];
  for (const r of t.rows)
    lines.push(r.map((c) => csvField(c.value !== undefined && c.value !== null ? String(c.value) : c.text)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
