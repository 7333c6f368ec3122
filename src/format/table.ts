/**
 * Aligned plain-text tables: numbers (and money) right-aligned, text left-aligned, width by display length. When
 * the table is wider than the terminal, text columns wrap at spaces (a word is never cut; a word longer than its
 * column keeps its line and the table grows instead).
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export interface TableOptions {
  /** Total width to fit (default: the terminal's, else $COLUMNS, else no limit). */
  width?: number | undefined;
}

/** Display width: counts code points, so ₹ and other symbols take one column. */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** The width output should fit: stdout's columns on a terminal, else $COLUMNS, else none. */
export function terminalWidth(): number | undefined {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const env = Number(process.env['COLUMNS']);
  return Number.isInteger(env) && env >= 20 ? env : undefined;
}

/** An email address may break before its @ (never inside a name or a word); everything else stays whole. */
function pieces(word: string): string[] {
  return /^[^@\s]+@[^@\s]+$/.test(word) ? word.split(/(?=@)/) : [word];
}

/**
 * Words of `s` packed into lines of at most `w` columns (longer words stand alone, uncut; an email address longer
 * than the line breaks before its @).
 */
export function wrapText(s: string, w: number): string[] {
  const lines: string[] = [];
  let line = '';
  // A money unit stays with its number (₹1.84 Cr never breaks before Cr).
  for (const word of s.split(/\s+(?!(?:L|Cr|K|M)(?:\s|$))/).filter(Boolean)) {
    const parts = width(word) > w ? pieces(word) : [word];
    parts.forEach((part, k) => {
      const glue = k === 0 ? ' ' : '';
      if (!line) line = part;
      else if (width(line) + glue.length + width(part) <= w) line += `${glue}${part}`;
      else {
        lines.push(line);
        line = part;
      }
    });
  }
  lines.push(line);
  return lines;
}

const longestWord = (s: string) =>
  Math.max(1, ...s.split(/\s+(?!(?:L|Cr|K|M)(?:\s|$))/).flatMap((x) => pieces(x).map(width)));

export function renderTable(
  columns: ReadonlyArray<Column | string>,
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  indent = '  ',
  opts: TableOptions = {},
): string {
  // A column with nothing in any row (an Amount column of contact findings) takes no room.
  const keep = columns.map((_, i) => !rows.length || rows.some((r) => r[i] !== undefined && r[i] !== ''));
  if (keep.includes(false))
    return renderTable(
      columns.filter((_, i) => keep[i]),
      rows.map((r) => r.filter((_, i) => keep[i])),
      indent,
      opts,
    );
  const cols: Column[] = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const cells = rows.map((r) =>
    cols.map((_, i) => {
      const v = r[i];
      return typeof v === 'number' ? v.toLocaleString('en-IN') : (v ?? '');
    }),
  );
  const aligns = cols.map(
    (c, i) =>
      c.align ??
      (rows.length &&
      rows.every((r) => typeof r[i] === 'number' || /^[-₹$€£]?[\d,.]+\s?(L|Cr|%|K|M)?$|^—$/.test(String(r[i])))
        ? 'right'
        : 'left'),
  );
  const widths = cols.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const limit = opts.width ?? terminalWidth();
  if (limit !== undefined) {
    const total = () => width(indent) + widths.reduce((s, w) => s + w, 0) + 2 * Math.max(0, widths.length - 1);
    // Shrink the widest column a column at a time, never below its longest word; a number column keeps its
    // values whole and may only wrap its header.
    const floor = cols.map((c, i) =>
      aligns[i] === 'right'
        ? Math.max(longestWord(c.header), ...cells.map((r) => width(r[i] ?? '')))
        : Math.max(longestWord(c.header), ...cells.map((r) => longestWord(r[i] ?? ''))),
    );
    while (total() > limit) {
      let best = -1;
      for (let i = 0; i < widths.length; i++)
        if (widths[i]! > floor[i]! && (best < 0 || widths[i]! > widths[best]!)) best = i;
      if (best < 0) break;
      widths[best]!--;
    }
  }
  const block = (vals: ReadonlyArray<string>): string[] => {
    const wrapped = vals.map((v, i) => (width(v) > widths[i]! ? wrapText(v, widths[i]!) : [v]));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++)
      out.push((indent + wrapped.map((w, i) => pad(w[k] ?? '', widths[i]!, aligns[i]!)).join('  ')).trimEnd());
    return out;
  };
  const out = [...block(cols.map((c) => c.header)), indent + widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of cells) out.push(...block(r));
  return out.join('\n');
}
