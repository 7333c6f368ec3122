/**
 * One-tap links: `<base><prefix><id>.<mac>`, where id names the link's row in notify_links (recorded with its
 * digest: nudge, owner, deal, action, expiry) and mac = HMAC-SHA256(id) under a key kept in the state directory.
 * Short enough for a phone. A link is refused when it is malformed, tampered (mac wrong), unknown (never
 * recorded), expired, or already used: each link works once.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MisError } from '../errors/index.js';
import type { StateStore } from '../state/index.js';

export const LINK_ACTIONS = ['update_stage', 'add_note', 'skip', 'ask_manager'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export const linkClaimsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  nudgeId: z.string().min(1),
  ownerId: z.string().min(1),
  dealId: z.string().min(1),
  action: z.enum(LINK_ACTIONS),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
});
export type LinkClaims = z.infer<typeof linkClaimsSchema>;

export type LinkProblem = 'malformed' | 'tampered' | 'expired' | 'unknown' | 'used';

const HINTS: Record<LinkProblem, string> = {
  malformed: 'Open the link from the digest exactly as sent.',
  tampered: 'Open the link from the digest exactly as sent; an edited link is never accepted.',
  expired: 'The link has expired: use the buttons in your latest digest, or update the deal in HubSpot.',
  unknown: 'This link was never issued by this sales-mis (or its digest was not recorded): use your latest digest.',
  used: 'This link was already used: each link works once. Use your latest digest, or update the deal in HubSpot.',
};

export class LinkError extends MisError {
  readonly problem: LinkProblem;
  constructor(problem: LinkProblem) {
    super('NOTIFY_LINK', `link refused: ${problem}`, { hint: HINTS[problem] });
    this.problem = problem;
  }
}

/** The HMAC key: generated once per state directory and kept in it (never printed). */
export function linkSecret(state: StateStore): Buffer {
  let hex = state.getMeta('notify_link_secret');
  if (!hex) {
    hex = randomBytes(32).toString('hex');
    state.setMeta('notify_link_secret', hex);
  }
  return Buffer.from(hex, 'hex');
}

export function linkId(nudgeId: string, action: LinkAction): string {
  return createHash('sha256').update(`${nudgeId}\n${action}`).digest('hex').slice(0, 24);
}

export function signLink(secret: Buffer, claims: LinkClaims): string {
  return `${linkClaimsSchema.parse(claims).id}.${mac(secret, claims.id)}`;
}

/** Checks form and signature; returns the link id (expiry and single use are checked against its row). */
export function verifyLink(secret: Buffer, token: string): string {
  const m = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) throw new LinkError('malformed');
  const expected = Buffer.from(mac(secret, m[1]!), 'base64url');
  const given = Buffer.from(m[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new LinkError('tampered');
  return m[1]!;
}

/** The recorded link behind a verified id: refused when unknown, expired at `nowMs`, or used. */
export function loadLink(state: StateStore, id: string, nowMs: number): LinkClaims {
  const row = state.db.prepare('SELECT * FROM notify_links WHERE id = ?').get(id) as Record<string, string | null> | undefined;
  if (!row) throw new LinkError('unknown');
  const exp = Date.parse(String(row['expires_at']));
  if (exp <= nowMs) throw new LinkError('expired');
  if (row['used_at']) throw new LinkError('used');
  return linkClaimsSchema.parse({ id, nudgeId: row['nudge_id'], ownerId: row['owner_id'], dealId: row['deal_id'], action: row['action'], exp: Math.floor(exp / 1000) });
}

export function linkUrl(baseUrl: string, prefix: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${prefix}${token}`;
}

export function recordLink(state: StateStore, claims: LinkClaims, createdAt: string): void {
  state.db
    .prepare('INSERT OR IGNORE INTO notify_links (id, nudge_id, owner_id, deal_id, action, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(claims.id, claims.nudgeId, claims.ownerId, claims.dealId, claims.action, new Date(claims.exp * 1000).toISOString(), createdAt);
}

/** Marks the link used; exactly one caller wins (a second tap, even concurrent, gets LinkError 'used'). */
export function consumeLink(state: StateStore, claims: LinkClaims, at: string, result: unknown): void {
  const r = state.db.prepare('UPDATE notify_links SET used_at = ?, result = ? WHERE id = ? AND used_at IS NULL').run(at, JSON.stringify(result ?? null), claims.id);
  if (r.changes !== 1) throw new LinkError('used');
}

function mac(secret: Buffer, body: string): string {
  // 128 bits of the MAC: plenty for a link that also has to exist, be unexpired and unused.
  return createHmac('sha256', secret).update(body).digest().subarray(0, 16).toString('base64url');
}
