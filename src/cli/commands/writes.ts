/** `mis writes list|show|approve|reject`: the audited CRM write queue. A person approves; then it is applied once. */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../../config/index.js';
import { isCrmWriter, type CrmWriter } from '../../crm/index.js';
import { MisError, UsageError } from '../../errors/index.js';
import { connect } from '../../session/index.js';
import { StateStore } from '../../state/index.js';
import { WRITE_STATUSES, WriteService, type WriteRecord, type WriteStatus } from '../../writes/index.js';
import { renderTable } from '../../format/index.js';
import { parse } from '../args.js';
import { printJson, type Io } from '../io.js';

export const WRITES_HELP = `Usage: mis writes <list|show|approve|reject> [options]

CRM changes proposed by reconcile, Claude (MCP write tools) or workflows wait here until a person
approves them. Nothing is written to HubSpot without an approval; each write is one request, recorded
before it is sent, and never re-sent when the outcome is unknown (a timeout or a 5xx: check HubSpot).
  list [--status S] [--json]   newest first; S: ${WRITE_STATUSES.join(', ')}
  show ID [--json]             the change, its preview and its history (who proposed, approved, applied)
  approve ID [--yes] [--as NAME] [--json]
                               show the preview, ask y/N (--yes for scripts), then apply it to HubSpot
                               and refresh the local cache; the approver is NAME, else $USER
  approve ID --token [--yes]   approve without applying: print a 10-minute approval token for this one
                               write, for a tool (e.g. Claude over MCP) to apply it with
  reject ID [--as NAME]        decline it: it can never be applied

Statuses: proposed → approved → applying → applied | failed (HubSpot refused: nothing written)
| unknown (may have been written: check HubSpot), or rejected. State lives in MIS_STATE_DIR/mis.db.`;

/** list/show/reject never reach the CRM. */
const OFFLINE: CrmWriter = {
  updateDeal: offline,
  createDeal: offline,
  createEngagement: offline,
  getDeals: offline,
  getEngagements: offline,
};
function offline(): never {
  throw new MisError('USAGE', 'internal: this command does not connect to HubSpot');
}

function approverName(flag: string | undefined): string {
  const name = flag ?? process.env['USER'] ?? process.env['USERNAME'] ?? safeUser();
  if (!name?.trim()) throw new UsageError('cannot tell who approves: pass --as NAME');
  return name.trim();
}

function safeUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function describe(w: WriteRecord): string {
  const lines = [`${w.id}  ${w.status}  ${w.op}`, `  ${w.preview}`];
  lines.push(`  proposed ${w.createdAt} by ${w.actor} via ${w.tool}${w.source ? ` (source ${w.source})` : ''}`);
  if (w.approvedBy) lines.push(`  approved ${w.approvedAt ?? ''} by ${w.approvedBy}`);
  if (w.rejectedBy) lines.push(`  rejected ${w.rejectedAt ?? ''} by ${w.rejectedBy}`);
  if (w.applyingAt) lines.push(`  sent ${w.applyingAt}`);
  if (w.appliedAt && w.result)
    lines.push(
      `  applied ${w.appliedAt}: ${w.result.recordType} ${w.result.recordId}${w.result.attempts > 1 ? ` (${w.result.attempts} requests; HubSpot rate-limited the first)` : ''}${w.result.cacheRefreshed ? '' : '; cache not refreshed, run mis sync'}`,
    );
  if (w.error) lines.push(`  ${w.status === 'unknown' ? 'outcome unknown' : 'error'}: ${w.error}`);
  return lines.join('\n');
}

