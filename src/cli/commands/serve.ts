/** `mis serve`: the MCP server over stdio (Claude Code) or Streamable HTTP, on the synced cache. */
import { loadConfig, loadTeamConfig } from '../../config/index.js';
import { isCrmWriter } from '../../crm/index.js';
import { dashboardHandler, withToken } from '../../dashboard/index.js';
import { UsageError } from '../../errors/index.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeSession, serveHttp, serveStdio, type McpDeps, type SessionSource } from '../../mcp/index.js';
import { createActionsHandler, dealLookup, dealView, writeServiceWriter } from '../../notify/index.js';
import { sync } from '../../sync/index.js';
import { LiveAnalysis, type AnalysisSession } from '../../session/index.js';
import { WriteService } from '../../writes/index.js';
import { isoOption, parse, portOption } from '../args.js';
import type { Io } from '../io.js';

export const SERVE_HELP = `Usage: mis serve [--http [--port P] [--host H]] [--enable-writes] [--as-of ISO]

Serves the sales-mis MCP server: tools over the synced cache, workflows as resources mis://workflows/<name>,
prompts. It answers at once: an empty or stale cache is synced in the background (tools say that the first
sync is running and how far it is, or answer from the cache with its age and a stale flag). Default transport: stdio (what .mcp.json starts
for Claude Code; stdout carries protocol messages only, logs go to stderr).
  --http           Streamable HTTP at http://HOST:PORT/mcp; prints "mcp listening on URL" first on stdout.
                   Every request needs "Authorization: Bearer <MIS_MCP_TOKEN>" (generated and printed to
                   stderr when unset); requests from non-local Origins are refused. The digest's one-tap
                   links are answered under /a/ on the same port (signed, expiring, single-use links), and
                   the manager's dashboard under /dashboard/ (same token: open /dashboard/?token=… once).
  --port P         HTTP port (default: the port of notify.linkBaseUrl when it names this host, 8787 by
                   default, so the links in digests and in \`npm start\`'s dry run open here; 0: a free one)
  --host H         HTTP address (default 127.0.0.1)
  --enable-writes  also register the CRM write tools (or MIS_ENABLE_WRITES=1). They only propose changes;
                   a person applies each with \`mis writes approve <writeId>\`.
  --enable-state-writes
                   also register state_update_ae_profile and state_record_nudge_response (off by default: they
                   change how often an AE is nudged and when a manager hears; \`mis profile --set\` always can)
  --as-of ISO      the 'now' (default: the dataset's asOf on the sandbox, else the clock)`;

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'serve',
    argv,
    {
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'enable-writes': { type: 'boolean' },
      'enable-state-writes': { type: 'boolean' },
      'as-of': { type: 'string' },
    },
    0,
  );
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  if (!values.http && (values.port !== undefined || values.host !== undefined))
    throw new UsageError(
      '--port and --host are for --http',
      'Run `mis serve --http --port 8808`, or `mis serve` for stdio.',
    );
  // Links in digests point at notify.linkBaseUrl: listen on its port when it is this machine, so they work as printed.
  const linkBase = new URL(loadTeamConfig(process.env['MIS_CONFIG']).notify.linkBaseUrl);
  const localLinks = ['127.0.0.1', 'localhost', '[::1]'].includes(linkBase.hostname);
  const port = portOption(
    values.port,
    localLinks ? Number(linkBase.port || (linkBase.protocol === 'https:' ? 443 : 80)) : 8787,
  );
  const flag = process.env['MIS_ENABLE_WRITES'];
  if (flag !== undefined && flag !== '' && flag !== '0' && flag !== '1')
    throw new UsageError(`MIS_ENABLE_WRITES must be 1 or 0, got "${flag}"`);
  const enableWrites = Boolean(values['enable-writes']) || flag === '1';
  const config = loadConfig();
  // The server answers at once on any cache state: the cache is opened, and synced in a separate process when it
  // is empty or stale, in the background; tools say the first sync is running until there is a cache to answer from.
  // Logs go to stderr only: on stdio, stdout belongs to the protocol.
  const live = new LiveAnalysis(config, { asOf: isoOption('as-of', values['as-of']), onLog: (m) => io.err(m) });
  const writers = new WeakMap<AnalysisSession, WriteService>();
  const writesOf = (session: AnalysisSession): WriteService => {
    let w = writers.get(session);
    if (!w) {
      if (!isCrmWriter(session.conn.crm))
        throw new UsageError('this connection cannot write to the CRM', 'Serve without --enable-writes.');
      w = new WriteService({ crm: session.conn.crm, state: session.state, stateDir: config.stateDir });
      writers.set(session, w);
    }
    return w;
  };
  const source: SessionSource = {
    current() {
      const { session, cache } = live.current();
      // Proposals (mis_reconcile_update) are registered whatever --enable-writes says: only a person applies them.
      return {
        session,
        cache,
        writes: enableWrites ? writesOf(session) : null,
        proposals: isCrmWriter(session.conn.crm) ? writesOf(session) : null,
      };
    },
    describe: () => (live.ready ? describeSession(live.current().session) : null),
  };
  const deps: McpDeps = { source, writesEnabled: enableWrites, stateWrites: Boolean(values['enable-state-writes']) };
  const tools = `${enableWrites ? 'read and write (approval needed)' : 'read-only'} tools`;
  try {
    if (!values.http) {
      io.err(`sales-mis MCP server on stdio: ${tools}; opening the cache in the background`);
      // Open the cache once the client has had its tool list (loading a large cache holds the process for a few
      // seconds), or after a second at the latest.
      const timer = setTimeout(() => void live.start(), 1000);
      await serveStdio(deps, {
        onInitialized: () => {
          clearTimeout(timer);
          setTimeout(() => void live.start(), 200);
        },
      });
      clearTimeout(timer);
      return 0;
    }
    const token = process.env['MIS_MCP_TOKEN'];
    // One-tap links under /a/ and the dashboard under /dashboard/ (behind the same bearer token), both on the
    // session the background sync opened; until then the dashboard says the first sync is running.
    let routes: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
    let routesFor: AnalysisSession | null = null;
    let bearer = '';
    const httpRoutes = (session: AnalysisSession) => {
      const oneTap = oneTapRoutes(session, config.stateDir);
      const portalId = session.conn.sandbox ? null : session.ctx.data.crm.account.portalId;
      const dashboard = withToken(
        dashboardHandler({
          ctx: session.ctx,
          state: session.state,
          base: '/dashboard',
          portalId,
          onError: (m) => io.err(m),
        }),
        () => bearer,
        '/dashboard',
      );
      return (req: IncomingMessage, res: ServerResponse): boolean => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        if (path !== '/dashboard' && !path.startsWith('/dashboard/')) return oneTap(req, res);
        dashboard(req, res).catch((e: unknown) => {
          io.err(`dashboard: ${(e as Error).message}`);
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('The page failed to render.\n');
        });
        return true;
      };
    };
    const lazyRoutes = (req: IncomingMessage, res: ServerResponse): boolean => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const dash = path === '/dashboard' || path.startsWith('/dashboard/');
      if (!dash && !path.startsWith('/a/')) return false;
      if (!live.ready) {
        // Nothing is read or consumed yet: say so, and the same link works a moment later.
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '10' });
        res.end(
          dash
            ? 'The first sync of the portal is running; the dashboard opens when it is done.\n'
            : 'sales-mis is starting: open the link again in a moment. Nothing was changed.\n',
        );
        return true;
      }
      const { session } = live.current();
      if (routesFor !== session) {
        routes = httpRoutes(session);
        routesFor = session;
      }
      return routes!(req, res);
    };
    const running = await serveHttp(deps, {
      host: values.host ?? '127.0.0.1',
      port,
      token,
      routes: lazyRoutes,
      onError: (m) => io.err(m),
    });
    bearer = running.token;
    io.out(`mcp listening on ${running.url}`);
    io.err(
      `the dashboard is at ${running.url.replace(/\/mcp$/, '/dashboard/')} (open it once with ?token=<bearer token>)`,
    );
    const answered = running.url.replace(/\/mcp$/, '/a/');
    const linkOrigin = linkBase.origin;
    io.err(
      `one-tap digest links are answered under ${answered}${new URL(running.url).origin === linkOrigin ? '' : ` (digest links point at ${linkOrigin}: set notify.linkBaseUrl to where AEs reach this server; docs/notifications.md)`}`,
    );
    if (running.generatedToken) io.err(`bearer token (set MIS_MCP_TOKEN to choose one): ${running.token}`);
    io.err(`sales-mis MCP server: ${tools}; opening the cache in the background; Ctrl-C stops it`);
    const timer = setTimeout(() => void live.start(), 500);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearTimeout(timer);
    await running.close();
    return 0;
  } finally {
    await live.close();
  }
}

