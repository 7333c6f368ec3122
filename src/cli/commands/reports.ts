/** `mis report weekly`, `mis scorecard`, `mis metrics <name>`: reports on the synced cache. */
import { weeklyReport } from '../../analysis/index.js';
import {
  accountAttribution,
  activityScorecard,
  attribution,
  bySource,
  campaignRoi,
  forecastAccuracy,
  funnelConversion,
  handoffSla,
  pipelineCoverage,
  sourcedPipeline,
  valuePerMql,
  velocity,
  winLoss,
  type PeriodInput,
  aging,
  attainment,
  budget,
  cac,
  channelPerformance,
  forwardForecast,
  leaderboard,
  leadScores,
  ltv,
  speedToLead,
  stageConversion,
} from '../../analysis/metrics/index.js';
import { scopeToPipeline } from '../../analysis/index.js';
import { quarterSpan } from '../../time/index.js';
import { join } from 'node:path';
import {
  buildManagerWeeklyEmail,
  deliverManagerWeekly,
  recordManagerWeekly,
  type WeeklyRecipient,
} from '../../dashboard/index.js';
import { transportsFromConfig, writeOutboxFiles } from '../../notify/index.js';
import { loadConfig } from '../../config/index.js';
import { UsageError } from '../../errors/index.js';
import { didYouMean, fitText } from '../../format/index.js';
import {
  renderAccounts,
  renderAttribution,
  renderBySource,
  renderCoverage,
  renderForecast,
  renderFunnel,
  renderHandoff,
  renderRoi,
  renderScorecard,
  renderSourced,
  renderValuePerMql,
  renderVelocity,
  renderWeekly,
  renderWinLoss,
  renderAging,
  renderAttainment,
  renderBudget,
  renderCac,
  renderChannels,
  renderConversion,
  renderForward,
  renderLeaderboard,
  renderLeadScores,
  renderLtv,
  renderSpeedToLead,
} from '../../analysis/text/index.js';
import { openAnalysis, type AnalysisSession } from '../../session/index.js';
import { isoOption, parse } from '../args.js';
import { printJson, type Io } from '../io.js';
import { resolveOwner } from '../owner.js';

const COMMON = `  --as-of ISO     the 'now' (default: the dataset's asOf on the sandbox, else the clock)
  --from/--to ISO a custom period [from, to) instead of the default
  --owner NAME    keep one AE's rows (team totals stay): first name, full name, email or id; for leaderboard: who is looking
  --pipeline ID   only the deals of one pipeline (id or label)
  --json          one JSON document (the metric's zod schema in src/analysis/metrics)`;

export const REPORT_HELP = `Usage: mis report weekly [options]

Deal momentum (new, advanced, regressed, stalled, won, lost, pushed; counts and amounts) with the open
pipeline waterfall, the activity scorecard vs targets, and pipeline coverage for the quarter.
${COMMON}
  --format text|html|md|csv   the manager's weekly email as HTML (charts inline), Markdown, or its tables as CSV
  --email         send the manager's weekly email (charts, numbers, top risks, hygiene trend) through the outbox
                  to each manager (mis.config.json managers / the portal's), or to --recipients EMAIL[,EMAIL]; without
                  notify.smtp it stays recorded (and is written to MIS_STATE_DIR/outbox/) until \`mis notify\`
  --dashboard-url URL   where the email's links point (default: notify.linkBaseUrl's server, /dashboard)`;

export const SCORECARD_HELP = `Usage: mis scorecard [options]

Calls, emails, meetings and notes per AE this week vs targets (mis.config.json targets.weekly: 15/20/3/5),
share of open deals touched (≥ 80 %) and stale share (< 20 %).
${COMMON}`;

