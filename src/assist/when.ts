/** Days as people say them in briefs and actions: "Tue 20 Oct", with the year only when it is not this year's. */
import { dayNumber, humanDay, localDate, localTime, weekdayOf } from '../time/index.js';

export function dayLabel(ms: number, timeZone: string, nowMs: number): string {
  return humanDay(dayNumber(localDate(ms, timeZone)), dayNumber(localDate(nowMs, timeZone)));
}

/** Local time of day, 24 h: "15:30". */
export function timeLabel(ms: number, timeZone: string): string {
  return localTime(new Date(ms).toISOString(), timeZone).time;
}

/** 0 = Sunday … 6 = Saturday, in the zone. */
export function localWeekday(ms: number, timeZone: string): number {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekdayOf(localDate(ms, timeZone)));
}
