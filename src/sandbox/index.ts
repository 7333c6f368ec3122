export { startSandbox, type RunningSandbox, type SandboxOptions, type SandboxStats } from './server.js';
export { SandboxStore, STORE_VERSION } from './store/index.js';
export { prepareSandboxStore, type PrepareOptions, type Prepared } from './prepare.js';
export {
  LIMIT_PRESETS,
  parseLimits,
  parseFaults,
  NO_FAULTS,
  type SandboxLimits,
  type WindowLimit,
  type FaultConfig,
} from '../config/index.js';
export { type ScriptedFault } from './faults.js';
export { DEFAULT_SEARCH_LIMITS, type SearchLimits } from './hubspot/search.js';
