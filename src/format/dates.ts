/** Dates for people, in the team's time zone. */
import { dayNumber, humanDay as sayDay, localDate } from '../time/index.js';

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
    hourCycle: 'h23', // hour12: false reads midnight as 24:00 in en-IN and en-US
    timeZoneName: 'short',
  }).format(d);
  return `${date}, ${time}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** "Tue 20 Oct" for an instant (its local day) or a calendar day, with the year when it is not `today`'s year. */
export function humanDay(isoOrDay: string, timeZone: string, today?: string): string {
  const dayOf = (s: string) => dayNumber(/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : localDate(s, timeZone));
  const day = dayOf(isoOrDay);
  return sayDay(day, today ? dayOf(today) : day);
}
