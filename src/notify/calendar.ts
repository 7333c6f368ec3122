/** Local days and times in a person's time zone: lives in src/time (one home for time-zone arithmetic). */
export {
  addDay,
  dayDiff,
  inQuietHours,
  isWeekend,
  localTime,
  toMinutes,
  weekdayOf,
  type LocalTime,
  type Weekday,
} from '../time/index.js';
