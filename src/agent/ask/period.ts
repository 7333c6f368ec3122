/**
 * Periods in a question, relative to the analysis date in the team's time zone: "this month", "last week",
 * "next quarter", "this FY", "Q3", "in December", "next 30 days", "today". Weeks start on Monday; quarters and
 * financial years follow the configured first month of the financial year (4: the Indian FY, Q1 = Apr–Jun), and
 * every period carries the reading used, so the answer can state it.
 */
import { zoneOffsetMs } from '../../analysis/index.js';

export interface Period {
  /** Inclusive start, exclusive end (epoch ms). */
  from: number;
  to: number;
  /** What the question said ("this quarter"). */
  written: string;
  /** The reading used, for the answer ("1 Oct – 31 Dec 2026, Q3 FY 2026-27"). */
  reading: string;
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'days';
  /** -1 last, 0 this, 1 next; null for a named month/quarter or a span of days. */
  offset: number | null;
}

const DAY = 86_400_000;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Local {
  y: number;
  m: number;
  d: number;
  /** 0 = Sunday */
  wd: number;
}

function local(instant: number, tz: string): Local {
  const x = new Date(instant + zoneOffsetMs(instant, tz));
  return { y: x.getUTCFullYear(), m: x.getUTCMonth(), d: x.getUTCDate(), wd: x.getUTCDay() };
}

/** Local midnight of y-m-d (month may overflow) as an instant. */
export function localMidnight(y: number, m: number, d: number, tz: string): number {
  const guess = Date.UTC(y, m, d);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, tz), tz);
}

function day(instant: number, tz: string, year = true): string {
  const l = local(instant, tz);
  return `${l.d} ${SHORT[l.m]}${year ? ` ${l.y}` : ''}`;
}

/** "1 Oct – 31 Dec 2026" for [from, to). */
export function span(from: number, to: number, tz: string): string {
  const a = local(from, tz);
  const b = local(to - 1, tz);
  return `${day(from, tz, a.y !== b.y)} – ${day(to - 1, tz)}`;
}

