/** A sandbox-backed write setup: the real client, a state store whose cache holds the fixture portal, a temp state dir. */
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubSpotClient, HubSpotCrm, type HubSpotClient } from '../../src/crm/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { StateStore } from '../../src/state/index.js';
import { fixture } from '../support/fixtures.js';

export interface WriteEnv {
  sb: RunningSandbox;
  hs: HubSpotClient;
  crm: HubSpotCrm;
  state: StateStore;
  stateDir: string;
  close(): Promise<void>;
}

export async function writeEnv(
  opts: { basePath?: (sb: RunningSandbox) => string; attempts?: number } = {},
): Promise<WriteEnv> {
  const sb = await startSandbox({
    dataset: fixture({ deals: 12, notesPerDeal: 1 }),
    limits: { hubspot: false, search: false, daily: false, smartlead: false },
  });
  const hs = createHubSpotClient({
    accessToken: sb.token,
    basePath: opts.basePath?.(sb) ?? sb.url,
    burst: false,
    attempts: opts.attempts ?? 3,
  });
  const crm = new HubSpotCrm(hs);
  const stateDir = mkdtempSync(join(tmpdir(), 'mis-writes-'));
  const state = StateStore.open(stateDir);
  const snap = await crm.readAll();
  state.replaceCache(snap, null);
  state.setMeta('last_sync_at', snap.fetchedAt);
  sb.resetStats();
  return {
    sb,
    hs,
    crm,
    state,
    stateDir,
    async close() {
      state.close();
      await sb.close();
    },
  };
}

/** Requests the sandbox saw for one route (e.g. `POST /crm/v3/objects/:type`). */
export function hits(sb: RunningSandbox, route: string): number {
  return sb.stats().requests[route] ?? 0;
}

/**
 * A gateway in front of the sandbox that lets matching requests through to it and then answers 502 anyway:
 * (or drops the connection): HubSpot processed the write, the caller never hears so. The case a blind retry
 * turns into a duplicate.
 */
export async function lossyGateway(
  target: string,
  lose: (method: string, path: string) => boolean,
  how: '502' | 'reset' = '502',
): Promise<{ url: string; lost: () => number; close(): Promise<void> }> {
  let lost = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = new URL(req.url ?? '/', target);
      const fwd = request(up, { method: req.method, headers: { ...req.headers, host: up.host } }, (r) => {
        const body: Buffer[] = [];
        r.on('data', (c: Buffer) => body.push(c));
        r.on('end', () => {
          if (lose(req.method ?? 'GET', up.pathname)) {
            lost++;
            if (how === 'reset') {
              req.socket.destroy();
              return;
            }
            res
              .writeHead(502, { 'Content-Type': 'application/json;charset=utf-8' })
              .end(JSON.stringify({ status: 'error', message: 'Bad gateway', category: 'INTERNAL_ERROR' }));
            return;
          }
          res.writeHead(r.statusCode ?? 500, r.headers).end(Buffer.concat(body));
        });
      });
      fwd.on('error', () => res.writeHead(500).end());
      fwd.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
