/** The model settings from the environment: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, MIS_MODEL. Never logged. */
import { z } from 'zod';
import { ConfigError } from '../../errors/index.js';

export const DEFAULT_MODEL = 'claude-sonnet-4-5';

export interface ModelConfig {
  apiKey: string | null;
  baseURL: string | null;
  model: string;
}

const envSchema = z.object({
  ANTHROPIC_API_KEY: z.string().trim().min(1).optional(),
  ANTHROPIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.anthropic.com' })
    .optional(),
  MIS_MODEL: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:@/-]{1,100}$/, 'a model id such as claude-sonnet-4-5')
    .optional(),
});

export function modelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig {
  const pick = (k: string) => (env[k] === undefined || env[k] === '' ? undefined : env[k]);
  const r = envSchema.safeParse({
    ANTHROPIC_API_KEY: pick('ANTHROPIC_API_KEY'),
    ANTHROPIC_BASE_URL: pick('ANTHROPIC_BASE_URL'),
    MIS_MODEL: pick('MIS_MODEL'),
  });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    // The key's value is never echoed.
    throw new ConfigError(
      `${String(issue.path[0])} ${issue.message}`,
      `Fix ${String(issue.path[0])} in the environment, or unset it.`,
    );
  }
  return {
    apiKey: r.data.ANTHROPIC_API_KEY ?? null,
    baseURL: r.data.ANTHROPIC_BASE_URL ?? null,
    model: r.data.MIS_MODEL ?? DEFAULT_MODEL,
  };
}
