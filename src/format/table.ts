/** Aligned plain-text tables: numbers (and money) right-aligned, text left-aligned, width by display length. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Display width: counts code points, so ₹ and other symbols take one column. */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

export function renderTable(columns: ReadonlyArray<Column | string>, rows: ReadonlyArray<ReadonlyArray<string | number>>, indent = '  '): string {
  const cols: Column[] = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const cells = rows.map((r) => r.map((v) => (typeof v === 'number' ? v.toLocaleString('en-IN') : v)));
  const aligns = cols.map((c, i) => c.align ?? (rows.length && rows.every((r) => typeof r[i] === 'number' || /^[-₹$€£]?[\d,.]+\s?(L|Cr|%|K|M)?$|^—$/.test(String(r[i]))) ? 'right' : 'left'));
  const widths = cols.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (vals: ReadonlyArray<string>) => indent + vals.map((v, i) => pad(v, widths[i]!, aligns[i]!)).join('  ').trimEnd();
  const out = [line(cols.map((c) => c.header)), indent + widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of cells) out.push(line(r));
  return out.join('\n');
}
