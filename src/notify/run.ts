/**
 * The notification job on an analysis session: plan every AE's day from the findings and risk already computed
 * (runChecks, dealRisk), render, then either write the outbox files (dry run) or record and deliver.
 */
import { z } from 'zod';
import { runChecks } from '../analysis/checks/index.js';
import type { AnalysisContext } from '../analysis/index.js';
import { dealRisk } from '../analysis/risk/index.js';
import type { Owner } from '../crm/index.js';
import type { StateStore } from '../state/index.js';
import { digestSchema, type Digest, type Person } from './content/digest.js';
import { writeOutboxFiles } from './delivery/channels/dry-run.js';
import { slackWebhookTransport } from './delivery/channels/slack-webhook.js';
import { smtpTransport } from './delivery/channels/smtp.js';
import { crmEvidence } from './content/evidence.js';
import { assistDraft } from './content/assist-items.js';
import { openItems } from './content/items.js';
import { linkSecret } from './web/links.js';
import {
  deliverPending,
  NotifyDeliveryError,
  outboxFor,
  type DeliveryHooks,
  type DeliveryReport,
  type Transports,
} from './delivery/outbox.js';
import { commitPlan, planOwnerDay, recordPreview, type NotifyConfig, type Plan, type PlannedMessage } from './plan.js';
import { renderHtml, renderSlack, renderText } from './delivery/render/index.js';
import { latestSaid } from './content/said.js';
import { NotifyStore } from './store.js';
import { localTime } from './calendar.js';
import { TIERS } from './policy/rules.js';
import { CHANNELS } from './policy/profile.js';
import { winsAndWeek } from './content/wins.js';
import { saidByDeal } from '../assist/index.js';

export interface NotifySession {
  ctx: AnalysisContext;
  state: StateStore;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  slack: unknown;
  recipient: string;
}

export function personOf(o: Owner | undefined, id: string): Person {
  const name = o?.name ?? `Owner ${id}`;
  return { id, name, firstName: o?.firstName?.trim() || name.split(' ')[0] || name, email: o?.email ?? null };
}

export function renderMessage(m: PlannedMessage): Rendered {
  const d = m.digest;
  return {
    subject: d.subject,
    text: renderText(d),
    html: renderHtml(d),
    slack: renderSlack(d),
    recipient:
      m.channel === 'email' ? (d.recipient.email ?? `no-email:${d.recipient.id}`) : `${m.channel}:${d.recipient.id}`,
  };
}

/** Every AE with an open deal (or just one), planned for the session's asOf. */
export function planTeam(
  session: NotifySession,
  opts: { ownerId?: string | undefined; preview?: boolean } = {},
): Plan[] {
  const { ctx, state } = session;
  const store = new NotifyStore(state);
  const findings = runChecks(ctx);
  const risks = dealRisk(ctx, opts.ownerId ? { ownerId: opts.ownerId } : {});
  const owners = new Map(ctx.data.crm.owners.map((o) => [o.id, o]));
  const ownerIds = opts.ownerId
    ? [opts.ownerId]
    : [
        ...new Set(
          risks.map((r) => r.ownerId).filter((id): id is string => id !== null && owners.get(id)?.archived !== true),
        ),
      ].sort();
  const evidence = crmEvidence(ctx);
  const secret = linkSecret(state);
  const said = saidByDeal(state, ctx.asOf);
  return ownerIds.map((ownerId) => {
    const managerId = ctx.data.managers[ownerId] ?? null;
    const { wins, week } = winsAndWeek(ctx, ownerId);
    const candidates = openItems(
      ctx,
      ownerId,
      findings,
      risks.filter((r) => r.ownerId === ownerId),
    );
    const assist = assistDraft(ctx, {
      ownerId,
      timezone: store.profile(ownerId).timezone ?? ctx.timezone,
      dealsWithFindings: new Set(candidates.map((c) => c.dealId)),
      said,
      holidays: ctx.config.notify.holidays,
    });
    return planOwnerDay(store, {
      now: ctx.asOf,
      teamTimezone: ctx.timezone,
      currency: ctx.currency,
      owner: personOf(owners.get(ownerId), ownerId),
      manager: managerId ? personOf(owners.get(managerId), managerId) : null,
      managerChannel: managerId ? store.profile(managerId).preferredChannel : 'email',
      candidates,
      assist,
      said: latestSaid(state, ctx, ownerId),
      wins,
      week,
      evidence,
      config: ctx.config.notify,
      secret,
      ...(opts.preview ? { preview: true } : {}),
    });
  });
}

