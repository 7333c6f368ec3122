/** The `mis` command line: thin dispatch to commands, typed errors shown with what to do next. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/index.js';
import { auditCommand, AUDIT_HELP } from './commands/audit.js';
import { benchCommand, BENCH_HELP } from './commands/bench.js';
import { riskCommand, RISK_HELP } from './commands/risk.js';
import { adviseCommand, ADVISE_HELP } from './commands/advise.js';
import { checkCommand, CHECK_HELP } from './commands/check.js';
import {
  metricsCommand,
  METRICS_HELP,
  reportCommand,
  REPORT_HELP,
  scorecardCommand,
  SCORECARD_HELP,
} from './commands/reports.js';
import { sandboxCommand, SANDBOX_HELP } from './commands/sandbox.js';
import { serveCommand, SERVE_HELP } from './commands/serve.js';
import { summaryCommand, SUMMARY_HELP } from './commands/summary.js';
import { syncCommand, SYNC_HELP } from './commands/sync.js';
import { writesCommand, WRITES_HELP } from './commands/writes.js';
import { digestCommand, DIGEST_HELP } from './commands/digest.js';
import { notifyCommand, NOTIFY_HELP } from './commands/notify.js';
import { profileCommand, PROFILE_HELP } from './commands/profile.js';
import { reconcileCommand, RECONCILE_HELP } from './commands/reconcile.js';
import { draftUpdateCommand, DRAFT_UPDATE_HELP } from './commands/draft-update.js';
import { runCommand, RUN_HELP, startCommand, START_HELP } from './commands/run.js';
import { askCommand, ASK_HELP } from './commands/ask.js';
import { scheduleCommand, SCHEDULE_HELP } from './commands/schedule.js';
import { evalCommand, EVAL_HELP } from './commands/eval.js';
import {
  briefCommand,
  BRIEF_HELP,
  nextCommand,
  NEXT_HELP,
  prepCommand,
  PREP_HELP,
  remindCommand,
  REMIND_HELP,
} from './commands/assist.js';
import { describeError, exitCodeOf, processIo, type Io } from './io.js';
import { didYouMean } from '../format/index.js';
import { dashboardCommand, DASHBOARD_HELP } from './commands/dashboard.js';

const HELP = `sales-mis — keeps a B2B sales team's HubSpot honest and turns it into reports people want.

Usage: mis <command> [options]          (from a checkout: node bin/mis.js <command>)

Commands:
  start                 the main job (npm start): sync, the daily-compliance-check workflow (offline)
                        summarised per AE, then each AE's digest for today (dry run, to the outbox)
  summary [--json]      owners, pipeline by stage (₹ lakh/crore), engagements by owner, SmartLead campaigns
  sync [--full]         pull HubSpot and SmartLead into the local cache (incremental after the first)
  check [--owner X]     the daily hygiene check: stale deals, stage mismatches, missing notes/fields,
                        duplicates, SmartLead activity HubSpot never saw (--json: docs/contracts.md §2)
  audit [--weeks N]     the compliance trend per AE, week by week
  report weekly         deal momentum with the pipeline waterfall, scorecard, coverage
  scorecard             activity per AE vs targets this week
  risk [--owner X]      open deals at risk, most money first, every factor explained
  advise <topic>        RevOps advice from the portal's numbers: lifecycle, scoring, pipeline, metrics,
                        hygiene (a plan, and what the data can't tell)
  metrics <name>        funnel, handoff, sourced, coverage, velocity, winloss, forecast, source,
                        attribution, roi, accounts, mql-value, cac, ltv, conversion, attainment, aging,
                        speed-to-lead, lead-scores, leaderboard, budget, channels (mis metrics --help)
  bench [--deals N]     sync and analysis figures on a generated portal (npm run bench)
  brief --deal X        a pre-call brief: people, where the deal stands, last touches, risks, questions
  next [--owner X]      the next best action on each open deal, most money at risk first
  prep --owner X        briefs for the AE's meetings on the next working day
  remind [--owner X]    follow-up reminders as HubSpot tasks (--propose: to accept with one tap)
  digest --owner X      today's digest for one AE: the top action by money at risk, wins, week vs targets
  notify [--dry-run]    send the digests that are due (email / Slack; --dry-run: to MIS_STATE_DIR/outbox/);
                        notify snooze|mute|unmute an item
  profile [--owner X]   AE profiles: responsiveness, adaptive tier, channel, frequency (--set key=value)
  dashboard [--port P]  the manager's web dashboard over the synced cache (docs/dashboard.md)
  serve [--http]        the MCP server for Claude Code and agents (stdio; --http: Streamable HTTP)
  writes list|show|approve|reject
                        CRM changes waiting for a person's approval; approve applies them (mis writes --help)
  reconcile --owner X --update FILE
                        an AE's free-text update vs the CRM: discrepancies and the fixes (--apply to write them)
  draft-update --owner X
                        next week's update for an AE, drafted from the CRM
  run <workflow>        a workflow from workflows/ (offline steps, or Claude with --driver claude); recorded
  ask "question"        answer a question: Claude with read-only tools, or offline the matching report
  schedule [--once]     run the workflows on their cron schedules (team time zone), catching up after downtime
  eval [suite…]         run the eval suites (--driver offline|claude|both, --json, --update-baseline)
  sandbox serve|load|save|generate
                        the local HubSpot + SmartLead sandbox (see mis sandbox --help)
  help [command]        this text, or a command's

Environment:
  HUBSPOT_ACCESS_TOKEN  read a real portal (private-app token); unset: the local sandbox, in-process
  SMARTLEAD_API_KEY     read SmartLead alongside a real portal
  MIS_DATASET           a sales-mis/portal@1 file for the sandbox (default: the committed demo portal)
  MIS_STATE_DIR         where state lives (default mis-state/)
  MIS_SANDBOX_TOKEN     the sandbox's token and api_key (default sandbox-token)
  ANTHROPIC_API_KEY     run workflows and ask with Claude (ANTHROPIC_BASE_URL, MIS_MODEL to change where/which)
  more in docs/configuration.md (rate limits, faults, base URLs)

Exit codes: 0 ok, 1 failed (the message says what to do), 2 usage error.`;

const COMMAND_HELP: Record<string, string> = {
  reconcile: RECONCILE_HELP,
  'draft-update': DRAFT_UPDATE_HELP,
  summary: SUMMARY_HELP,
  start: START_HELP,
  run: RUN_HELP,
  ask: ASK_HELP,
  schedule: SCHEDULE_HELP,
  sandbox: SANDBOX_HELP,
  sync: SYNC_HELP,
  check: CHECK_HELP,
  audit: AUDIT_HELP,
  report: REPORT_HELP,
  scorecard: SCORECARD_HELP,
  metrics: METRICS_HELP,
  bench: BENCH_HELP,
  risk: RISK_HELP,
  advise: ADVISE_HELP,
  serve: SERVE_HELP,
  writes: WRITES_HELP,
  digest: DIGEST_HELP,
  notify: NOTIFY_HELP,
  profile: PROFILE_HELP,
  eval: EVAL_HELP,
  brief: BRIEF_HELP,
  next: NEXT_HELP,
  prep: PREP_HELP,
  remind: REMIND_HELP,
  dashboard: DASHBOARD_HELP,
};

const COMMANDS = [
  'start',
  'run',
  'ask',
  'schedule',
  'summary',
  'sandbox',
  'sync',
  'check',
  'audit',
  'report',
  'scorecard',
  'metrics',
  'bench',
  'risk',
  'advise',
  'serve',
  'writes',
  'digest',
  'notify',
  'profile',
  'reconcile',
  'draft-update',
  'eval',
  'brief',
  'next',
  'prep',
  'remind',
  'dashboard',
  'help',
];

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      case 'help': {
        const topic = rest[0];
        io.out(topic && Object.hasOwn(COMMAND_HELP, topic) ? COMMAND_HELP[topic]! : HELP);
        return 0;
      }
      case '-v':
      case '--version':
        io.out(version());
        return 0;
      case 'start':
        return await startCommand(rest, io);
      case 'run':
        return await runCommand(rest, io);
      case 'ask':
        return await askCommand(rest, io);
      case 'schedule':
        return await scheduleCommand(rest, io);
      case 'summary':
        return await summaryCommand(rest, io);
      case 'sandbox':
        return await sandboxCommand(rest, io);
      case 'sync':
        return await syncCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'audit':
        return await auditCommand(rest, io);
      case 'report':
        return await reportCommand(rest, io);
      case 'scorecard':
        return await scorecardCommand(rest, io);
      case 'metrics':
        return await metricsCommand(rest, io);
      case 'bench':
        return await benchCommand(rest, io);
      case 'risk':
        return await riskCommand(rest, io);
      case 'advise':
        return await adviseCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'dashboard':
        return await dashboardCommand(rest, io);
      case 'writes':
        return await writesCommand(rest, io);
      case 'digest':
        return await digestCommand(rest, io);
      case 'notify':
        return await notifyCommand(rest, io);
      case 'profile':
        return await profileCommand(rest, io);
      case 'reconcile':
        return await reconcileCommand(rest, io);
      case 'draft-update':
        return await draftUpdateCommand(rest, io);
      case 'eval':
        return await evalCommand(rest, io);
      case 'brief':
        return await briefCommand(rest, io);
      case 'next':
        return await nextCommand(rest, io);
      case 'prep':
        return await prepCommand(rest, io);
      case 'remind':
        return await remindCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}".${didYouMean(command, COMMANDS)}`);
    }
  } catch (e) {
    io.done();
    io.err(describeError(e));
    return exitCodeOf(e);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `sales-mis ${pkg.version}`;
}
