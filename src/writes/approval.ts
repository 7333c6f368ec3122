/**
 * Approval tokens: HMAC-SHA256 over (write id, hash of the change and its preview, approver, expiry) with a
 * secret kept in <stateDir>/approval.key (0600, created on first use). Only whoever can read that file, i.e.
 * a person at the CLI, can mint one; a tool handed a token for one write cannot reuse it for another.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WriteApprovalError } from './errors.js';

const PREFIX = 'mis1';
export const APPROVAL_KEY_FILE = 'approval.key';
/** An approval is used at once by the CLI; ten minutes leaves room for a slow network, not for hoarding. */
export const DEFAULT_APPROVAL_TTL_MS = 10 * 60_000;

export interface ApprovalClaims {
  writeId: string;
  approver: string;
  /** Epoch ms. */
  expiresAt: number;
}

export function approvalKey(stateDir: string): Buffer {
  const file = join(stateDir, APPROVAL_KEY_FILE);
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length >= 32) {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return key;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(stateDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process created it first: use theirs
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

function mac(key: Buffer, claims: ApprovalClaims, changeHash: string): Buffer {
  return createHmac('sha256', key)
    .update(
      ['sales-mis write approval', claims.writeId, changeHash, claims.approver, String(claims.expiresAt)].join('\n'),
    )
    .digest();
}

export function signApproval(key: Buffer, claims: ApprovalClaims, changeHash: string): string {
  const body = Buffer.from(JSON.stringify({ w: claims.writeId, a: claims.approver, e: claims.expiresAt })).toString(
    'base64url',
  );
  return `${PREFIX}.${body}.${mac(key, claims, changeHash).toString('base64url')}`;
}

/** The claims of a token that approves exactly this write (as its change hash stands) and has not expired. */
export function verifyApproval(
  key: Buffer,
  token: string,
  writeId: string,
  changeHash: string,
  now: number,
): ApprovalClaims {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new WriteApprovalError('malformed', writeId);
  let claims: ApprovalClaims;
  try {
    const raw = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as {
      w?: unknown;
      a?: unknown;
      e?: unknown;
    };
    if (typeof raw.w !== 'string' || typeof raw.a !== 'string' || typeof raw.e !== 'number') throw new Error('claims');
    claims = { writeId: raw.w, approver: raw.a, expiresAt: raw.e };
  } catch {
    throw new WriteApprovalError('malformed', writeId);
  }
  if (claims.writeId !== writeId) throw new WriteApprovalError('other_write', writeId);
  const given = Buffer.from(parts[2]!, 'base64url');
  const want = mac(key, claims, changeHash);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new WriteApprovalError('forged', writeId);
  if (now >= claims.expiresAt) throw new WriteApprovalError('expired', writeId);
  return claims;
}