const METRICS: Record<string, string> = {
  funnel: 'SA-1 lead → MQL → SQL → opportunity → customer conversion',
  handoff: 'SA-2 MQL to first sales touch, share within the SLA',
  sourced: 'SA-3 marketing- vs sales-sourced pipeline',
  coverage: 'SM-3 open and weighted pipeline vs remaining quota this quarter',
  velocity: 'SM-4 days in each stage, cycle time, sales velocity',
  winloss: 'SM-5 won/lost with reasons and sources',
  forecast: 'SM-6 forecast at period start vs won (default: this quarter)',
  source: 'MA-1 leads and pipeline by source',
  attribution: 'MA-2/3 first-touch (--model first_touch) or time-decay attribution',
  roi: 'MA-4 campaign ROI, SmartLead campaigns included',
  accounts: 'MA-6 account-level attribution',
  'mql-value': 'value per MQL by source',
  cac: 'customer acquisition cost, blended and per channel, vs CAC < LTV ÷ 3 (default: last 12 months)',
  ltv: 'lifetime value, LTV:CAC, CAC payback; renewals apart from new business, GRR/NRR',
  conversion: 'stage-to-stage conversion from stage history, per AE, days per step',
  attainment: 'quota attainment per AE per month and quarter, sales-vs-quota waterfall',
  aging: "share of open deals older than 1.5× their stage's median",
  'speed-to-lead': 'first touch after MQL vs 4 h, contact attempts in 14 days vs 8',
  'lead-scores': 'fit + engagement lead scores with reasons, lift by band, rejection reasons',
  leaderboard: 'opt-in AE ranking (--owner: who is looking)',
  budget: 'budget reallocation across channels from ROI and CAC, with intervals',
  channels: 'MA-5 SmartLead campaigns and sequence steps beside HubSpot sources',
};

export const METRICS_HELP = `Usage: mis metrics <name> [options]

${Object.entries(METRICS)
  .map(([k, v]) => `  ${k.padEnd(12)}${v}`)
  .join('\n')}
${COMMON}
  --model first_touch|time_decay   for attribution (default time_decay)`;

const OPTIONS = {
  'as-of': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  owner: { type: 'string' },
  pipeline: { type: 'string' },
  json: { type: 'boolean' },
  model: { type: 'string' },
} as const;
const WEEKLY_OPTIONS = {
  ...OPTIONS,
  email: { type: 'boolean' },
  recipients: { type: 'string' },
  format: { type: 'string' },
  'dashboard-url': { type: 'string' },
} as const;

type Values = {
  json?: boolean;
  model?: string;
  email?: boolean;
  recipients?: string;
  format?: string;
  'dashboard-url'?: string;
  pipeline?: string;
};

async function withSession(
  argv: string[],
  io: Io,
  name: string,
  help: string,
  run: (
    s: AnalysisSession,
    period: PeriodInput | undefined,
    owner: string | undefined,
    v: Values,
  ) => { json: unknown; text: string } | Promise<{ json: unknown; text: string }>,
  options: typeof OPTIONS | typeof WEEKLY_OPTIONS = OPTIONS,
): Promise<number> {
  const { values } = parse(name, argv, options, 0) as {
    values: Values & { help?: boolean; from?: string; to?: string; owner?: string; 'as-of'?: string };
  };
  if (values.help) {
    io.out(help);
    return 0;
  }
  const from = isoOption('from', values.from);
  const to = isoOption('to', values.to);
  if ((from === undefined) !== (to === undefined))
    throw new UsageError('--from and --to go together', `Example: mis ${name} --from 2026-10-01 --to 2026-11-01`);
  if (from && to && from >= to) throw new UsageError('--from must be before --to');
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const owner = resolveOwner(session.ctx.data.crm.owners, values.owner);
    if (values.pipeline) {
      const p = session.ctx.data.crm.pipelines.find(
        (x) => x.id === values.pipeline || x.label.toLowerCase() === values.pipeline!.toLowerCase(),
      );
      if (!p)
        throw new UsageError(
          `no pipeline "${values.pipeline}" in this portal`,
          `Pipelines: ${session.ctx.data.crm.pipelines.map((x) => `${x.id} (${x.label})`).join(', ')}.`,
        );
      session.ctx = scopeToPipeline(session.ctx, p.id);
    }
    const out = await run(session, from && to ? { from, to } : undefined, owner, values);
    if (values.json) printJson(io, out.json);
    // Text reports fit the terminal; HTML, Markdown and CSV are files, never wrapped.
    else io.out(values.email || (values.format ?? 'text') !== 'text' ? out.text : fitText(out.text));
    return 0;
  } finally {
    await session.close();
  }
}

/** The managers named in the team config (owner → manager), with an email in HubSpot. */
function managerRecipients(ctx: AnalysisSession['ctx']): WeeklyRecipient[] {
  const owners = new Map(ctx.data.crm.owners.map((o) => [o.id, o]));
  const ids = [...new Set(Object.values(ctx.data.managers))];
  return ids
    .map((id) => owners.get(id))
    .filter((o): o is NonNullable<typeof o> => Boolean(o?.email))
    .map((o) => ({ ownerId: o.id, email: o.email! }));
}

