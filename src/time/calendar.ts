/** Local days and times in a person's time zone: which day a digest is for, weekends, quiet hours. */
import { UsageError } from '../errors/index.js';

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  day: string;
  weekday: Weekday;
  /** HH:MM, 24 h. */
  time: string;
  minutes: number;
}

export function localTime(iso: string, timeZone: string): LocalTime {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    }).formatToParts(new Date(iso));
  } catch {
    throw new UsageError(
      `unknown time zone "${timeZone}"`,
      'Use an IANA zone such as Asia/Kolkata (mis profile --set timezone=Asia/Kolkata).',
    );
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}`;
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: get('weekday') as Weekday,
    time,
    minutes: toMinutes(time),
  };
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * The local calendar day (YYYY-MM-DD) of an instant (ISO or ms) in a time zone. Every instant is read as a moment;
 * a HubSpot date property stored at 00:00Z stands for its UTC date instead (zone.ts `calendarDay`).
 */
export function localDate(instant: string | number, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(typeof instant === 'number' ? instant : Date.parse(instant)));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};
/** "Friday" for a YYYY-MM-DD day. */
export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[weekdayOf(day)];
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whole calendar days from one YYYY-MM-DD to another. */
export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function weekdayOf(day: string): Weekday {
  return (['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const)[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
}

export function isWeekend(w: Weekday): boolean {
  return w === 'Sat' || w === 'Sun';
}

/** Inside [start, end) local time; the window may wrap midnight (20:00–08:00). */
export function inQuietHours(minutes: number, start: string, end: string): boolean {
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (s === e) return false;
  return s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}
