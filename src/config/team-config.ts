/**
 * `mis.config.json`: how this team works. Every field has a default from the strategy document, so the
 * file is optional; what is given is validated with zod and merged over the defaults.
 *
 * This schema is the one list of config keys. To add a key: add it here with a default (or `.optional()`) and a
 * comment; nothing else. Unknown keys anywhere in the file are refused with the nearest declared key suggested
 * (src/config/strict.ts walks this schema), so a key missing here is an error for the user, not a silent default.
 * A key naming deal stages is also checked against the portal's pipelines in `checkTeamConfigStages` below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { formatPath } from '../dataset/index.js';
import { enablementConfigSchema } from './enablement.js';
import { isTimeZone, nearest } from '../format/index.js';
import { findUnknownKey } from './strict.js';
import { metricsConfigShape } from './metrics-config.js';

export const STAGE_CATEGORIES = ['early', 'mid', 'late', 'won', 'lost'] as const;
export type StageCategory = (typeof STAGE_CATEGORIES)[number];

const weeklyTargets = z.object({
  calls: z.number().int().nonnegative().default(15),
  emails: z.number().int().nonnegative().default(20),
  meetings: z.number().int().nonnegative().default(3),
  notes: z.number().int().nonnegative().default(5),
  /** Share of an AE's open deals touched in the week. */
  dealsTouchedShare: z.number().min(0).max(1).default(0.8),
  /** Highest acceptable share of an AE's open deals that are stale. */
  staleShareMax: z.number().min(0).max(1).default(0.2),
  /** Stage moves (stage-history changes on the AE's deals) and new deals created per week. */
  stageMoves: z.number().int().nonnegative().default(3),
  newDeals: z.number().int().nonnegative().default(2),
});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');

/** Notifications (src/notify): delivery, quiet hours, links. Secrets never live here: name the env variable instead. */
const notifyConfigSchema = z.object({
  /** The From address of digest emails. */
  from: z.string().min(3).default('sales-mis <mis@localhost>'),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.number().int().positive().default(587),
      /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().optional(),
      /** The environment variable holding the SMTP password (never the password itself). */
      passwordEnv: z.string().default('MIS_SMTP_PASSWORD'),
    })
    .optional(),
  slack: z
    .object({
      /** The environment variable holding the default Slack incoming-webhook URL (the URL is a secret). */
      webhookUrlEnv: z.string().default('MIS_SLACK_WEBHOOK_URL'),
      /** Owner id → environment variable holding that person's own webhook URL. */
      byOwnerEnv: z.record(z.string(), z.string()).default({}),
    })
    .prefault({}),
  /** No message is sent between start and end (local time of the recipient; may wrap midnight). */
  quietHours: z.object({ start: clock.default('20:00'), end: clock.default('08:00') }).prefault({}),
  /** Send on Saturdays and Sundays (local time of the recipient). */
  weekends: z.boolean().default(false),
  /** Days (YYYY-MM-DD, local) with no digests and no report: team holidays. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** The manager's weekly report goes out on the first working day of the week from this local time (mis schedule). */
  weeklyReportTime: clock.default('09:00'),
  /** Where one-tap links point (the `mis serve --http` address as AEs reach it). */
  linkBaseUrl: z.url().default('http://127.0.0.1:8787'),
  linkPathPrefix: z
    .string()
    .regex(/^\/[a-z0-9/_-]*\/$/)
    .default('/a/'),
  linkTtlHours: z.number().positive().default(48),
  /** Days of sent nudges the responsiveness score looks back over. */
  responsivenessWindowDays: z.number().int().positive().default(28),
  /** Nudges needed in the window before the score replaces the previous one (and before "never responds" is decided). */
  minNudgesForScore: z.number().int().positive().default(5),
  /** Days a "Skip – not ready" snoozes the item. */
  skipSnoozeDays: z.number().int().positive().default(3),
});