export const ownerOutcomeSchema = z.object({
  ownerId: z.string(),
  name: z.string(),
  day: z.string(),
  tier: z.enum(TIERS),
  responsiveness: z.number().nullable(),
  due: z.boolean(),
  reason: z.string(),
  messages: z.array(
    z.object({
      id: z.string(),
      audience: z.enum(['ae', 'manager']),
      channel: z.enum(CHANNELS),
      recipient: z.string(),
      subject: z.string(),
    }),
  ),
});

export const notifyReportSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  owners: z.array(ownerOutcomeSchema),
  delivery: z
    .object({
      sent: z.array(
        z.object({
          id: z.string(),
          ownerId: z.string(),
          audience: z.string(),
          channel: z.string(),
          recipient: z.string(),
        }),
      ),
      failed: z.array(z.object({ id: z.string(), error: z.string(), attempts: z.number(), gaveUp: z.boolean() })),
      waiting: z.array(z.object({ id: z.string(), reason: z.string() })),
    })
    .nullable(),
  files: z.array(z.string()),
});
export type NotifyReport = z.infer<typeof notifyReportSchema>;

export interface NotifyRunOptions {
  dryRun: boolean;
  ownerId?: string | undefined;
  /** Where --dry-run writes (<MIS_STATE_DIR>/outbox). */
  outboxDir: string;
  transports?: Transports;
  hooks?: DeliveryHooks & { afterRecorded?(): void };
  clock?: () => string;
}

export async function notifyRun(session: NotifySession, opts: NotifyRunOptions): Promise<NotifyReport> {
  const store = new NotifyStore(session.state);
  const plans = planTeam(session, { ownerId: opts.ownerId });
  const rendered = new Map<string, Rendered>();
  for (const p of plans) for (const m of p.messages) rendered.set(m.id, renderMessage(m));
  const owners = plans.map((p) => ({
    ownerId: p.ownerId,
    name: p.messages[0]?.digest.owner.name ?? p.ownerId,
    day: p.day,
    tier: p.policy.tier,
    responsiveness: p.profile.responsiveness,
    due: p.due,
    reason: p.reason,
    messages: p.messages.map((m) => ({
      id: m.id,
      audience: m.audience,
      channel: m.channel,
      recipient: rendered.get(m.id)!.recipient,
      subject: m.digest.subject,
    })),
  }));
  if (opts.dryRun) {
    const files: string[] = [];
    const at = (opts.clock ?? (() => new Date().toISOString()))();
    for (const p of plans) if (p.messages.length) recordPreview(store, p, at);
    for (const p of plans)
      for (const m of p.messages)
        files.push(
          ...writeOutboxFiles(opts.outboxDir, {
            ownerId: p.ownerId,
            day: p.day,
            audience: m.audience,
            ...rendered.get(m.id)!,
          }),
        );
    return { asOf: session.ctx.asOf, dryRun: true, owners, delivery: null, files };
  }
  const transports = opts.transports ?? {};
  const missing = [...new Set(plans.flatMap((p) => p.messages.map((m) => m.channel)).filter((c) => !transports[c]))];
  if (missing.length) {
    throw new NotifyDeliveryError(
      `no ${missing.join(' or ')} delivery configured for the digests that are due`,
      missing.includes('email')
        ? 'Add notify.smtp { host, port, user, passwordEnv } to mis.config.json (password in that env variable), or run `mis notify --dry-run` to write them to the outbox folder.'
        : 'Set MIS_SLACK_WEBHOOK_URL (the incoming-webhook URL), or run `mis notify --dry-run`.',
    );
  }
  const clock = opts.clock ?? (() => new Date().toISOString());
  for (const p of plans) {
    if (!p.due) continue;
    commitPlan(store, p, rendered, clock());
  }
  opts.hooks?.afterRecorded?.();
  const delivery: DeliveryReport = await deliverPending(store, transports, {
    now: session.ctx.asOf,
    clock,
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
  });
  return { asOf: session.ctx.asOf, dryRun: false, owners, delivery, files: [] };
}

