/**
 * The server over Streamable HTTP (stateless: one server per request) on 127.0.0.1 by default. Every request
 * needs `Authorization: Bearer <token>`; browsers' cross-site requests are refused by Origin (and, on a
 * loopback address, by Host: DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpDeps } from './deps.js';
import { serverFactory } from './server.js';

export interface HttpOptions {
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** The bearer token clients must send; absent: a random one (see RunningHttpServer.token). */
  token?: string | undefined;
  onError?: (message: string) => void;
  /**
   * Other routes served beside /mcp (the digest's one-tap links under /a/): tried first; returns true when it
   * answered. They carry their own signed-link auth, so no bearer token is asked of them.
   */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface RunningHttpServer {
  url: string;
  token: string;
  /** True when the token was generated here (the caller shows it to the user). */
  generatedToken: boolean;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function hostnameOf(value: string): string | null {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function serveHttp(deps: McpDeps, opts: HttpOptions = {}): Promise<RunningHttpServer> {
  const host = opts.host ?? '127.0.0.1';
  const generatedToken = !opts.token;
  const token = opts.token || randomBytes(24).toString('base64url');
  const loopback = LOOPBACK.has(host);
  const make = serverFactory(deps);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp' && opts.routes?.(req, res)) return;
    if (path !== '/mcp') return send(res, 404, 'not found: the MCP endpoint is /mcp');
    const origin = req.headers.origin;
    if (origin !== undefined && !LOOPBACK.has(hostnameOf(origin) ?? ''))
      return send(res, 403, 'forbidden origin: only local pages may call this server');
    if (loopback && !LOOPBACK.has(hostnameOf(req.headers.host ?? '') ?? '')) return send(res, 403, 'forbidden host');
    if (!tokenMatches(req.headers.authorization, token))
      return send(res, 401, 'missing or wrong bearer token (MIS_MCP_TOKEN)', {
        'WWW-Authenticate': 'Bearer realm="sales-mis"',
      });
    if (req.method !== 'POST')
      return send(res, 405, 'method not allowed: this server is stateless, POST JSON-RPC to /mcp', { Allow: 'POST' });
    const server = make();
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }); // no sessionIdGenerator: stateless;
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.onError?.(`mcp http: ${(e as Error).message}`);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/mcp`,
    token,
    generatedToken,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