export const teamConfigSchema = z.object({
  /** Stage id → category; stages not listed are categorised by probability (< 0.3 early, < 0.6 mid, else late). */
  stageCategories: z.record(z.string(), z.enum(STAGE_CATEGORIES)).default({}),
  stale: z
    .object({
      /** Days without activity after which an open deal is stale. */
      defaultDays: z.number().int().positive().default(14),
      byCategory: z.partialRecord(z.enum(['early', 'mid', 'late']), z.number().int().positive()).default({}),
      byStage: z.record(z.string(), z.number().int().positive()).default({}),
    })
    .prefault({}),
  missingNotes: z
    .object({
      /**
       * From the middle of each pipeline's open stages on (the 3rd of 5 open stages, the 4th of 6), an open deal
       * must have at least one note: by then the buyer has seen the product and what was said belongs in the CRM.
       * Probability-independent, since teams set stage probabilities very differently. Pipelines with fewer than
       * three open stages have no middle; there only `categories` and `stages` apply.
       */
      fromMiddleStage: z.boolean().default(true),
      /** Further categories (or stage ids) where an open deal must have at least one note. */
      categories: z.array(z.enum(['early', 'mid', 'late'])).default(['late']),
      stages: z.array(z.string()).default([]),
    })
    .prefault({}),
  requiredFields: z
    .object({
      /** Properties every open deal needs. */
      always: z.array(z.string()).default(['hubspot_owner_id']),
      /** Properties needed from the first stage with at least this probability on (the proposal stage by default). */
      fromProbability: z.number().min(0).max(1).default(0.6),
      fields: z.array(z.string()).default(['amount', 'closedate']),
      /** Per-stage overrides: stage id → required properties. */
      byStage: z.record(z.string(), z.array(z.string())).default({}),
    })
    .prefault({}),
  risk: z
    .object({
      /** Deals at or above this amount with one contact are single-threaded (₹30 L by default). */
      singleThreadedAmount: z.number().nonnegative().default(3_000_000),
      closeDatePushes: z.number().int().positive().default(2),
      competitors: z
        .array(z.string().min(2))
        // The team's own company is taken out where the list is read (analysis/competitors.ts: config.ownCompany and
        // the portal's account name), so Fretron's own portal never flags Fretron while other teams' portals do.
        .default([
          'LogiNext',
          'FarEye',
          'Locus',
          'Shipsy',
          'Fretron',
          'Intugine',
          'Blue Yonder',
          'Oracle TMS',
          'SAP TM',
        ]),
      /** Days of SmartLead silence after a reply before it counts as gone quiet. */
      smartleadSilenceDays: z.number().int().positive().default(10),
    })
    .prefault({}),
  duplicates: z
    .object({
      /** Name-only company matches below this similarity are not reported. */
      minNameSimilarity: z.number().min(0).max(1).default(0.9),
    })
    .prefault({}),
  targets: z
    .object({
      weekly: weeklyTargets.prefault({}),
      /** Quota per owner per quarter (portal currency), for pipeline coverage. */
      quarterlyQuota: z.record(z.string(), z.number().nonnegative()).default({}),
      defaultQuarterlyQuota: z.number().nonnegative().default(5_000_000),
      /** Coverage ratio wanted (open pipeline ÷ remaining quota). */
      coverage: z.number().positive().default(3),
    })
    .prefault({}),
  funnel: z
    .object({
      /** Hours from MQL to first sales touch within which the handoff SLA is met. */
      handoffSlaHours: z.number().positive().default(4),
    })
    .prefault({}),
  attribution: z
    .object({
      /** Half-life in days of the time-decay model. */
      halfLifeDays: z.number().positive().default(7),
    })
    .prefault({}),
  /** Owner id → manager owner id (the sandbox also reads the dataset's `managers`). */
  managers: z.record(z.string(), z.string()).default({}),
  /** Override the portal's time zone / currency for people-facing output. */
  timezone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Asia/Kolkata"' }).optional(),
  currency: z
    .string()
    .refine(isCurrency, { message: 'expected an ISO 4217 currency code such as "INR" or "USD"' })
    .optional(),
  /** First month (1–12) of the financial year: 4 is the Indian FY (Q1 = Apr–Jun); mis ask names quarters by it. */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(4),
  sync: z
    .object({
      /** A cache older than this is synced before analysis. */
      freshnessMinutes: z.number().nonnegative().default(60),
    })
    .prefault({}),
  notify: notifyConfigSchema.prefault({}),
  /** What the AE gets back: next-action and reminder thresholds, stage exit criteria for briefs. */
  enablement: enablementConfigSchema.prefault({}),
  // ── Unit economics, quotas, forecast categories, lead scoring, leaderboard, budget: see metrics-config.ts ──
  ...metricsConfigShape,
});
export type TeamConfig = z.output<typeof teamConfigSchema>;
export type TeamConfigInput = z.input<typeof teamConfigSchema>;

