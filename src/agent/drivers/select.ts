/** --driver offline|claude|auto: auto is claude when ANTHROPIC_API_KEY is set, else offline. */
import { UsageError } from '../../errors/index.js';
import { ClaudeDriver, type ClaudeDriverOptions } from './claude.js';
import { modelConfig, type ModelConfig } from './model-config.js';
import { OfflineDriver } from './offline.js';
import type { Driver } from './types.js';

export const DRIVER_CHOICES = ['auto', 'offline', 'claude'] as const;
export type DriverChoice = (typeof DRIVER_CHOICES)[number];

export function parseDriverChoice(raw: string | undefined): DriverChoice {
  const v = raw ?? 'auto';
  if (!(DRIVER_CHOICES as readonly string[]).includes(v))
    throw new UsageError(`--driver ${v}: use offline, claude or auto`);
  return v as DriverChoice;
}

export function selectDriver(
  choice: DriverChoice,
  config: ModelConfig = modelConfig(),
  opts: ClaudeDriverOptions = {},
): Driver {
  if (choice === 'offline' || (choice === 'auto' && !config.apiKey)) return new OfflineDriver();
  return new ClaudeDriver(config, opts);
}
