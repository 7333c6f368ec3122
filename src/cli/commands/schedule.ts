/**
 * `mis schedule`: runs the workflows on their cron schedules in the team time zone, one run at a time per
 * workflow, catching up one missed run after downtime; every run recorded. --once: what is due now, then exit.
 */
import {
  loadWorkflows,
  modelConfig,
  openAgentSession,
  parseDriverChoice,
  runWorkflow,
  Scheduler,
  selectDriver,
  type SchedulerEvent,
  type Workflow,
} from '../../agent/index.js';
import { loadConfig, loadTeamConfig } from '../../config/index.js';
import { buildManagerWeeklyEmail } from '../../dashboard/index.js';
import { deliveryTick, lastFullWeek, transportsFromConfig, type WeeklyReportComposer } from '../../notify/index.js';
import type { AnalysisSession } from '../../session/index.js';
import { openAnalysis } from '../../session/index.js';
import { UsageError } from '../../errors/index.js';
import { StateStore } from '../../state/index.js';
import { parse } from '../args.js';
import type { Io } from '../io.js';
import { runLine } from './run.js';
import { didYouMean, isTimeZone } from '../../format/index.js';

/** The built-in job that sends digests at each AE's time and the manager's Monday report (every 5 minutes). */
export const DELIVERY_JOB = 'notify-delivery';
const DELIVERY_CRON = '*/5 * * * *';

export const SCHEDULE_HELP = `Usage: mis schedule [--once] [--as-of ISO] [--dry-run] [--only NAME,...] [--driver offline|claude|auto] [--timezone TZ]

Runs the workflows in workflows/ on their \`schedule:\` (cron, read in the team time zone) until stopped
(Ctrl-C waits for runs in progress). A workflow never overlaps itself; after downtime each workflow whose
latest slot is later than its last recorded run runs once (one catch-up, however many slots were missed).
Per-AE workflows run for every active AE. Every run is recorded in the state store.
Built in: ${DELIVERY_JOB} (every 5 minutes) sends each AE's digest once their local time reaches their digest
time (profile bestTime, default 17:30; never on weekends, notify.holidays or in quiet hours) and each manager's
weekly report on the first working day of the week from notify.weeklyReportTime (09:00), all through the
durable outbox: several schedulers at once still send each message once (docs/notifications.md).
  --once      run what is due now (catch-ups), then exit: for cron/systemd timers (docs/agent.md)
  --as-of     with --once: the tick's time (a controllable clock for tests and replays; default: now)
  --json      with --once --only : print the delivery tick's report as JSON
  --dry-run   say what would run and when, run nothing
  --only      a subset of workflows
  --timezone  override the team time zone (default: mis.config.json timezone, else the portal's)`;

