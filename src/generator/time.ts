/**
 * Time helpers. Everything is epoch milliseconds; calendar questions ("which day", "this week", "working hours")
 * are answered in the portal's zone, Asia/Kolkata, which has a fixed +05:30 offset (no DST), so plain arithmetic
 * is exact and nothing depends on the machine's locale or zone.
 */
import type { Rng } from './random.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const IST_OFFSET = 330 * MINUTE;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** ISO UTC with a "Z", to the second ("2026-11-20T12:30:00.000Z"). */
export function iso(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString();
}

export interface IstParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
}

export function istParts(ms: number): IstParts {
  const d = new Date(ms + IST_OFFSET);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Midnight (IST) of the day containing ms. */
export function istDayStart(ms: number): number {
  return Math.floor((ms + IST_OFFSET) / DAY) * DAY - IST_OFFSET;
}

/** Monday 00:00 IST of the week containing ms. */
export function istWeekStart(ms: number): number {
  const start = istDayStart(ms);
  const weekday = istParts(ms).weekday;
  return start - ((weekday + 6) % 7) * DAY;
}

/** "2026-12-15": the IST calendar date of ms. */
export function istDate(ms: number): string {
  const p = istParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * A HubSpot close date for the IST calendar day of ms, stored as that date at 00:00Z (the form the contract's
 * examples use), so the UTC date and the IST date agree.
 */
export function closeDateValue(ms: number): string {
  return `${istDate(ms)}T00:00:00.000Z`;
}

/** Parses a close date value back to the ms of its 00:00Z. */
export function closeDateMs(value: string): number {
  return Date.parse(value);
}

export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday]!;
}

/** Last calendar day of a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A plausible moment to do business near ms: moved off Sundays (and most Saturdays) to the next working day,
 * at a time between 09:30 and 18:30 IST.
 */
export function workTime(rng: Rng, ms: number): number {
  let day = istDayStart(ms);
  const weekday = istParts(day).weekday;
  if (weekday === 0) day += DAY;
  else if (weekday === 6 && rng.chance(0.75)) day += 2 * DAY;
  const minutes = 9 * 60 + 30 + rng.int(0, 9 * 60);
  return day + minutes * MINUTE + rng.int(0, 59) * 1000;
}

/** The first working-hours moment (Mon-Sat, 09:30-18:30 IST) at or after ms, give or take a little. */
export function nextWorkMoment(rng: Rng, ms: number): number {
  const day = istDayStart(ms);
  const minutes = (ms - day) / MINUTE;
  const weekday = istParts(day).weekday;
  if (weekday !== 0 && minutes >= 9 * 60 + 30 && minutes <= 18 * 60 + 30) return ms;
  let next = minutes < 9 * 60 + 30 ? day : day + DAY;
  if (istParts(next).weekday === 0) next += DAY;
  return next + (9 * 60 + 30 + rng.int(0, 120)) * MINUTE + rng.int(0, 59) * 1000;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
