/** `mis serve`: the MCP server over stdio (Claude Code) or Streamable HTTP, on the synced cache. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadConfig } from '../../config/index.js';
import { isCrmWriter } from '../../crm/index.js';
import { dashboardHandler, withToken } from '../../dashboard/index.js';
import { UsageError } from '../../errors/index.js';
import { serveHttp, serveStdio, type McpDeps } from '../../mcp/index.js';
import { createActionsHandler, dealLookup, writeServiceWriter } from '../../notify/index.js';
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
                   links are answered under /a/ on the same port (signed, expiring, single-use links), and
                   the manager's dashboard under /dashboard/ (same token: open /dashboard/?token=… once).
  --port P         HTTP port (default 0: a free one)
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
  const port = intOption('port', values.port, 0, 0);
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
    const oneTap = oneTapRoutes(session, config.stateDir);
    // The dashboard under /dashboard/, behind the same bearer token (known once the server has started).
    let bearer = '';
    const portalId = session.conn.sandbox ? null : session.ctx.data.crm.account.portalId;
    const dashboard = withToken(dashboardHandler({ ctx: session.ctx, state: session.state, base: '/dashboard', portalId, onError: (m) => io.err(m) }), () => bearer, '/dashboard');
    const routes = (req: IncomingMessage, res: ServerResponse): boolean => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path !== '/dashboard' && !path.startsWith('/dashboard/')) return oneTap(req, res);
      dashboard(req, res).catch((e: unknown) => {
        io.err(`dashboard: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The page failed to render.\n');
      });
      return true;
    };
    const running = await serveHttp(deps, { host: values.host ?? '127.0.0.1', port, token, routes, onError: (m) => io.err(m) });
    bearer = running.token;
    io.out(`mcp listening on ${running.url}`);
    io.err(`the dashboard is at ${running.url.replace(/\/mcp$/, '/dashboard/')} (open it once with ?token=<bearer token>)`);
    io.err(`one-tap digest links are answered under ${running.url.replace(/\/mcp$/, '/a/')} (set notify.linkBaseUrl to where AEs reach it)`);
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
  return createActionsHandler({ state: session.state, writer, deal: dealLookup(session.ctx) });
}
