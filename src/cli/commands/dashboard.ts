/** `mis dashboard`: the manager's web pages over the synced cache, on 127.0.0.1. */
import { loadConfig } from '../../config/index.js';
import { startDashboard } from '../../dashboard/index.js';
import { openAnalysis } from '../../session/index.js';
import { intOption, isoOption, parse } from '../args.js';
import type { Io } from '../io.js';

export const DASHBOARD_HELP = `Usage: mis dashboard [--port P] [--host H] [--as-of ISO]

A local, read-only web dashboard over the synced cache (syncing first when it is empty or stale): Team
(pipeline by stage, the week's waterfall, coverage, activity vs targets, hygiene trend, forecast), AE, Deal,
Marketing and the weekly sales–marketing Review, with charts and a CSV download for every table.
Prints "dashboard listening on URL" first on stdout. The same pages are served by \`mis serve --http\` under
/dashboard/ (behind its bearer token). See docs/dashboard.md.
  --port P     port (default 0: a free one)
  --host H     address (default 127.0.0.1; anything else exposes CRM data to your network)
  --as-of ISO  the 'now' (default: the dataset's asOf on the sandbox, else the clock)`;

export async function dashboardCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse('dashboard', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'as-of': { type: 'string' },
  });
  if (values.help) {
    io.out(DASHBOARD_HELP);
    return 0;
  }
  const port = intOption('port', values.port, 0, 0);
  const session = await openAnalysis(loadConfig(), {
    asOf: isoOption('as-of', values['as-of']),
    onProgress: (m) => io.progress(m),
  });
  try {
    io.done();
    const portalId = session.conn.sandbox ? null : session.ctx.data.crm.account.portalId;
    const running = await startDashboard(
      { ctx: session.ctx, state: session.state, base: '', portalId, onError: (m) => io.err(m) },
      { host: values.host ?? '127.0.0.1', port },
    );
    io.out(`dashboard listening on ${running.url}`);
    io.err(
      `sales-mis dashboard: ${session.conn.source}, as of ${session.ctx.asOf}; pages ${running.url}/team, /ae, /marketing, /review; Ctrl-C stops it`,
    );
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
