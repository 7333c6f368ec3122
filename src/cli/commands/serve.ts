/** `mis serve`: the MCP server over stdio (Claude Code) or Streamable HTTP, on the synced cache. */
import { loadConfig, loadTeamConfig } from '../../config/index.js';
import { isCrmWriter } from '../../crm/index.js';
import { UsageError } from '../../errors/index.js';
import { serveHttp, serveStdio, type McpDeps } from '../../mcp/index.js';
import { createActionsHandler, dealLookup, dealView, writeServiceWriter } from '../../notify/index.js';
import { sync } from '../../sync/index.js';
import { openAnalysis, type AnalysisSession } from '../../runtime/index.js';
import { WriteService } from '../../writes/index.js';
import { intOption, isoOption, parse } from '../args.js';
import type { Io } from '../io.js';

export const SERVE_HELP = `Usage: mis serve [--http [--port P] [--host H]] [--enable-writes] [--as-of ISO]

Serves the sales-mis MCP server: tools over the synced cache (syncing first when it is empty or stale),
workflows as resources mis://workflows/<name>, prompts. Default transport: stdio (what .mcp.json starts
for Claude Code; stdout carries protocol messages only, logs go to stderr).
  --http           Streamable HTTP at http://HOST:PORT/mcp; prints "mcp listening on URL" first on stdout.
                   Every request needs "Authorization: Bearer <MIS_MCP_TOKEN>" (generated and printed to
                   stderr when unset); requests from non-local Origins are refused. The digest's one-tap
                   links are answered under /a/ on the same port (signed, expiring, single-use links).
  --port P         HTTP port (default: the port of notify.linkBaseUrl when it names this host, 8787 by
                   default, so the links in digests and in \`npm start\`'s dry run open here; 0: a free one)
  --host H         HTTP address (default 127.0.0.1)
  --enable-writes  also register the CRM write tools (or MIS_ENABLE_WRITES=1). They only propose changes;
                   a person applies each with \`mis writes approve <writeId>\`.
  --as-of ISO      the 'now' (default: the dataset's asOf on the sandbox, else the clock)`;

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse('serve', argv, { http: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, 'enable-writes': { type: 'boolean' }, 'as-of': { type: 'string' } });
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  if (!values.http && (values.port !== undefined || values.host !== undefined)) throw new UsageError('--port and --host are for --http', 'Run `mis serve --http --port 8808`, or `mis serve` for stdio.');
  const linkBase = new URL(loadTeamConfig(process.env['MIS_CONFIG']).notify.linkBaseUrl);
  const localLinks = ['127.0.0.1', 'localhost', '[::1]'].includes(linkBase.hostname);
  const port = intOption('port', values.port, localLinks ? Number(linkBase.port || (linkBase.protocol === 'https:' ? 443 : 80)) : 8787, 0);
  const flag = process.env['MIS_ENABLE_WRITES'];
  if (flag !== undefined && flag !== '' && flag !== '0' && flag !== '1') throw new UsageError(`MIS_ENABLE_WRITES must be 1 or 0, got "${flag}"`);
  const enableWrites = Boolean(values['enable-writes']) || flag === '1';
  const config = loadConfig();
  // Progress goes to stderr only (io.progress/io.err): on stdio, stdout belongs to the protocol.
  const session = await openAnalysis(config, { asOf: isoOption('as-of', values['as-of']), onProgress: (m) => io.progress(m) });
  try {
    io.done();
    let writes: McpDeps['writes'] = null;
    if (enableWrites) {
      if (!isCrmWriter(session.conn.crm)) throw new UsageError('this connection cannot write to the CRM', 'Serve without --enable-writes.');
      writes = new WriteService({ crm: session.conn.crm, state: session.state, stateDir: config.stateDir });
    }
    const deps: McpDeps = { session, writes };
    const tools = `${enableWrites ? 'read and write (approval needed)' : 'read-only'} tools`;
    if (!values.http) {
      io.err(`sales-mis MCP server on stdio: ${session.conn.source}, as of ${session.ctx.asOf}, ${tools}`);
      await serveStdio(deps);
      return 0;
    }
    const token = process.env['MIS_MCP_TOKEN'];
    const routes = oneTapRoutes(session, config.stateDir);
    const running = await serveHttp(deps, { host: values.host ?? '127.0.0.1', port, token, routes, onError: (m) => io.err(m) });
    io.out(`mcp listening on ${running.url}`);
    const answered = running.url.replace(/\/mcp$/, '/a/');
    const linkOrigin = new URL(session.ctx.config.notify.linkBaseUrl).origin;
    io.err(`one-tap digest links are answered under ${answered}${new URL(running.url).origin === linkOrigin ? '' : ` (digest links point at ${linkOrigin}: set notify.linkBaseUrl to where AEs reach this server; docs/notifications.md)`}`);
    if (running.generatedToken) io.err(`bearer token (set MIS_MCP_TOKEN to choose one): ${running.token}`);
    io.err(`sales-mis MCP server: ${session.conn.source}, as of ${session.ctx.asOf}, ${tools}; Ctrl-C stops it`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.close();
    return 0;
  } finally {
    await session.close();
  }
}

/**
 * The digest's one-tap links (/a/…): signed, expiring, single-use; a tap is the AE's own consent, so the quick-log
 * page's change goes through the audited write path approved by that AE.
 */
function oneTapRoutes(session: AnalysisSession, stateDir: string) {
  const crm = session.conn.crm;
  const owners = new Map(session.ctx.data.crm.owners.map((o) => [o.id, o.email ?? `owner-${o.id}`]));
  const writer = isCrmWriter(crm) ? writeServiceWriter(new WriteService({ crm, state: session.state, stateDir }), (ownerId) => owners.get(ownerId) ?? `owner-${ownerId}`) : null;
  let ctx = session.ctx;
  // After a tap's writes: an incremental sync reads the deal back from HubSpot, then its checks run again.
  const recheck = async (dealId: string) => {
    await sync(session.conn, session.state);
    const snap = session.state.loadSnapshot();
    if (snap) ctx = { ...ctx, data: { ...ctx.data, crm: snap.crm, outreach: snap.outreach ?? ctx.data.outreach } };
    // Checked as of now (a sandbox's 'now' may lie in the past, before the activity just logged).
    return dealView({ ...ctx, asOf: new Date(Math.max(Date.parse(ctx.asOf), Date.now())).toISOString() }, dealId);
  };
  return createActionsHandler({ state: session.state, writer, deal: dealLookup(() => ctx), recheck, skipSnoozeDays: session.ctx.config.notify.skipSnoozeDays });
}