export async function scheduleCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'schedule',
    argv,
    {
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      'as-of': { type: 'string' },
      'dry-run': { type: 'boolean' },
      only: { type: 'string' },
      driver: { type: 'string' },
      timezone: { type: 'string' },
    },
    0,
  );
  if (values.help) {
    io.out(SCHEDULE_HELP);
    return 0;
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && (!values.once || Number.isNaN(Date.parse(asOf))))
    throw new UsageError(
      '--as-of needs --once and an ISO date-time',
      'For example `mis schedule --once --as-of 2026-11-23T12:00:00Z`.',
    );
  let workflows: Array<Pick<Workflow, 'name' | 'schedule'> & Partial<Workflow>> = [
    ...loadWorkflows(),
    { name: DELIVERY_JOB, schedule: DELIVERY_CRON },
  ];
  if (values.only) {
    const want = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = want.filter((n) => !workflows.some((w) => w.name === n));
    if (unknown.length)
      throw new UsageError(
        `--only: no workflow ${unknown.join(', ')}.${didYouMean(
          unknown[0]!,
          workflows.map((w) => w.name),
        )}`,
        `Workflows: ${workflows.map((w) => w.name).join(', ')}.`,
      );
    workflows = workflows.filter((w) => want.includes(w.name));
  }
  if (values.timezone !== undefined && !isTimeZone(values.timezone)) {
    throw new UsageError(
      `--timezone "${values.timezone}" is not a time zone`,
      'Use an IANA time zone such as Asia/Kolkata or Europe/London.',
    );
  }
  const driverChoice = parseDriverChoice(values.driver);
  const driver = selectDriver(driverChoice, modelConfig());
  const config = loadConfig();
  // One session first: syncs a fresh state directory and gives the portal's time zone.
  let timezone = values.timezone ?? loadTeamConfig(process.env['MIS_CONFIG']).timezone;
  if (!timezone) {
    const first = await openAgentSession({ onProgress: (m) => io.progress(m) });
    timezone = first.view.timezone;
    await first.close();
    io.done();
  }
  const state = StateStore.open(config.stateDir);
  // Runs of different workflows take turns on the cache (one session at a time); a workflow never overlaps itself.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(f: () => Promise<T>): Promise<T> => {
    const p = turn.then(f, f);
    turn = p.catch(() => undefined);
    return p;
  };
  try {
    const byName = new Map(workflows.map((w) => [w.name, w as Workflow]));
    const tickClock = asOf !== undefined ? { now: () => Date.parse(asOf), sleep: () => Promise.resolve() } : undefined;
    const scheduler = new Scheduler({
      workflows,
      timezone,
      dryRun: Boolean(values['dry-run']),
      lastRunAt: (name) => {
        const r = state.lastRun(name);
        return r ? Date.parse(r.startedAt) : null;
      },
      ...(tickClock ? { clock: tickClock } : {}),
      run: (name, slot) =>
        exclusive(async () => {
          if (name === DELIVERY_JOB) {
            // The tick's time is the session's 'now': digests and reports are planned for that instant.
            const session = await openAnalysis(config, {
              asOf: (asOf !== undefined
                ? new Date(asOf)
                : new Date(Math.max(slot.getTime(), Date.now()))
              ).toISOString(),
            });
            const transports = transportsFromConfig(session.ctx.config.notify);
            try {
              const t = await deliveryTick(
                { ctx: session.ctx, state: session.state },
                { transports, weeklyReport: chartWeeklyReport(session) },
              );
              const d = t.delivery;
              io.err(
                `${DELIVERY_JOB}: ${t.now}: sent ${d.sent.length}${d.failed.length ? `, failed ${d.failed.length}` : ''}${d.waiting.length ? `, waiting ${d.waiting.length}` : ''}; reports recorded ${t.reports.filter((r) => r.recorded).length}`,
              );
              if (values.json) io.out(JSON.stringify(t));
            } finally {
              for (const tr of Object.values(transports)) tr?.close?.();
              await session.close();
            }
            return;
          }
          const workflow = byName.get(name)!;
          // A fresh session per run: the cache is synced when stale and the 'now' is the run's.
          const agent = await openAgentSession();
          try {
            const withDeals = new Set(agent.analysis.ctx.data.crm.deals.map((d) => d.ownerId));
            const owners =
              workflow.scope === 'owner'
                ? agent.analysis.ctx.data.crm.owners.filter((o) => !o.archived && withDeals.has(o.id)).map((o) => o.id)
                : [undefined];
            for (const owner of owners) {
              const r = await runWorkflow({
                workflow,
                driver,
                client: agent.client,
                inputs: { owner },
                asOf: agent.asOf,
                view: agent.view,
                state: agent.analysis.state,
              });
              io.out(`\n=== ${r.workflow}${owner ? ` · owner ${owner}` : ''} · ${new Date().toISOString()}\n${r.text}`);
              io.err(runLine(r));
            }
          } finally {
            await agent.close();
          }
        }),
      onEvent: (e) => io.err(describe(e)),
    });
    io.err(
      `schedule: ${workflows.length} workflows, time zone ${timezone}, driver ${driver.name}${values['dry-run'] ? ', dry run' : ''}${values.once ? ', once' : ''}`,
    );
    if (values.once) {
      scheduler.start();
      await scheduler.idle();
      return 0;
    }
    const ac = new AbortController();
    const stop = () => {
      io.err('schedule: stopping after runs in progress');
      ac.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      if (values['dry-run']) {
        scheduler.start();
        return 0;
      }
      await scheduler.loop(ac.signal);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  } finally {
    state.close();
  }
}

function describe(e: SchedulerEvent): string {
  switch (e.type) {
    case 'catch-up':
      return `schedule: ${e.workflow} missed its ${e.slot} slot (last run ${e.lastRun ?? 'never'}): one catch-up run`;
    case 'would-run':
      return `schedule: would run ${e.workflow} now (slot ${e.slot})`;
    case 'next':
      return `schedule: ${e.workflow} next at ${e.at}`;
    case 'started':
      return `schedule: ${e.workflow} started (slot ${e.slot})`;
    case 'finished':
      return `schedule: ${e.workflow} finished in ${(e.ms / 1000).toFixed(1)} s`;
    case 'failed':
      return `schedule: ${e.workflow} failed: ${e.error}`;
    case 'skipped':
      return `schedule: ${e.workflow} slot ${e.slot} skipped: ${e.reason}`;
  }
}

/**
 * The manager's Monday report as the weekly email with charts (src/dashboard): last week's waterfall, coverage,
 * activity vs target, top risks and the hygiene trend as inline images with the numbers beside them.
 */
function chartWeeklyReport(session: AnalysisSession): WeeklyReportComposer {
  return async (ctx, manager) => {
    const dashboardUrl = `${new URL(ctx.config.notify.linkBaseUrl).origin}/dashboard`;
    const e = await buildManagerWeeklyEmail(ctx, session.state, {
      week: lastFullWeek(ctx),
      ownerId: undefined,
      dashboardUrl,
      portalId: session.conn.sandbox ? null : ctx.data.crm.account.portalId,
    });
    return { subject: e.subject, text: `Good morning ${manager.firstName},\n\n${e.text}`, html: e.html };
  };
}
