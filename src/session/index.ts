export { connect, SMARTLEAD_BASE, type Connection, type ConnectOptions } from './connect.js';
export { openAnalysis, type AnalysisSession, type OpenAnalysisOptions } from './analysis-context.js';
export {
  LiveAnalysis,
  FirstSyncRunning,
  FirstSyncFailed,
  type CacheAge,
  type LiveAnalysisOptions,
} from './live-analysis.js';