async function confirm(io: Io, w: WriteRecord): Promise<boolean> {
  io.err(`${w.id}: ${w.preview}`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Apply this change to HubSpot? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function writesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('writes', argv, {
    status: { type: 'string' },
    json: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    as: { type: 'string' },
    token: { type: 'boolean' },
  });
  const [sub, id, ...extra] = positionals;
  if (values.help || sub === undefined || sub === 'help') {
    io.out(WRITES_HELP);
    return sub === undefined && !values.help ? 2 : 0;
  }
  if (extra.length) throw new UsageError(`writes ${sub}: unexpected "${extra.join(' ')}"`, 'Run `mis writes --help`.');
  const needId = () => {
    if (!id) throw new UsageError(`writes ${sub}: which write? give its id`, 'Run `mis writes list` for the ids.');
    return id;
  };
  const config = loadConfig();
  const state = StateStore.open(config.stateDir);
  try {
    const offlineService = new WriteService({ crm: OFFLINE, state, stateDir: config.stateDir });
    switch (sub) {
      case 'list': {
        const status = values.status as WriteStatus | undefined;
        if (status !== undefined && !WRITE_STATUSES.includes(status))
          throw new UsageError(`--status must be one of ${WRITE_STATUSES.join(', ')}`);
        const writes = offlineService.list(status ? { status } : {});
        if (values.json) printJson(io, { writes });
        else if (!writes.length) io.out(status ? `No ${status} writes.` : 'No CRM writes yet.');
        else {
          io.out(
            renderTable(
              ['Id', 'Status', 'Proposed', 'By', 'Change'],
              writes.map((w) => [
                w.id,
                w.status,
                w.createdAt.slice(0, 16).replace('T', ' '),
                w.actor,
                w.preview.length > 100 ? `${w.preview.slice(0, 99)}…` : w.preview,
              ]),
            ),
          );
        }
        return 0;
      }
      case 'show': {
        const w = offlineService.get(needId());
        if (values.json) printJson(io, w);
        else io.out(describe(w));
        return 0;
      }
      case 'reject': {
        const w = offlineService.reject(needId(), approverName(values.as));
        if (values.json) printJson(io, w);
        else io.out(`Rejected ${w.id}: ${w.preview}`);
        return 0;
      }
      case 'approve': {
        const writeId = needId();
        const pending = offlineService.get(writeId);
        if (!values.yes) {
          if (!process.stdin.isTTY)
            throw new UsageError(
              `writes approve ${writeId}: not on a terminal, so nothing to ask`,
              'Read the change with `mis writes show ID`, then pass --yes to approve it.',
            );
          if (!(await confirm(io, pending))) {
            io.out(`Not applied: ${writeId} stays ${pending.status}.`);
            return 1;
          }
        }
        const approver = approverName(values.as);
        if (values.token) {
          const token = offlineService.issueApproval(writeId, approver);
          io.err(`Approved ${writeId} as ${approver}; the token below applies this write only, within 10 minutes.`);
          io.out(token);
          return 0;
        }
        const conn = await connect(config, { onProgress: (m) => io.progress(m) });
        try {
          if (!isCrmWriter(conn.crm)) throw new MisError('USAGE', 'this connection cannot write to the CRM');
          const service = new WriteService({ crm: conn.crm, state, stateDir: config.stateDir });
          const token = service.issueApproval(writeId, approver);
          io.progress(`applying ${writeId}…`);
          const w = await service.apply(writeId, token);
          io.done();
          if (values.json) printJson(io, w);
          else {
            io.out(w.preview);
            const what =
              w.op === 'update_deal'
                ? `deal ${w.result?.recordId} updated`
                : `${w.result?.recordType} ${w.result?.recordId} created`;
            io.out(
              `Applied ${w.id} (approved by ${w.approvedBy}): ${what} in HubSpot; ${w.result?.cacheRefreshed ? 'the local cache has it' : 'run `mis sync` to refresh the local cache'}.`,
            );
          }
          return 0;
        } finally {
          io.done();
          await conn.close();
        }
      }
      default:
        throw new UsageError(`unknown writes command "${sub}"`, 'Run `mis writes --help`.');
    }
  } finally {
    state.close();
  }
}
