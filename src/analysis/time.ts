/** Calendar arithmetic in the team's time zone (weeks start on Monday, as Indian sales teams count them). */

const DAY = 86_400_000;

/** The zone's offset from UTC at an instant, in ms (e.g. +19,800,000 for Asia/Kolkata). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

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

export function addDays(instant: number, days: number): number {
  return instant + days * DAY;
}

/** Whole days between two instants (floor). */
export function daysSince(from: number, to: number): number {
  return Math.floor((to - from) / DAY);
}

export const DAY_MS = DAY;
