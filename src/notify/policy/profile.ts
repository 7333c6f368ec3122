/** The AE profile: how responsive they are, how and when they like to be reached, and how much they want to hear. */
import { z } from 'zod';
import { UsageError } from '../../errors/index.js';

export const FREQUENCIES = ['daily', 'twice_weekly', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** hubspot: an in-app task for the AE, created through the approvable write path. */
export const CHANNELS = ['email', 'slack', 'hubspot'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ACTION_PATTERNS = ['logs_after_calls', 'updates_notes', 'moves_stages'] as const;
export type ActionPattern = (typeof ACTION_PATTERNS)[number];
export const MAX_ITEMS = [1, 3, 5] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');

export const notificationConfigSchema = z.object({
  frequency: z
    .enum(FREQUENCIES)
    .default('daily')
    .describe('how often a digest may go out: daily (Mon–Fri), twice_weekly (Mon, Thu), weekly (Mon)'),
  maxItems: z
    .union([z.literal(1), z.literal(3), z.literal(5)])
    .default(3)
    .describe('most items in one digest (1, 3 or 5)'),
  escalationThresholdDays: z
    .number()
    .int()
    .min(3)
    .max(30)
    .default(7)
    .describe('ladder day on which an unanswered item reaches L4 (manager notified)'),
});

export const aeProfileSchema = z.object({
  ownerId: z.string(),
  responsiveness: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .describe('share of nudges acted on in the rolling window, 0–100; null until enough nudges were sent'),
  responseRate: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .describe('share of nudges answered at all (acted, skipped or snoozed), 0–100'),
  scoredOn: z.string().nullable().describe('local day the score was last computed'),
  preferredChannel: z.enum(CHANNELS).default('email'),
  bestTime: clock
    .default('17:30')
    .describe('local time from which the day’s digest may go out (default 17:30: the day-end update)'),
  timezone: z.string().nullable().default(null).describe('IANA zone; null: the team’s'),
  actionPatterns: z
    .array(z.enum(ACTION_PATTERNS))
    .default([])
    .describe('what the AE does after a nudge, learned from acted nudges'),
  notification: notificationConfigSchema.prefault({}),
  /** No digest before this instant (set with `mis profile` or state_update_ae_profile). */
  mutedUntil: z.string().nullable().default(null).describe('no digests before this ISO instant; null = not muted'),
});
export type AeProfile = z.infer<typeof aeProfileSchema>;

export function defaultProfile(ownerId: string): AeProfile {
  return aeProfileSchema.parse({ ownerId, responsiveness: null, responseRate: null, scoredOn: null });
}

/** Keys `mis profile --set` accepts (responsiveness is learned, not set). */
export const SETTABLE_KEYS = [
  'preferredChannel',
  'bestTime',
  'timezone',
  'frequency',
  'maxItems',
  'escalationThresholdDays',
  'actionPatterns',
] as const;

/** Apply `key=value` pairs; every value is validated and a bad one is refused naming the key. */
export function applySettings(profile: AeProfile, pairs: ReadonlyArray<string>): AeProfile {
  const next: AeProfile = structuredClone(profile);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${pair}: expected key=value`, `Keys: ${SETTABLE_KEYS.join(', ')}.`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    switch (key) {
      case 'preferredChannel':
      case 'channel':
        next.preferredChannel = pick(key, value, CHANNELS);
        break;
      case 'bestTime':
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
          throw new UsageError(`--set bestTime=${value}: expected HH:MM (24 h)`, 'For example --set bestTime=09:30.');
        next.bestTime = value;
        break;
      case 'timezone':
        try {
          new Intl.DateTimeFormat('en', { timeZone: value });
        } catch {
          throw new UsageError(
            `--set timezone=${value}: not an IANA time zone`,
            'For example --set timezone=Asia/Kolkata.',
          );
        }
        next.timezone = value;
        break;
      case 'frequency':
        next.notification.frequency = pick(key, value, FREQUENCIES);
        break;
      case 'maxItems': {
        const n = Number(value);
        if (n !== 1 && n !== 3 && n !== 5) throw new UsageError(`--set maxItems=${value}: must be 1, 3 or 5`);
        next.notification.maxItems = n;
        break;
      }
      case 'escalationThresholdDays': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 3 || n > 30)
          throw new UsageError(`--set escalationThresholdDays=${value}: must be a whole number of days from 3 to 30`);
        next.notification.escalationThresholdDays = n;
        break;
      }
      case 'actionPatterns':
        next.actionPatterns = value === '' ? [] : value.split(',').map((v) => pick(key, v.trim(), ACTION_PATTERNS));
        break;
      default:
        throw new UsageError(
          `--set ${key}: unknown profile key`,
          `Keys: ${SETTABLE_KEYS.join(', ')} (responsiveness is learned from nudges).`,
        );
    }
  }
  return aeProfileSchema.parse(next);
}

function pick<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--set ${key}=${value}: must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Fields a person (or a model, via state_update_ae_profile) may change; absent fields keep their value. */
export const aeProfilePatchSchema = z
  .object({
    preferredChannel: z.enum(CHANNELS).describe('where digests go'),
    bestTime: clock.describe('local time (HH:MM) from which the day’s digest may go out'),
    timezone: z.string().nullable().describe('IANA zone, e.g. Asia/Kolkata; null: the team’s'),
    actionPatterns: z.array(z.enum(ACTION_PATTERNS)).max(3).describe('what the AE tends to do after a nudge'),
    frequency: z.enum(FREQUENCIES).describe('daily (Mon–Fri), twice_weekly (Mon, Thu) or weekly (Mon)'),
    maxItems: z.union([z.literal(1), z.literal(3), z.literal(5)]).describe('most items in one digest'),
    escalationThresholdDays: z
      .number()
      .int()
      .min(3)
      .max(30)
      .describe('ladder day on which an unanswered item reaches the manager'),
    mutedUntil: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time')
      .nullable()
      .describe('no digests before this ISO instant; null = unmute'),
  })
  .partial();
export type AeProfilePatch = z.infer<typeof aeProfilePatchSchema>;

/** The profile with `patch` applied and validated; responsiveness stays learned, never set. */
export function patchProfile(profile: AeProfile, patch: AeProfilePatch): AeProfile {
  const next: AeProfile = structuredClone(profile);
  const { frequency, maxItems, escalationThresholdDays, ...top } = aeProfilePatchSchema.parse(patch);
  for (const [k, v] of Object.entries(top)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  if (frequency !== undefined) next.notification.frequency = frequency;
  if (maxItems !== undefined) next.notification.maxItems = maxItems;
  if (escalationThresholdDays !== undefined) next.notification.escalationThresholdDays = escalationThresholdDays;
  if (next.timezone !== null) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: next.timezone });
    } catch {
      throw new UsageError(`timezone ${next.timezone} is not an IANA time zone`, 'For example Asia/Kolkata.');
    }
  }
  return aeProfileSchema.parse(next);
}
