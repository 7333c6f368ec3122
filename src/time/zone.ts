/**
 * Instants and calendar days in a time zone: local midnight, week (Monday) and quarter starts, the calendar day a
 * date property stands for, canonical ISO strings. The one home for time-zone arithmetic on instants.
 */

const DAY = 86_400_000;

/** Midnight at the start of the local day containing `instant`, as a UTC instant. */
export function startOfDay(instant: number, timeZone: string): number {
  const off = zoneOffsetMs(instant, timeZone);
  const local = instant + off;
  const midnightLocal = Math.floor(local / DAY) * DAY;
  return midnightLocal - zoneOffsetMs(midnightLocal - off, timeZone);
}

/** Monday 00:00 local of the week containing `instant`. */
export function startOfWeek(instant: number, timeZone: string): number {
  const day = startOfDay(instant, timeZone);
  const weekday = new Date(day + zoneOffsetMs(day, timeZone)).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7;
  return startOfDay(day - back * DAY + DAY / 2, timeZone);
}

/** First day 00:00 local of the calendar quarter containing `instant`. */
export function startOfQuarter(instant: number, timeZone: string): number {
  const local = new Date(instant + zoneOffsetMs(instant, timeZone));
  const q = Math.floor(local.getUTCMonth() / 3) * 3;
  const guess = Date.UTC(local.getUTCFullYear(), q, 1);
  return guess - zoneOffsetMs(guess, timeZone);
}

/** The calendar quarter containing `instant`: from its first local midnight to the next quarter's, as ISO instants. */
export function quarterSpan(instant: number, timeZone: string): { from: string; to: string } {
  const q = startOfQuarter(instant, timeZone);
  return { from: iso(q), to: iso(startOfQuarter(q + 100 * DAY, timeZone)) };
}

export function addDays(instant: number, days: number): number {
  return instant + days * DAY;
}

/** Whole days between two instants (floor). */
export function daysSince(from: number, to: number): number {
  return Math.floor((to - from) / DAY);
}

export const DAY_MS = DAY;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** An ISO time as `Date.toISOString` writes it (the CRM and SmartLead mappers already do): unchanged when it is. */
export function canonIso(s: string): string {
  return CANONICAL_ISO.test(s) ? s : iso(Date.parse(s));
}

/**
 * The calendar day (days since 1970-01-01) a date-like instant stands for. HubSpot stores date properties such as
 * closedate at 00:00 UTC of the day; anything else is read as a moment and given the team's local day.
 */
export function calendarDay(ms: number, timeZone: string): number {
  if (ms % DAY_MS === 0) return ms / DAY_MS;
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / DAY_MS);
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * The zone's offset from UTC at an instant, in ms (e.g. +19,800,000 for Asia/Kolkata): one formatter per zone and
 * a memo per quarter hour (offsets change only on quarter-hour boundaries), since a digest tick asks thousands of
 * times.
 */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${bucket}`;
  let off = offsets.get(key);
  if (off !== undefined) return off;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(bucket))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  off =
    Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) -
    bucket;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** "2026-11-09" for a calendar day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day number of "2026-11-09" (the inverse of `dayString`). */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/**
 * A calendar day as people say it: "Mon 16 Nov", with the year only when it is not the year of `today` (also a day
 * number; default: the same year).
 */
export function humanDay(day: number, today: number = day): string {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const words = `${WEEKDAY_ABBR[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_ABBR[d.getUTCMonth()]}`;
  return year === new Date(today * DAY_MS).getUTCFullYear() ? words : `${words} ${year}`;
}

// Day and month abbreviations exactly as en-GB writes them on this runtime ("Tue", "Sept"), read once: building an
// Intl formatter per call was a third of a digest tick (a tick names thousands of days).
const abbr = (opts: Intl.DateTimeFormatOptions, dates: Date[]): string[] => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...opts });
  return dates.map((d) => f.format(d));
};
const WEEKDAY_ABBR = abbr(
  { weekday: 'short' },
  [...Array(7).keys()].map((i) => new Date(Date.UTC(2023, 0, 1 + i))),
);
const MONTH_ABBR = abbr(
  { month: 'short' },
  [...Array(12).keys()].map((i) => new Date(Date.UTC(2023, i, 15))),
);
