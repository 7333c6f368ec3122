/** Calendar arithmetic in the team's time zone: lives in src/time (one home for time-zone arithmetic). */
export { addDays, DAY_MS, daysSince, startOfDay, startOfQuarter, startOfWeek, zoneOffsetMs } from '../time/index.js';
