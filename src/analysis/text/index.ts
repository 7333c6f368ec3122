export { renderPortalSummary } from './portal-summary-text.js';
export {
  renderFindings,
  recordCell,
  lowerFirst,
  wrapToTerminal,
  CHECK_LABELS,
  type FindingsView,
} from './findings-text.js';
export { renderWeekly, renderMomentum, renderWaterfall, renderScorecard, renderCoverage } from './weekly-text.js';
export * from './metrics-text.js';
export * from './economics-text.js';
export { glanceLines, renderGlance } from './weekly-glance.js';
