/**
 * The dashboard behind a bearer token (under `mis serve --http`): the token comes as `Authorization: Bearer`, or
 * once as `?token=` (a browser's first visit), which sets an HttpOnly, SameSite=Strict cookie and redirects to
 * the same page without the token in its address.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const COOKIE = 'mis_dashboard';

function same(a: string | undefined, b: string): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function withToken(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  token: () => string,
  base: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const t = token();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const fromQuery = url.searchParams.get('token') ?? undefined;
    if (fromQuery !== undefined && same(fromQuery, t)) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': `${COOKIE}=${encodeURIComponent(t)}; HttpOnly; SameSite=Strict; Path=${base}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!same(bearer, t) && !same(cookieOf(req), t)) {
      res.writeHead(401, {
        'Content-Type': 'text/plain; charset=utf-8',
        'WWW-Authenticate': 'Bearer realm="sales-mis"',
      });
      res.end(
        `The dashboard needs the server's bearer token: open ${base}/?token=<MIS_MCP_TOKEN> once, or send Authorization: Bearer.\n`,
      );
      return;
    }
    await handler(req, res);
  };
}
