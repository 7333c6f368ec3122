/**
 * One-tap links: `<base><prefix><id>.<mac>`, where id names the link's row in notify_links (recorded with its
 * digest: nudge, owner, deal, action, expiry) and mac = HMAC-SHA256(id) under a key kept in its own file,
 * <stateDir>/link.key (0600, like approval.key): reading mis.db is not enough to mint a link.
 * Short enough for a phone. A link is refused when it is malformed, tampered (mac wrong), unknown (never
 * recorded), expired, or already used: each link works once.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { MisError } from '../../errors/index.js';
import { NotifyLinksTable, type StateStore } from '../../state/index.js';

export const LINK_ACTIONS = ['update_stage', 'add_note', 'skip', 'ask_manager', 'accept_reminder'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export const linkClaimsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  nudgeId: z.string().min(1),
  ownerId: z.string().min(1),
  dealId: z.string().min(1),
  action: z.enum(LINK_ACTIONS),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
  /** What the link acts on beyond its deal, as JSON (accept_reminder: the reminder and its task). */
  payload: z.string().optional(),
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

export const LINK_KEY_FILE = 'link.key';
const LEGACY_META = 'notify_link_secret';

/**
 * The HMAC key: <stateDir>/link.key, 0600, created on first use (never printed). A key an older version kept in
 * mis.db is moved into the file (links already sent keep working) and removed from the database. An in-memory
 * state store (tests) keeps it in memory.
 */
export function linkSecret(state: StateStore): Buffer {
  if (state.file === ':memory:') {
    let hex = state.getMeta(LEGACY_META);
    if (!hex) state.setMeta(LEGACY_META, (hex = randomBytes(32).toString('hex')));
    return Buffer.from(hex, 'hex');
  }
  const file = join(dirname(state.file), LINK_KEY_FILE);
  const read = (): Buffer | null => {
    try {
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
      if (key.length < 32) return null;
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
  const legacy = state.getMeta(LEGACY_META);
  const existing = read();
  if (existing) {
    if (legacy) state.deleteMeta(LEGACY_META);
    return existing;
  }
  try {
    writeFileSync(file, `${legacy ?? randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process created it first: use theirs
  }
  if (legacy) state.deleteMeta(LEGACY_META);
  const key = read();
  if (!key) throw new LinkKeyError(file);
  return key;
}

export class LinkKeyError extends MisError {
  constructor(file: string) {
    super('NOTIFY_LINK', `the link key ${file} is unreadable or too short`, {
      hint: 'Move the file aside and run again: a new key is created (links already sent stop working).',
    });
  }
}

export function linkId(nudgeId: string, action: LinkAction): string {
  return createHash('sha256').update(`${nudgeId}\n${action}`).digest('hex').slice(0, 24);
}

/** One link per reminder a digest carries: the digest's nudge and the reminder's key. */
export function reminderLinkId(nudgeId: string, reminderKey: string): string {
  return createHash('sha256').update(`${nudgeId}\naccept_reminder\n${reminderKey}`).digest('hex').slice(0, 24);
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
  const row = new NotifyLinksTable(state).byId(id);
  if (!row) throw new LinkError('unknown');
  const exp = Date.parse(row.expiresAt);
  if (exp <= nowMs) throw new LinkError('expired');
  if (row.usedAt) throw new LinkError('used');
  return linkClaimsSchema.parse({
    id,
    nudgeId: row.nudgeId,
    ownerId: row.ownerId,
    dealId: row.dealId,
    action: row.action,
    exp: Math.floor(exp / 1000),
    ...(row.payload ? { payload: row.payload } : {}),
  });
}

export function linkUrl(baseUrl: string, prefix: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${prefix}${token}`;
}

export function recordLink(state: StateStore, claims: LinkClaims, createdAt: string): void {
  new NotifyLinksTable(state).insertOrIgnore({
    id: claims.id,
    nudgeId: claims.nudgeId,
    ownerId: claims.ownerId,
    dealId: claims.dealId,
    action: claims.action,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    createdAt,
    payload: claims.payload ?? null,
  });
}

/** Marks the link used; exactly one caller wins (a second tap, even concurrent, gets LinkError 'used'). */
export function consumeLink(state: StateStore, claims: LinkClaims, at: string, result: unknown): void {
  if (!new NotifyLinksTable(state).consume(claims.id, at, JSON.stringify(result ?? null))) throw new LinkError('used');
}

function mac(secret: Buffer, body: string): string {
  // 128 bits of the MAC: plenty for a link that also has to exist, be unexpired and unused.
  return createHmac('sha256', secret).update(body).digest().subarray(0, 16).toString('base64url');
}
