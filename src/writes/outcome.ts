/**
 * What a failed write request means. Only a 429 is known to be rejected before processing, so only a 429 may
 * be sent again; a 5xx, a timeout or a dropped connection may have written, so the outcome is unknown.
 * A refused connection never reached the server: nothing was written.
 */
import { isMisError } from '../errors/index.js';

export type FailureKind = 'rate_limited' | 'refused' | 'unknown';

export interface Failure {
  kind: FailureKind;
  /** One line, no payload. */
  reason: string;
  hint: string | undefined;
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.errno === 'string') return c.errno;
    cur = c.cause;
  }
  return undefined;
}

export function classifyFailure(e: unknown): Failure {
  const status = (e as { status?: unknown }).status;
  const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
  const hint = isMisError(e) ? e.hint : undefined;
  if (typeof status === 'number') {
    if (status === 429) return { kind: 'rate_limited', reason: message, hint };
    if (status >= 500) return { kind: 'unknown', reason: `HubSpot answered ${status}`, hint };
    return { kind: 'refused', reason: message, hint };
  }
  const code = causeCode(e);
  if (code && NOT_SENT.has(code)) return { kind: 'refused', reason: message, hint };
  // A MisError without a status that is not a network failure (e.g. a validation error from the fake) is definitive.
  if (isMisError(e) && e.code !== 'HUBSPOT_REQUEST' && e.code !== 'HUBSPOT_UNAVAILABLE')
    return { kind: 'refused', reason: message, hint };
  return { kind: 'unknown', reason: code ? `${code}: ${message}` : message, hint };
}
