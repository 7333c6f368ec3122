export { formatMoney, formatMoneyExact } from './money.js';
export { formatDate, formatDateTime, formatDay, daysBetween, humanDay } from './dates.js';
export { renderTable, wrapText, terminalWidth, type Column, type TableOptions } from './table.js';
export { fitText } from './fit.js';
export { humanLabel } from './labels.js';
export { nearest, didYouMean } from './suggest.js';
export {
  isStrictIsoDate,
  isStrictIsoDateTime,
  isStrictIso,
  isTimeZone,
  isPlausibleAmount,
  MAX_AMOUNT,
  stripUnsafeText,
} from './strict.js';
