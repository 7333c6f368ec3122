/** Dates for people, in the team's time zone. */
import { calendarDay, dayString } from '../time/index.js';

export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

/** Each locale abbreviates only its own zones (en-IN knows IST, en-US knows EST): pick one that names this zone. */
function zoneLocale(timeZone: string): string {
  if (timeZone === 'Asia/Kolkata' || timeZone === 'Asia/Calcutta') return 'en-IN';
  if (timeZone.startsWith('America/') || timeZone.startsWith('US/')) return 'en-US';
  return 'en-GB';
}

export function formatDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
  const time = new Intl.DateTimeFormat(zoneLocale(timeZone), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(d);
  return `${date}, ${time}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(iso: string, timeZone: string): string {
  return dayString(calendarDay(Date.parse(iso), timeZone));
}

/** "Tue 20 Oct" for an instant or a calendar day (with the year when it is not `today`'s year). */
export function humanDay(isoOrDay: string, timeZone: string, today?: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? `${isoOrDay}T12:00:00Z` : isoOrDay);
  const sameYear = today ? today.slice(0, 4) === localDay(d.toISOString(), timeZone).slice(0, 4) : true;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  })
    .format(d)
    .replace(',', '');
}
