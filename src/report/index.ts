export { renderPortalSummary } from './portal-summary-text.js';
