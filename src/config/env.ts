/** The one place that reads the environment. Validated with zod; every error names the variable and the fix. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, MisError } from '../errors/index.js';
import { parseFaults, parseLimits, type FaultConfig, type SandboxLimits } from './sandbox-settings.js';

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be greater than 0`);

const envSchema = z.object({
  HUBSPOT_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  HUBSPOT_BASE_URL: z.url({ message: 'HUBSPOT_BASE_URL must be a URL such as https://api.hubapi.com' }).optional(),
  SMARTLEAD_API_KEY: z.string().trim().min(1).optional(),
  SMARTLEAD_BASE_URL: z
    .url({ message: 'SMARTLEAD_BASE_URL must be a URL such as https://server.smartlead.ai/api/v1' })
    .optional(),
  MIS_DATASET: z.string().trim().min(1).optional(),
  MIS_STATE_DIR: z.string().trim().min(1).optional(),
  MIS_SANDBOX_TOKEN: z.string().trim().min(1).optional(),
  MIS_SANDBOX_LIMITS: z.string().trim().min(1).optional(),
  MIS_SANDBOX_FAULTS: z.string().trim().min(1).optional(),
  MIS_HUBSPOT_BURST: positiveInt('MIS_HUBSPOT_BURST').optional(),
  MIS_HUBSPOT_SEARCH_RPS: positiveInt('MIS_HUBSPOT_SEARCH_RPS').optional(),
  MIS_HUBSPOT_ATTEMPTS: positiveInt('MIS_HUBSPOT_ATTEMPTS')
    .refine((n) => n <= 6, 'MIS_HUBSPOT_ATTEMPTS must be 1..6')
    .optional(),
  MIS_SMARTLEAD_RPS: positiveInt('MIS_SMARTLEAD_RPS').optional(),
});

export interface Config {
  mode: 'sandbox' | 'portal';
  stateDir: string;
  hubspot: {
    accessToken: string;
    baseUrl: string | undefined;
    /** Requests per 10 s the client keeps under. */
    burst: number;
    searchPerSecond: number;
    attempts: number;
  };
  smartlead: { apiKey: string; baseUrl: string | undefined; requestsPerSecond: number } | null;
  sandbox: {
    dataset: string | undefined;
    token: string;
    limits: SandboxLimits;
    faults: Partial<FaultConfig>;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message}`, `Fix or unset ${name}; see docs/configuration.md.`);
  }
  const e = parsed.data;
  const stateDir = resolve(cwd, e.MIS_STATE_DIR ?? 'mis-state');
  const stateKind = kindOf(stateDir);
  if (stateKind !== 'missing' && stateKind !== 'dir') {
    throw new ConfigError(
      `MIS_STATE_DIR: ${stateDir} is a file, not a folder`,
      'Point MIS_STATE_DIR at a folder (it is created if missing), or unset it to use ./mis-state.',
    );
  }
  const dataset = e.MIS_DATASET ? resolve(cwd, e.MIS_DATASET) : undefined;
  if (dataset && kindOf(dataset) !== 'file') {
    throw new ConfigError(
      `MIS_DATASET: ${dataset} ${kindOf(dataset) === 'missing' ? 'does not exist' : 'is a folder, not a portal file'}`,
      'Point MIS_DATASET at a sales-mis/portal@1 JSON file (`mis sandbox generate --out FILE` writes one), or unset it for the demo portal.',
    );
  }
  const sandboxToken = e.MIS_SANDBOX_TOKEN ?? 'sandbox-token';
  const limits = named('MIS_SANDBOX_LIMITS', () => parseLimits(e.MIS_SANDBOX_LIMITS ?? 'pro'));
  const portal = e.HUBSPOT_ACCESS_TOKEN !== undefined;
  const sandboxBurst = limits.hubspot
    ? Math.round((limits.hubspot.requests * 10_000) / limits.hubspot.windowMs)
    : 10_000;
  return {
    mode: portal ? 'portal' : 'sandbox',
    stateDir,
    hubspot: {
      accessToken: e.HUBSPOT_ACCESS_TOKEN ?? sandboxToken,
      baseUrl: e.HUBSPOT_BASE_URL,
      // A real portal: HubSpot Free/Starter's 100 per 10 s unless told otherwise; the sandbox: its own limit.
      burst: e.MIS_HUBSPOT_BURST ?? (portal ? 100 : sandboxBurst),
      searchPerSecond: e.MIS_HUBSPOT_SEARCH_RPS ?? (portal || limits.search ? 5 : 1_000),
      attempts: e.MIS_HUBSPOT_ATTEMPTS ?? 3,
    },
    smartlead: portal
      ? e.SMARTLEAD_API_KEY
        ? { apiKey: e.SMARTLEAD_API_KEY, baseUrl: e.SMARTLEAD_BASE_URL, requestsPerSecond: e.MIS_SMARTLEAD_RPS ?? 5 }
        : null
      : {
          apiKey: e.SMARTLEAD_BASE_URL ? (e.SMARTLEAD_API_KEY ?? sandboxToken) : sandboxToken,
          baseUrl: e.SMARTLEAD_BASE_URL,
          requestsPerSecond: e.MIS_SMARTLEAD_RPS ?? 5,
        },
    sandbox: {
      dataset,
      token: sandboxToken,
      limits,
      faults: e.MIS_SANDBOX_FAULTS ? named('MIS_SANDBOX_FAULTS', () => parseFaults(e.MIS_SANDBOX_FAULTS!)) : {},
    },
  };
}

function kindOf(path: string): 'missing' | 'dir' | 'file' | 'other' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** A setting parsed from an environment variable: its errors name the variable. */
function named<T>(variable: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof MisError)
      throw new ConfigError(`${variable}: ${e.message}`, e.hint ?? `Fix or unset ${variable}.`);
    throw e;
  }
}
