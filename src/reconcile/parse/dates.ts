/**
 * Dates as AEs write them, resolved against 'now' in the team's time zone: "15th Dec", "Dec 15", "15/12",
 * "by 15th" (this month if still ahead, else next month), "end Dec", "mid Jan", "next Tue", "on Wed", "yday",
 * "kal" (yesterday when the sentence is past tense, "kal call hua"; tomorrow otherwise), "this week", "next wk",
 * "in 2 weeks". Weeks start on Monday. A date without a year is the nearest such day to 'now'.
 */
import { localDate } from '../../time/index.js';
import type { DateClaim } from '../schema.js';
import { DEFAULT_CALENDAR, DEFAULT_FISCAL_YEAR_START_MONTH, occurrences, type CalendarEntry } from './calendar.js';

export interface FoundDate extends DateClaim {
  index: number;
  end: number;
}

export interface DateContext {
  /** ISO instant or ms. */
  asOf: string | number;
  timezone: string;
  /** Festivals and holidays dates are given by ("after Pongal"); default: DEFAULT_CALENDAR. */
  calendar?: readonly CalendarEntry[];
  /** 1-12: the month the financial year starts ("before FY close"); default April. */
  fiscalYearStartMonth?: number;
}

export type Direction = 'past' | 'future';

const DAY = 86_400_000;
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WEEKDAY = String.raw`(mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ek: 1,
  do: 2,
  teen: 3,
};

/** Words that put the clause in the future (a plan, a deadline) or the past (something that happened). */
const FUTURE_MARKERS =
  /\b(by|till|until|before|next|coming|will|shall|going to|planned|plan|scheduled|sched|lined up|expected|expect|exp|target|closing|close|closure|po|sign|signing|due|hoga|hogi|karenge|karna|karni|aayega|to do|to send|to share|upcoming|tentative|tent\.?)\b/i;
const PAST_MARKERS =
  /\b(done|had|did|held|met|spoke|spoken|talked|called|visited|went|was|were|happened|completed|hua|hui|huyi|huye|tha|thi|kiya|kiye|ki thi|ho gaya|ho gayi|hogaya|ho gya|mila|mile|baat ki|yday|yesterday|last)\b/i;

interface Day {
  y: number;
  m: number; // 1..12
  d: number;
}

const toNum = (x: Day) => Date.UTC(x.y, x.m - 1, x.d) / DAY;
const fromNum = (n: number): Day => {
  const t = new Date(n * DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const ymd = (n: number) => {
  const x = fromNum(n);
  return `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
};
const weekday = (n: number) => new Date(n * DAY).getUTCDay();
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const clampDay = (y: number, m: number, d: number) => toNum({ y, m, d: Math.min(d, daysIn(y, m)) });
const mondayOf = (n: number) => n - ((weekday(n) + 6) % 7);
const monthIndex = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
const weekdayIndex = (word: string) => WEEKDAYS.indexOf(word.slice(0, 3).toLowerCase());

/** The local calendar day of an instant in a zone, as a day number (days since 1970-01-01). */
export function localDayNumber(instant: string | number, timeZone: string): number {
  const [y, m, d] = localDate(instant, timeZone).split('-').map(Number);
  return toNum({ y: y!, m: m!, d: d! });
}

export { localDate };

/** A CRM close date as a calendar day: HubSpot stores dates at 00:00Z, so those are read as their UTC date. */
export function closeDateDay(value: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?(Z|\+00:00)?)?$/.test(value)) return value.slice(0, 10);
  return localDate(value, timeZone);
}

export function addDaysYmd(a: string, days: number): string {
  return ymd(Date.parse(`${a}T00:00:00Z`) / DAY + days);
}

/** Which way a date points, from the clause around it ("PO by …" is ahead, "met on Wed" is behind). */
export function directionAt(text: string, index: number, end: number, fallback: Direction): Direction {
  const clauseStart =
    Math.max(
      text.lastIndexOf(',', index - 1),
      text.lastIndexOf(';', index - 1),
      text.lastIndexOf(':', index - 1),
      text.lastIndexOf('.', index - 1) === index - 1 ? -1 : text.lastIndexOf('. ', index - 1),
    ) + 1;
  let clauseEnd = text.slice(end).search(/[,;.]\s|[,;]|$/);
  clauseEnd = clauseEnd < 0 ? text.length : end + clauseEnd;
  const before = text.slice(clauseStart, index);
  const after = text.slice(end, clauseEnd);
  const clause = `${before} ${after}`;
  if (FUTURE_MARKERS.test(before)) return 'future';
  if (PAST_MARKERS.test(clause)) return 'past';
  if (FUTURE_MARKERS.test(after)) return 'future';
  return fallback;
}