export const DEFAULT_TEAM_CONFIG: TeamConfig = teamConfigSchema.parse({});

function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency');
  return known ? known.includes(code) : true;
}

export function parseTeamConfig(value: unknown, source = 'mis.config.json'): TeamConfig {
  const unknown = findUnknownKey(teamConfigSchema, value);
  if (unknown) {
    const at = formatPath([...unknown.path, unknown.key]);
    const where = unknown.path.length ? `in ${formatPath(unknown.path)}` : 'at the top level';
    throw new ConfigError(
      `${source}: unknown key "${at}"${unknown.suggestion ? ` — did you mean "${formatPath([...unknown.path, unknown.suggestion])}"?` : ''}`,
      `Keys allowed ${where}: ${unknown.valid.join(', ')}. Rename or remove it (see the Configuration section of the README).`,
    );
  }
  const r = teamConfigSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(
      `${source}: ${formatPath(issue.path) || '(root)'}: ${issue.message}`,
      'Fix that field (see docs/configuration.md) or remove it to use the default.',
    );
  }
  return r.data;
}

/** `MIS_CONFIG` or ./mis.config.json; absent file → defaults. */
export function loadTeamConfig(file?: string, cwd = process.cwd()): TeamConfig {
  const path = resolve(cwd, file ?? 'mis.config.json');
  if (!existsSync(path)) {
    if (file)
      throw new ConfigError(
        `config file ${path} does not exist`,
        'Check MIS_CONFIG, or unset it to use ./mis.config.json or the defaults.',
      );
    return DEFAULT_TEAM_CONFIG;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path} is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax.');
  }
  return parseTeamConfig(raw, path);
}

/** Where the config names deal stages: each must be a stage of the portal's deal pipelines. */
export function checkTeamConfigStages(
  team: TeamConfig,
  pipelines: ReadonlyArray<{ label: string; stages: ReadonlyArray<{ id: string; label: string }> }>,
  source = 'mis.config.json',
): void {
  const stages = pipelines.flatMap((p) => p.stages);
  if (!stages.length) return;
  const ids = new Set(stages.map((s) => s.id));
  const named: Array<[string, string]> = [
    ...Object.keys(team.stale.byStage).map((id): [string, string] => ['stale.byStage', id]),
    ...Object.keys(team.stageCategories).map((id): [string, string] => ['stageCategories', id]),
    ...team.missingNotes.stages.map((id): [string, string] => ['missingNotes.stages', id]),
    ...Object.keys(team.requiredFields.byStage).map((id): [string, string] => ['requiredFields.byStage', id]),
  ];
  for (const [key, id] of named) {
    if (ids.has(id)) continue;
    const byLabel = stages.find((s) => s.label.toLowerCase() === id.toLowerCase());
    const guess = byLabel?.id ?? nearest(id, ids);
    throw new ConfigError(
      `${source}: ${key} names stage "${id}", which is not a stage of this portal's deal pipelines${guess ? ` — did you mean "${guess}"?` : ''}`,
      `Use a stage id: ${stages.map((s) => `${s.id} (${s.label})`).join(', ')}.`,
    );
  }
}
