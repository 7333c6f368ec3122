/**
 * The sandbox's SmartLead API (docs/api-facts.md C3): routes over the store, answering through the product's own
 * SmartLead semantics (smartlead/semantics), which the in-memory `DatasetOutreach` fake uses too.
 */
export { smartleadRoutes, SMARTLEAD_PREFIX, LEADS_PAGE_MAX, STATISTICS_PAGE_MAX } from './routes.js';
export { sqliteData } from './sqlite-data.js';