interface Rule {
  re: RegExp;
  resolve(m: RegExpMatchArray, today: number, dir: Direction): { from: number; to: number; date?: number } | null;
}

const span = (from: number, to: number, date = to) => ({ from, to, date });
const one = (n: number) => ({ from: n, to: n, date: n });

function nearestYear(today: number, m: number, d: number, dir: Direction): number {
  const t = fromNum(today);
  const options = [t.y - 1, t.y, t.y + 1].map((y) => clampDay(y, m, d));
  options.sort((a, b) => Math.abs(a - today) - Math.abs(b - today) || (dir === 'future' ? b - a : a - b));
  return options[0]!;
}

function fullYear(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const n = Number(raw.replace(/\D/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return n < 100 ? 2000 + n : n;
}

const ORDINAL_WEEK: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: 5,
};

const RULES: Rule[] = [
  {
    // "first wk of Feb", "3rd week of January", "last week of March".
    re: new RegExp(
      String.raw`\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:week|wk)\s+(?:of\s+)?${MONTH}\b`,
      'giu',
    ),
    resolve(m, today, dir) {
      const n = ORDINAL_WEEK[m[1]!.toLowerCase()]!;
      const mo = monthIndex(m[2]!);
      if (mo < 1) return null;
      const y = fromNum(nearestYear(today, mo, 15, dir)).y;
      const last = daysIn(y, mo);
      const from = n === 5 ? last - 6 : 1 + 7 * (n - 1);
      const to = n === 5 ? last : Math.min(last, 7 * n);
      return span(toNum({ y, m: mo, d: from }), toNum({ y, m: mo, d: to }));
    },
  },
  {
    re: /\b(day before yesterday|day after tomorrow|today|tonight|aaj|yesterday|yday|ystrdy|yest|tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|kal|parso|parson)\b/giu,
    resolve(m, today, dir) {
      const w = m[1]!.toLowerCase();
      if (w === 'day before yesterday') return one(today - 2);
      if (w === 'day after tomorrow') return one(today + 2);
      if (w === 'today' || w === 'tonight' || w === 'aaj') return one(today);
      if (w.startsWith('y')) return one(today - 1);
      if (w === 'kal') return one(dir === 'past' ? today - 1 : today + 1);
      if (w.startsWith('parso')) return one(dir === 'past' ? today - 2 : today + 2);
      return one(today + 1);
    },
  },
  {
    re: /\b(this|last|next|coming|prev(?:ious)?|is|agle|pichle|agla|pichla)\s+(week|wk|hafte|hafta|month|mth|mahine|mahina)\b/giu,
    resolve(m, today) {
      const which = m[1]!.toLowerCase();
      const month = /^(month|mth|mahine|mahina)$/i.test(m[2]!);
      const shift = /^(last|prev|previous|pichle|pichla)$/.test(which)
        ? -1
        : /^(next|coming|agle|agla)$/.test(which)
          ? 1
          : 0;
      if (month) {
        const t = fromNum(today);
        const mm = t.m + shift;
        const y = t.y + Math.floor((mm - 1) / 12);
        const mo = ((((mm - 1) % 12) + 12) % 12) + 1;
        return span(toNum({ y, m: mo, d: 1 }), toNum({ y, m: mo, d: daysIn(y, mo) }));
      }
      const mon = mondayOf(today) + 7 * shift;
      return span(mon, mon + 6);
    },
  },
  {
    re: /\b(eow|end of (?:the |this )?week|week[- ]end|eom|end of (?:the |this )?month|month[- ]end|mahine ke end)\b/giu,
    resolve(m, today) {
      const w = m[1]!.toLowerCase();
      if (w === 'eow' || w.includes('week')) {
        const fri = mondayOf(today) + 4;
        return span(Math.max(today, fri - 1), mondayOf(today) + 6, fri);
      }
      const t = fromNum(today);
      const last = toNum({ y: t.y, m: t.m, d: daysIn(t.y, t.m) });
      return span(last - 7, last);
    },
  },
  {
    re: /\bin\s+(\d+|a|an|one|two|three|four|five|six)\s+(days?|weeks?|wks?)\b|\b(\d+|ek|do|teen)\s+(din|hafte)\s+(?:mein|me)\b/giu,
    resolve(m, today) {
      const nRaw = (m[1] ?? m[3])!.toLowerCase();
      const n = /^\d+$/.test(nRaw) ? Number(nRaw) : (NUMBER_WORDS[nRaw] ?? 1);
      const unit = (m[2] ?? m[4])!.toLowerCase();
      const days = unit.startsWith('d') ? n : n * 7;
      return days <= 7 ? one(today + days) : span(today + days - 3, today + days + 3, today + days);
    },
  },
  {
    re: new RegExp(
      String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]*${MONTH}\.?(?:[,\s'’-]*(\d{4}|'\d{2}|’\d{2}))?\b`,
      'giu',
    ),
    resolve(m, today, dir) {
      const d = Number(m[1]);
      const mo = monthIndex(m[2]!);
      if (d < 1 || d > 31 || mo < 1) return null;
      const y = fullYear(m[3]);
      return one(y ? clampDay(y, mo, d) : nearestYear(today, mo, d, dir));
    },
  },
  {
    re: new RegExp(
      String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:l\b|lakh|lac|cr|k\b|%))(?:,?\s*(\d{4}))?`,
      'giu',
    ),
    resolve(m, today, dir) {
      const mo = monthIndex(m[1]!);
      const d = Number(m[2]);
      if (d < 1 || d > 31 || mo < 1) return null;
      const y = fullYear(m[3]);
      return one(y ? clampDay(y, mo, d) : nearestYear(today, mo, d, dir));
    },
  },
  {
    re: new RegExp(
      String.raw`\b(end|mid|early|late|start|beginning|first week|last week)(?:\s+of)?[\s-]+${MONTH}\b|\b${MONTH}[\s-]+(end|mid)\b`,
      'giu',
    ),
    resolve(m, today, dir) {
      const part = (m[1] ?? m[4])!.toLowerCase();
      const mo = monthIndex((m[2] ?? m[3])!);
      if (mo < 1) return null;
      const anchor = fromNum(nearestYear(today, mo, 15, dir));
      const y = anchor.y;
      const last = daysIn(y, mo);
      const at = (d: number) => toNum({ y, m: mo, d });
      if (part === 'end' || part === 'late' || part === 'last week')
        return span(at(Math.max(1, last - 10)), at(last), at(last));
      if (part === 'mid') return span(at(10), at(20), at(15));
      return span(at(1), at(10), at(part === 'first week' ? 7 : 5));
    },
  },
  {
    re: new RegExp(String.raw`\b(in|by|till|until|before|during|for|within|from)\s+${MONTH}\b(?!\s*\d)`, 'giu'),
    resolve(m, today, dir) {
      const mo = monthIndex(m[2]!);
      if (mo < 1) return null;
      const y = fromNum(nearestYear(today, mo, 15, dir)).y;
      return span(toNum({ y, m: mo, d: 1 }), toNum({ y, m: mo, d: daysIn(y, mo) }));
    },
  },
  {
    re: /\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?\b(?![/-]|\s*(?:l\b|lakh|lac|cr|k\b))|\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b/giu,
    resolve(m, today, dir) {
      const d = Number(m[1] ?? m[4]);
      const mo = Number(m[2] ?? m[5]);
      if (d < 1 || d > 31 || mo < 1 || mo > 12) return null;
      const y = fullYear(m[3] ?? m[6]);
      return one(y ? clampDay(y, mo, d) : nearestYear(today, mo, d, dir));
    },
  },
  {
    // "Thu (21st)", "Sat 23rd": the day of the month decides; the weekday only confirms it.
    re: new RegExp(
      String.raw`\b${WEEKDAY}\.?,?\s*\(?\s*(\d{1,2})(?:st|nd|rd|th)?\s*\)?(?!\s*(?:[/:.-]\s*\d|${MONTH}|l\b|lakh|cr|k\b|%))`,
      'giu',
    ),
    resolve(m, today, dir) {
      const d = Number(m[2]);
      if (d < 1 || d > 31) return null;
      const t = fromNum(today);
      const candidates = [-1, 0, 1]
        .map((k) => {
          const mo = t.m + k;
          const y = t.y + Math.floor((mo - 1) / 12);
          const mm = ((((mo - 1) % 12) + 12) % 12) + 1;
          return d <= daysIn(y, mm) ? toNum({ y, m: mm, d }) : null;
        })
        .filter((x): x is number => x !== null);
      const wd = weekdayIndex(m[1]!);
      candidates.sort(
        (a, b) =>
          Number(weekday(b) === wd) - Number(weekday(a) === wd) ||
          Math.abs(a - today) - Math.abs(b - today) ||
          (dir === 'past' ? a - b : b - a),
      );
      return candidates.length ? one(candidates[0]!) : null;
    },
  },
  {
    re: new RegExp(
      String.raw`\b(?:(next|last|this|coming|prev(?:ious)?|agle|pichle)\s+)?${WEEKDAY}\b(?!\s*-?\s*\d)`,
      'giu',
    ),
    resolve(m, today, dir) {
      const which = m[1]?.toLowerCase();
      const wd = weekdayIndex(m[2]!);
      if (wd < 0) return null;
      const inWeek = (mon: number) => mon + ((wd + 6) % 7);
      if (which === 'next' || which === 'agle') return one(inWeek(mondayOf(today) + 7));
      if (which === 'last' || which === 'pichle' || which?.startsWith('prev')) return one(inWeek(mondayOf(today) - 7));
      if (which === 'this') return one(inWeek(mondayOf(today)));
      const delta = (wd - weekday(today) + 7) % 7;
      if (which === 'coming') return one(today + (delta === 0 ? 7 : delta));
      if (dir === 'past') return one(today - ((weekday(today) - wd + 7) % 7));
      return one(today + delta);
    },
  },
  {
    re: new RegExp(String.raw`\b(\d{1,2})(st|nd|rd|th)\b(?!\s*(?:of\s+)?${MONTH})`, 'giu'),
    resolve(m, today, dir) {
      const d = Number(m[1]);
      if (d < 1 || d > 31) return null;
      const t = fromNum(today);
      if (dir === 'future') {
        if (d >= t.d) return one(clampDay(t.y, t.m, d)); // "by 31st" in a 30-day month: its last day
        const mo = t.m === 12 ? 1 : t.m + 1;
        return one(clampDay(t.m === 12 ? t.y + 1 : t.y, mo, d));
      }
      if (d <= t.d) return one(clampDay(t.y, t.m, d));
      const mo = t.m === 1 ? 12 : t.m - 1;
      return one(clampDay(t.m === 1 ? t.y - 1 : t.y, mo, d));
    },
  },
];