function keepOwner<T extends { byOwner: { ownerId: string | null }[] }>(x: T, owner: string | undefined): T {
  if (!owner) return x;
  // velocity and winloss keep renewals on their own, with their own per-AE rows.
  const renewals = (x as { renewals?: { byOwner: { ownerId: string | null }[] } }).renewals;
  return {
    ...x,
    byOwner: x.byOwner.filter((r) => r.ownerId === owner),
    ...(renewals ? { renewals: { ...renewals, byOwner: renewals.byOwner.filter((r) => r.ownerId === owner) } } : {}),
  };
}

export function reportCommand(argv: string[], io: Io): Promise<number> {
  const [kind, ...rest] = argv;
  if (!kind || kind === '--help' || kind === '-h') {
    io.out(REPORT_HELP);
    return Promise.resolve(kind ? 0 : 2);
  }
  if (kind !== 'weekly')
    throw new UsageError(
      `unknown report "${kind}".${didYouMean(kind, ['weekly'])}`,
      'Reports: weekly. Other figures: mis metrics --help.',
    );
  return withSession(
    rest,
    io,
    'report weekly',
    REPORT_HELP,
    async (session, period, owner, v) => {
      const { ctx } = session;
      const r = weeklyReport(ctx, period);
      const shown = {
        ...r,
        momentum: keepOwner(r.momentum, owner),
        scorecard: keepOwner(r.scorecard, owner),
        coverage: keepOwner(r.coverage, owner),
        ...(r.attainment ? { attainment: keepOwner(r.attainment, owner) } : {}),
        ...(r.forecast ? { forecast: keepOwner(r.forecast, owner) } : {}),
        ...(r.aging ? { aging: keepOwner(r.aging, owner) } : {}),
        ...(r.speedToLead ? { speedToLead: keepOwner(r.speedToLead, owner) } : {}),
      };
      const format = v.format ?? 'text';
      if (!['text', 'html', 'md', 'csv'].includes(format))
        throw new UsageError(`--format ${format}: use text, html, md or csv`);
      if (!v.email && format === 'text')
        return { json: shown, text: renderWeekly(shown, ctx.config.targets.quarterlyQuota) };
      const dashboardUrl = v['dashboard-url'] ?? `${new URL(ctx.config.notify.linkBaseUrl).origin}/dashboard`;
      const email = await buildManagerWeeklyEmail(ctx, session.state, {
        week: period,
        ownerId: owner,
        dashboardUrl,
        portalId: session.conn.sandbox ? null : ctx.data.crm.account.portalId,
      });
      if (!v.email)
        return { json: shown, text: format === 'html' ? email.html : format === 'md' ? email.markdown : email.csv };
      const to = v.recipients
        ? v.recipients.split(',').map((e) => ({ ownerId: `to:${e.trim().toLowerCase()}`, email: e.trim() }))
        : managerRecipients(ctx);
      if (!to.length)
        throw new UsageError(
          'no manager to send the weekly email to',
          'Set managers in mis.config.json (owner id → manager owner id), or pass --recipients EMAIL.',
        );
      const rows = recordManagerWeekly(session.state, email, to, new Date().toISOString());
      const transports = transportsFromConfig(ctx.config.notify);
      try {
        const delivered = await deliverManagerWeekly(session.state, rows, transports.email);
        const config = loadConfig();
        if (!transports.email)
          for (const row of rows)
            writeOutboxFiles(join(config.stateDir, 'outbox'), {
              ownerId: row.ownerId.replace(/[^a-z0-9.@_-]/gi, '_'),
              day: row.day,
              audience: 'manager',
              subject: row.subject,
              text: row.text,
              html: row.html,
              slack: row.slack,
            });
        const lines = delivered.map(
          (d) =>
            `${d.recipient}: ${d.status === 'sent' ? 'sent' : d.status === 'already_sent' ? 'already sent for this week' : d.status === 'failed' ? `failed (${d.error ?? 'unknown'}); kept in the outbox for \`mis notify\`` : 'recorded in the outbox (no notify.smtp configured; written to the outbox folder)'}`,
        );
        return {
          json: { report: shown, email: { subject: email.subject, images: email.images.length, delivered } },
          text: [
            `Manager's weekly email "${email.subject}" with ${email.images.length} charts:`,
            ...lines.map((l) => `  ${l}`),
          ].join('\n'),
        };
      } finally {
        transports.email?.close?.();
      }
    },
    WEEKLY_OPTIONS,
  );
}

