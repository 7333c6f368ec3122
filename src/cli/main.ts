/** The `mis` command line: thin dispatch to commands, typed errors shown with what to do next. */
import { readFileSync } from 'node:fs';
import { MisError, UsageError } from '../errors/index.js';
import { auditCommand, AUDIT_HELP } from './commands/audit.js';
import { benchCommand, BENCH_HELP } from './commands/bench.js';
import { riskCommand, RISK_HELP } from './commands/risk.js';
import { checkCommand, CHECK_HELP } from './commands/check.js';
import { metricsCommand, METRICS_HELP, reportCommand, REPORT_HELP, scorecardCommand, SCORECARD_HELP } from './commands/reports.js';
import { sandboxCommand, SANDBOX_HELP } from './commands/sandbox.js';
import { summaryCommand, SUMMARY_HELP } from './commands/summary.js';
import { syncCommand, SYNC_HELP } from './commands/sync.js';
import { describeError, processIo, type Io } from './io.js';

const HELP = `sales-mis — keeps a B2B sales team's HubSpot honest and turns it into reports people want.

Usage: mis <command> [options]          (from a checkout: node bin/mis.js <command>)

Commands:
  start                 the main job (npm start): sync, then the daily check, summarised per AE
  summary [--json]      owners, pipeline by stage (₹ lakh/crore), engagements by owner, SmartLead campaigns
  sync [--full]         pull HubSpot and SmartLead into the local cache (incremental after the first)
  check [--owner X]     the daily hygiene check: stale deals, stage mismatches, missing notes/fields,
                        duplicates, SmartLead activity HubSpot never saw (--json: contracts §2)
  audit [--weeks N]     the compliance trend per AE, week by week
  report weekly         deal momentum with the pipeline waterfall, scorecard, coverage
  scorecard             activity per AE vs targets this week
  risk [--owner X]      open deals at risk, most money first, every factor explained
  metrics <name>        funnel, handoff, sourced, coverage, velocity, winloss, forecast, source,
                        attribution, roi, accounts, mql-value (mis metrics --help)
  bench [--deals N]     sync and analysis figures on a generated portal (npm run bench)
  sandbox serve|load|save|generate
                        the local HubSpot + SmartLead sandbox (see mis sandbox --help)
  help [command]        this text, or a command's

Environment:
  HUBSPOT_ACCESS_TOKEN  read a real portal (private-app token); unset: the local sandbox, in-process
  SMARTLEAD_API_KEY     read SmartLead alongside a real portal
  MIS_DATASET           a sales-mis/portal@1 file for the sandbox (default: the committed demo portal)
  MIS_STATE_DIR         where state lives (default mis-state/)
  MIS_SANDBOX_TOKEN     the sandbox's token and api_key (default sandbox-token)
  more in the README (rate limits, faults, base URLs)

Exit codes: 0 ok, 1 failed (the message says what to do), 2 usage error.`;

const COMMAND_HELP: Record<string, string> = { summary: SUMMARY_HELP, start: CHECK_HELP, sandbox: SANDBOX_HELP, sync: SYNC_HELP, check: CHECK_HELP, audit: AUDIT_HELP, report: REPORT_HELP, scorecard: SCORECARD_HELP, metrics: METRICS_HELP, bench: BENCH_HELP, risk: RISK_HELP };

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
        io.out(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : HELP);
        return 0;
      }
      case '-v':
      case '--version':
        io.out(version());
        return 0;
      case 'start':
        return await checkCommand(rest, io, 'start');
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
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    io.done();
    io.err(describeError(e));
    return e instanceof UsageError ? 2 : e instanceof MisError ? 1 : 70;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `sales-mis ${pkg.version}`;
}