/**
 * Every date in the text, resolved. Overlapping matches keep the earliest, longest one. `fallback` is the
 * direction for words like "on Wed" or "kal" when the clause gives no hint.
 */
/** "before FY close", "by year-end of the FY": the last day of the financial year that is still ahead. */
function fiscalRule(startMonth: number): Rule {
  return {
    re: /\b(?:fy|financial[- ]year|fiscal(?:[- ]year)?)[- ](?:close|closing|end|ending)\b|\bend of (?:the )?(?:fy|financial year|fiscal year)\b/giu,
    resolve(_m, today) {
      const t = fromNum(today);
      const endMonth = startMonth === 1 ? 12 : startMonth - 1;
      let y = endMonth >= t.m ? t.y : t.y + 1;
      if (startMonth === 1) y = t.y;
      const end = toNum({ y, m: endMonth, d: daysIn(y, endMonth) });
      return one(end);
    },
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "after Pongal" (the two weeks after), "before Diwali" (up to it), "Holi ke baad", "post Onam", or the days themselves. */
function calendarRules(calendar: readonly CalendarEntry[]): Rule[] {
  return calendar.map((e) => ({
    re: new RegExp(
      String.raw`(?:\b(after|post|before|pre|till|until|by)\s+(?:the\s+)?)?\b(?:${e.names.map((n) => escapeRe(n).replace(/\s+/g, String.raw`\s+`)).join('|')})\b(?:\s+(ke baad|ke pehle|se pehle|ke bad|holidays?|break|vacation))?`,
      'giu',
    ),
    resolve(m, today) {
      const y = fromNum(today).y;
      const spans = occurrences(e, [y - 1, y, y + 1]).map((o) => ({
        from: Date.parse(`${o.from}T00:00:00Z`) / DAY,
        to: Date.parse(`${o.to}T00:00:00Z`) / DAY,
      }));
      if (spans.length === 0) return null;
      spans.sort((a, b) => Math.abs(a.from - today) - Math.abs(b.from - today));
      const near = spans[0]!;
      const word = (m[1] ?? m[2] ?? '').toLowerCase();
      if (/^(after|post)$|baad|bad/.test(word)) return span(near.to + 1, near.to + 14, near.to + 7);
      if (/^(before|pre|till|until|by)$|pehle/.test(word))
        return span(Math.min(today, near.from - 1), near.from - 1, near.from - 1);
      return span(near.from, near.to);
    },
  }));
}

export function parseDates(text: string, ctx: DateContext, fallback: Direction = 'future'): FoundDate[] {
  const today = localDayNumber(ctx.asOf, ctx.timezone);
  const found: FoundDate[] = [];
  const rules = [
    ...calendarRules(ctx.calendar ?? DEFAULT_CALENDAR),
    fiscalRule(ctx.fiscalYearStartMonth ?? DEFAULT_FISCAL_YEAR_START_MONTH),
    ...RULES,
  ];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.re)) {
      const index = m.index;
      const end = index + m[0].length;
      if (found.some((f) => index < f.end && end > f.index)) continue;
      const dir = directionAt(text, index, end, fallback);
      const r = rule.resolve(m, today, dir);
      if (!r) continue;
      found.push({ raw: m[0].trim(), index, end, date: ymd(r.date ?? r.to), from: ymd(r.from), to: ymd(r.to) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
