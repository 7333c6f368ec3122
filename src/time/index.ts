/** Time: instants and local days in a time zone (zone.ts), and a person's local calendar (calendar.ts). */
export {
  addDays,
  calendarDay,
  canonIso,
  DAY_MS,
  daysSince,
  dayString,
  humanDay,
  iso,
  quarterSpan,
  startOfDay,
  startOfQuarter,
  startOfWeek,
  zoneOffsetMs,
} from './zone.js';
export {
  addDay,
  dayDiff,
  inQuietHours,
  isWeekend,
  localDate,
  localTime,
  toMinutes,
  weekdayName,
  weekdayOf,
  type LocalTime,
  type Weekday,
} from './calendar.js';
