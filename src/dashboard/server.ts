/**
 * The dashboard over HTTP: read-only GET pages over one analysis session (the synced cache), standalone
 * (`mis dashboard`) or mounted under a prefix of another server (`mis serve --http` at /dashboard).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnalysisContext } from '../analysis/index.js';
import type { StateStore } from '../state/index.js';
import { filterQuery, parseFilters } from './filters.js';
import { messagePage, pageHtml, tableCsv, type Nav } from './html.js';
import type { Page } from './model.js';
import { withDealPrep, withMarketingMetrics, withReviewMetrics, withTeamMetrics } from './metric-sections.js';
import { aePage, dealPage, marketingPage, reviewPage, teamPage, type PageEnv } from './pages.js';

export interface DashboardDeps {
  ctx: AnalysisContext;
  state: StateStore;
  /** Where the pages are mounted: '' standalone, '/dashboard' under `mis serve --http`. */
  base: string;
  /** HubSpot portal id for "Open in HubSpot" links; null in the sandbox. */
  portalId: number | null;
  onError?: (message: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Answers one request under `deps.base`; resolves once the response is written. */
export function dashboardHandler(deps: DashboardDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  // The session's cache does not change while it is served: a page built once is kept (its CSVs and reloads are free).
  const pages = new Map<string, { page: Page; html?: string }>();
  const remember = (key: string, value: { page: Page; html?: string }) => {
    if (pages.size >= 200) pages.delete(pages.keys().next().value!);
    pages.set(key, value);
  };
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'",
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'text/plain; charset=utf-8', 'The dashboard is read-only: GET pages only.\n', {
        Allow: 'GET, HEAD',
      });
    let path = url.pathname;
    if (deps.base && path.startsWith(deps.base)) path = path.slice(deps.base.length);
    if (path === '' || path === '/') path = '/team';
    if (path === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
      res.end();
      return;
    }
    const filters = parseFilters(url.searchParams, deps.ctx);
    const env: PageEnv = { ctx: deps.ctx, state: deps.state, filters, base: deps.base, portalId: deps.portalId };
    const cacheKey = `${path}${filterQuery(filters)}`;
    const cached = pages.get(cacheKey);
    let page: Page | null = cached?.page ?? null;
    let current: Nav['current'];
    const deal = /^\/deal\/([^/]+)$/.exec(path);
    if (cached) current = deal ? 'deal' : (path.slice(1) as Nav['current']);
    else if (path === '/team') [page, current] = [withTeamMetrics(teamPage(env), env), 'team'];
    else if (path === '/ae') [page, current] = [aePage(env), 'ae'];
    else if (path === '/marketing') [page, current] = [withMarketingMetrics(marketingPage(env), env), 'marketing'];
    else if (path === '/review') [page, current] = [withReviewMetrics(reviewPage(env), env), 'review'];
    else if (deal) {
      const id = decodeURIComponent(deal[1]!);
      const found = dealPage(env, id);
      page = found && withDealPrep(found, env, id);
      current = 'deal';
      if (!page)
        return send(
          404,
          'text/html; charset=utf-8',
          messagePage('No such deal', `No deal ${id} in the synced cache: run \`mis sync\` if it is new.`, deps.base),
        );
    } else
      return send(
        404,
        'text/html; charset=utf-8',
        messagePage('Not found', 'Pages: Team, AE, Deal, Marketing, Review.', deps.base),
      );
    if (!page) return send(404, 'text/plain; charset=utf-8', 'Not found.\n');
    if (!cached) remember(cacheKey, { page });
    const csv = url.searchParams.get('csv');
    if (csv) {
      const table = page.sections.flatMap((s) => s.tables).find((t) => t.id === csv);
      if (!table) return send(404, 'text/plain; charset=utf-8', `No table "${csv}" on this page.\n`);
      return send(200, 'text/csv; charset=utf-8', tableCsv(table), {
        'Content-Disposition': `attachment; filename="${table.id}.csv"`,
      });
    }
    const entry = pages.get(cacheKey);
    const html =
      entry?.html ??
      (await pageHtml(page, { base: deps.base, current, filters, ctx: deps.ctx, path: `${deps.base}${path}` }));
    if (entry) entry.html = html;
    return send(200, 'text/html; charset=utf-8', html);
  };
}

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** `mis dashboard`: the pages on their own server (127.0.0.1 by default; Host checked against DNS rebinding). */
export async function startDashboard(
  deps: DashboardDeps,
  opts: { host?: string; port?: number } = {},
): Promise<RunningDashboard> {
  const host = opts.host ?? '127.0.0.1';
  const handle = dashboardHandler(deps);
  const http = createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (LOOPBACK.has(host) && !LOOPBACK.has(hostHeader)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('forbidden host\n');
      return;
    }
    handle(req, res).catch((e: unknown) => {
      deps.onError?.(`dashboard: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The page failed to render; the error is in the dashboard’s log.\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