/** Delivery as the team config and the environment describe it (secrets come from the environment only). */
export function transportsFromConfig(cfg: NotifyConfig, env: NodeJS.ProcessEnv = process.env): Transports {
  const t: Transports = {};
  if (cfg.smtp) {
    t.email = smtpTransport({
      host: cfg.smtp.host,
      port: cfg.smtp.port,
      secure: cfg.smtp.secure,
      user: cfg.smtp.user,
      password: env[cfg.smtp.passwordEnv],
      from: cfg.from,
    });
  }
  const fallback = env[cfg.slack.webhookUrlEnv];
  const anyOwner = Object.values(cfg.slack.byOwnerEnv).some((name) => env[name]);
  if (fallback || anyOwner) {
    t.slack = slackWebhookTransport((recipient) => {
      const id = recipient.replace(/^slack:/, '');
      const own = cfg.slack.byOwnerEnv[id];
      return (own ? env[own] : undefined) ?? fallback ?? null;
    });
  }
  return t;
}

export const digestReportSchema = z.object({
  ownerId: z.string(),
  day: z.string(),
  tier: z.enum(TIERS),
  responsiveness: z.number().nullable(),
  due: z.boolean().describe('whether `mis notify` sends it now (schedule, quiet hours, already sent)'),
  reason: z.string(),
  stored: z.boolean().describe('true when the digest was already recorded today: this is what was sent'),
  digest: digestSchema
    .nullable()
    .describe("the AE's digest (null when nothing is due or the AE is not nudged directly)"),
  manager: digestSchema.nullable().describe("the manager's support note about this AE's items, if any"),
});
export type DigestReport = z.infer<typeof digestReportSchema>;

/** Today's digest for one AE: what was recorded today, else what today's plan would send (schedule ignored). */
export function digestFor(session: NotifySession, ownerId: string): DigestReport {
  const store = new NotifyStore(session.state);
  const tz = store.profile(ownerId).timezone ?? session.ctx.timezone;
  const day = localTime(session.ctx.asOf, tz).day;
  const rows = outboxFor(store, ownerId, day);
  const [due] = planTeam(session, { ownerId });
  const [preview] = planTeam(session, { ownerId, preview: true });
  const plan = preview!;
  if (rows.length) {
    const model = (aud: 'ae' | 'manager'): Digest | null => {
      const json = store.outbox.modelOf(ownerId, day, aud);
      return json !== undefined ? digestSchema.parse(JSON.parse(json)) : null;
    };
    return {
      ownerId,
      day,
      tier: plan.policy.tier,
      responsiveness: plan.profile.responsiveness,
      due: false,
      reason: `recorded today (${rows.map((r) => `${r.audience}: ${r.status}`).join(', ')})`,
      stored: true,
      digest: model('ae'),
      manager: model('manager'),
    };
  }
  return {
    ownerId,
    day: plan.day,
    tier: plan.policy.tier,
    responsiveness: plan.profile.responsiveness,
    due: due!.due,
    reason: due!.due ? plan.reason : `${due!.reason}${plan.messages.length ? ' (preview shown)' : ''}`,
    stored: false,
    digest: plan.messages.find((m) => m.audience === 'ae')?.digest ?? null,
    manager: plan.messages.find((m) => m.audience === 'manager')?.digest ?? null,
  };
}

/**
 * For the end of `npm start`: each AE's digest as text (schedule ignored, nothing recorded or sent), and the same
 * digests written to <outboxDir> as .txt, .html and .slack.json. Returns the files written.
 */
export function printStartDigests(session: NotifySession, out: (text: string) => void, outboxDir: string): string[] {
  const files: string[] = [];
  const plans = planTeam(session, { preview: true });
  const store = new NotifyStore(session.state);
  const at = new Date().toISOString();
  // The links printed below work: their nudges and links are recorded as a preview (`mis serve --http` answers them).
  for (const p of plans) if (p.messages.length) recordPreview(store, p, at);
  out(`\nToday's digests (dry run: written to ${outboxDir}, nothing sent; the links open on \`mis serve --http\`)`);
  for (const p of plans) {
    if (!p.messages.length) continue;
    for (const m of p.messages) {
      const r = renderMessage(m);
      out(
        `\n── ${m.audience === 'ae' ? `${m.digest.owner.name}` : `${m.digest.recipient.name} about ${m.digest.owner.name}`} · ${m.channel} · ${m.digest.subject}\n${r.text}`,
      );
      files.push(...writeOutboxFiles(outboxDir, { ownerId: p.ownerId, day: p.day, audience: m.audience, ...r }));
    }
  }
  return files;
}
