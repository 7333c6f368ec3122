export { formatMoney, formatMoneyExact } from './money.js';
export { formatDate, formatDateTime, daysBetween } from './dates.js';
export { renderTable, type Column } from './table.js';
export { editDistance, nearest, didYouMean } from './suggest.js';
export { isStrictIsoDate, isStrictIsoDateTime, isStrictIso, isTimeZone, isPlausibleAmount, MAX_AMOUNT, stripUnsafeText } from './strict.js';