export function scorecardCommand(argv: string[], io: Io): Promise<number> {
  return withSession(argv, io, 'scorecard', SCORECARD_HELP, ({ ctx }, period, owner) => {
    const s = keepOwner(activityScorecard(ctx, period), owner);
    return { json: s, text: renderScorecard(s, ctx.timezone) };
  });
}

export function metricsCommand(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(METRICS_HELP);
    return Promise.resolve(name ? 0 : 2);
  }
  if (!Object.hasOwn(METRICS, name))
    throw new UsageError(
      `unknown metric "${name}".${didYouMean(name, Object.keys(METRICS))}`,
      `Metrics: ${Object.keys(METRICS).join(', ')}.`,
    );
  return withSession(rest, io, `metrics ${name}`, METRICS_HELP, ({ ctx }, period, owner, v) => {
    const tz = ctx.timezone;
    switch (name) {
      case 'funnel': {
        const m = funnelConversion(ctx, period);
        return { json: m, text: renderFunnel(m) };
      }
      case 'handoff': {
        const m = handoffSla(ctx, period);
        return { json: m, text: renderHandoff(m) };
      }
      case 'sourced': {
        const m = sourcedPipeline(ctx);
        return { json: m, text: renderSourced(m) };
      }
      case 'coverage': {
        const m = keepOwner(pipelineCoverage(ctx, period), owner);
        return { json: m, text: renderCoverage(m, tz, ctx.config.targets.quarterlyQuota) };
      }
      case 'velocity': {
        const m = keepOwner(velocity(ctx, period), owner);
        return { json: m, text: renderVelocity(m, tz) };
      }
      case 'winloss': {
        const m = keepOwner(winLoss(ctx, period), owner);
        return { json: m, text: renderWinLoss(m, tz) };
      }
      case 'forecast': {
        const m = keepOwner(forecastAccuracy(ctx, period ?? quarterSpan(Date.parse(ctx.asOf), tz)), owner);
        const forward = keepOwner(forwardForecast(ctx), owner);
        return { json: { ...m, forward }, text: `${renderForecast(m, tz)}\n\n${renderForward(forward, tz)}` };
      }
      case 'source': {
        const m = bySource(ctx, period);
        return { json: m, text: renderBySource(m) };
      }
      case 'attribution': {
        const model = v.model ?? 'time_decay';
        if (model !== 'time_decay' && model !== 'first_touch')
          throw new UsageError(`--model ${model}: use first_touch or time_decay`);
        const m = attribution(ctx, model, period);
        return { json: m, text: renderAttribution(m) };
      }
      case 'roi': {
        const m = campaignRoi(ctx, period);
        return { json: m, text: renderRoi(m) };
      }
      case 'accounts': {
        const m = accountAttribution(ctx);
        return { json: m, text: renderAccounts(m) };
      }
      case 'cac': {
        const m = cac(ctx, period);
        return { json: m, text: renderCac(m, tz) };
      }
      case 'ltv': {
        const m = ltv(ctx, period);
        return { json: m, text: renderLtv(m, tz) };
      }
      case 'conversion': {
        const m = stageConversion(ctx, period);
        const shown = owner
          ? {
              ...m,
              pipelines: m.pipelines.map((p) => ({ ...p, byOwner: p.byOwner.filter((r) => r.ownerId === owner) })),
            }
          : m;
        return { json: shown, text: renderConversion(shown) };
      }
      case 'attainment': {
        const m = keepOwner(attainment(ctx, period), owner);
        return { json: m, text: renderAttainment(m, tz) };
      }
      case 'aging': {
        const m = keepOwner(aging(ctx), owner);
        return { json: m, text: renderAging(m, tz) };
      }
      case 'speed-to-lead': {
        const m = keepOwner(speedToLead(ctx, period), owner);
        return { json: m, text: renderSpeedToLead(m, tz) };
      }
      case 'lead-scores': {
        const m = leadScores(ctx);
        return { json: m, text: renderLeadScores(m) };
      }
      case 'leaderboard': {
        const m = leaderboard(ctx, owner ?? null, period);
        return { json: m, text: renderLeaderboard(m) };
      }
      case 'budget': {
        const m = budget(ctx, period);
        return { json: m, text: renderBudget(m, tz) };
      }
      case 'channels': {
        const m = channelPerformance(ctx, period);
        return { json: m, text: renderChannels(m) };
      }
      default: {
        const m = valuePerMql(ctx);
        return { json: m, text: renderValuePerMql(m) };
      }
    }
  });
}
