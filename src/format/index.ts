export { formatMoney, formatMoneyExact } from './money.js';
export { formatDate, formatDateTime, daysBetween } from './dates.js';
export { renderTable, type Column } from './table.js';
export { humanLabel } from './labels.js';