/**
 * The digest's one-tap links (/a/…): signed, expiring, single-use; a tap is the AE's own consent, so the quick-log
 * page's change goes through the audited write path approved by that AE.
 */
function oneTapRoutes(session: AnalysisSession, stateDir: string) {
  const crm = session.conn.crm;
  const owners = new Map(session.ctx.data.crm.owners.map((o) => [o.id, o.email ?? `owner-${o.id}`]));
  const writer = isCrmWriter(crm)
    ? writeServiceWriter(
        new WriteService({ crm, state: session.state, stateDir }),
        (ownerId) => owners.get(ownerId) ?? `owner-${ownerId}`,
      )
    : null;
  let ctx = session.ctx;
  // After a tap's writes: an incremental sync reads the deal back from HubSpot, then its checks run again.
  const recheck = async (dealId: string) => {
    await sync(session.conn, session.state);
    const snap = session.state.loadSnapshot();
    if (snap) ctx = { ...ctx, data: { ...ctx.data, crm: snap.crm, outreach: snap.outreach ?? ctx.data.outreach } };
    // Checked as of now (a sandbox's 'now' may lie in the past, before the activity just logged).
    return dealView({ ...ctx, asOf: new Date(Math.max(Date.parse(ctx.asOf), Date.now())).toISOString() }, dealId);
  };
  return createActionsHandler({
    state: session.state,
    writer,
    deal: dealLookup(() => ctx),
    recheck,
    skipSnoozeDays: session.ctx.config.notify.skipSnoozeDays,
  });
}
