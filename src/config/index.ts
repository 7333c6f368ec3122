export { loadConfig, type Config } from './env.js';
export {
  teamConfigSchema,
  parseTeamConfig,
  loadTeamConfig,
  checkTeamConfigStages,
  DEFAULT_TEAM_CONFIG,
  STAGE_CATEGORIES,
  type StageCategory,
  type TeamConfig,
  type TeamConfigInput,
} from './team-config.js';
export {
  enablementConfigSchema,
  exitCriterionSchema,
  DEFAULT_ENABLEMENT,
  type EnablementConfig,
  type ExitCriterion,
} from './enablement.js';
export { metricsConfigShape, FORECAST_CATEGORIES, type ForecastCategory } from './metrics-config.js';
export {
  parseFaults,
  parseLimits,
  NO_FAULTS,
  LIMIT_PRESETS,
  type FaultConfig,
  type SandboxLimits,
  type WindowLimit,
} from './sandbox-settings.js';
