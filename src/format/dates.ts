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

/** The local day of an instant with its weekday and year: "Tue, 20 Oct 2026". */
export function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const date = formatDay(iso, timeZone);
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

/**
 * The calendar day (YYYY-MM-DD) an instant stands for in a time zone: a value at exactly 00:00Z (how HubSpot
 * stores date properties) is its UTC date (time/ `calendarDay`); the plain local day of a moment is time/ `localDate`.
 */
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