/** The financial year a local month falls in, by its first month (0-based start). */
function fyLabel(y: number, m: number, start: number): string {
  if (start === 0) return `FY ${y}`;
  const first = m >= start ? y : y - 1;
  return `FY ${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

function quarterOf(
  y: number,
  m: number,
  fyStartMonth: number,
): { q: number; fy: string; startY: number; startM: number } {
  const s = fyStartMonth - 1;
  const startM0 = m - ((m - s + 12) % 3);
  const q = Math.floor(((startM0 - s + 12) % 12) / 3) + 1;
  return { q, fy: fyLabel(y, m, s), startY: y, startM: startM0 };
}

function fyNote(start: number): string {
  return start === 0 ? '' : start === 3 ? ', Indian financial year' : `, financial year from ${SHORT[start]}`;
}

export interface PeriodContext {
  asOf: number;
  timezone: string;
  /** 1–12; 4 = the Indian FY. */
  fiscalYearStartMonth: number;
}

export function parsePeriod(question: string, c: PeriodContext): Period | null {
  const q = question.toLowerCase().replace(/[’']/g, "'");
  const tz = c.timezone;
  const now = local(c.asOf, tz);
  const today = localMidnight(now.y, now.m, now.d, tz);
  const s = c.fiscalYearStartMonth - 1;
  const make = (
    from: number,
    to: number,
    written: string,
    unit: Period['unit'],
    offset: number | null,
    extra = '',
  ): Period => ({ from, to, written, unit, offset, reading: `${span(from, to, tz)}${extra}` });

  let m = /\b(today|tonight)\b/.exec(q);
  if (m) return make(today, today + DAY, m[0], 'day', 0);
  m = /\b(yesterday)\b/.exec(q);
  if (m) return make(today - DAY, today, m[0], 'day', -1);
  m = /\b(tomorrow)\b/.exec(q);
  if (m) return make(today + DAY, today + 2 * DAY, m[0], 'day', 1);

  m = /\b(next|coming|last|past|previous) (\d{1,3}) days\b/.exec(q);
  if (m) {
    const n = Number(m[2]);
    return m[1] === 'next' || m[1] === 'coming'
      ? make(today, today + (n + 1) * DAY, m[0], 'days', null)
      : make(today - n * DAY, today + DAY, m[0], 'days', null);
  }

  m =
    /\b(this|current|next|coming|last|previous|past|prior) (week|wk|month|quarter|qtr|fy|financial year|fiscal year|year)\b|\b(week|month|quarter|year) to date\b|\bsince monday\b|\b(mtd|qtd|ytd|wtd)\b/.exec(
      q,
    );
  if (m) {
    const which = m[1] ?? 'this';
    const offset = /next|coming/.test(which) ? 1 : /last|previous|past|prior/.test(which) ? -1 : 0;
    const rawUnit =
      m[2] ??
      m[3] ??
      ({ mtd: 'month', qtd: 'quarter', ytd: 'year', wtd: 'week' } as Record<string, string>)[m[4] ?? ''] ??
      'week';
    const unit =
      rawUnit === 'wk' ? 'week' : rawUnit === 'qtr' ? 'quarter' : /fy|financial|fiscal/.test(rawUnit) ? 'fy' : rawUnit;
    const written = m[0];
    if (unit === 'week') {
      const monday = today - ((now.wd + 6) % 7) * DAY;
      const from = localMidnight(local(monday, tz).y, local(monday, tz).m, local(monday, tz).d + 7 * offset, tz);
      const to = localMidnight(local(from, tz).y, local(from, tz).m, local(from, tz).d + 7, tz);
      return make(from, to, written, 'week', offset, ', Monday to Sunday');
    }
    if (unit === 'month') {
      const from = localMidnight(now.y, now.m + offset, 1, tz);
      const to = localMidnight(now.y, now.m + offset + 1, 1, tz);
      return make(from, to, written, 'month', offset);
    }
    if (unit === 'quarter') {
      const cur = quarterOf(now.y, now.m, c.fiscalYearStartMonth);
      const from = localMidnight(cur.startY, cur.startM + 3 * offset, 1, tz);
      const to = localMidnight(cur.startY, cur.startM + 3 * offset + 3, 1, tz);
      const l = local(from, tz);
      const named = quarterOf(l.y, l.m, c.fiscalYearStartMonth);
      return make(from, to, written, 'quarter', offset, `, Q${named.q} ${named.fy}${fyNote(s)}`);
    }
    // year: the financial year when one is configured ("this year" and "this FY" alike)
    const startY = now.m >= s ? now.y : now.y - 1;
    const from = localMidnight(startY + offset, s, 1, tz);
    const to = localMidnight(startY + offset + 1, s, 1, tz);
    return make(from, to, written, 'year', offset, s === 0 ? '' : `, ${fyLabel(startY + offset, s, s)}`);
  }

  m = /\bq([1-4])\b/.exec(q);
  if (m) {
    const n = Number(m[1]);
    const startY = now.m >= s ? now.y : now.y - 1;
    const from = localMidnight(startY, s + 3 * (n - 1), 1, tz);
    const to = localMidnight(startY, s + 3 * n, 1, tz);
    return make(from, to, m[0], 'quarter', null, `, Q${n} ${fyLabel(startY, s, s)}`);
  }

  m = new RegExp(
    `\\b(?:in|for|during|by|of|this|next) (${MONTHS.join('|')}|${SHORT.map((x) => x.toLowerCase()).join('|')})\\b`,
  ).exec(q);
  if (m) {
    const idx = MONTHS.findIndex((x) => x.startsWith(m![1]!));
    // The named month this year, or next year's when it is already past (a question looks ahead).
    const y = idx < now.m - 1 ? now.y + 1 : now.y;
    const from = localMidnight(y, idx, 1, tz);
    return make(
      from,
      localMidnight(y, idx + 1, 1, tz),
      `in ${MONTHS[idx]![0]!.toUpperCase()}${MONTHS[idx]!.slice(1)}`,
      'month',
      null,
    );
  }
  return null;
}

/** Which date a period constrains: the close date (default), the create date ("new", "created", "came in"). */
export function periodField(question: string): 'close' | 'created' {
  return /\b(created|new (deals?|opps?|opportunities)|came in|added|opened|new business|sourced)\b/i.test(question)
    ? 'created'
    : 'close';
}
