/** People and addresses for matching: emails (Gmail's dots and +tags), person names, web domains. */
import { fold } from './text.js';

/** Mailbox providers: a shared one says nothing about two companies being the same. */
export const PUBLIC_EMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.in',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'rediffmail.com',
  'protonmail.com',
  'aol.com',
  'zoho.com',
]);

/**
 * Email for matching: trimmed and lower-cased; for Gmail also without dots and "+tag" in the local part (the same
 * mailbox). Returns null for a value that is not an email.
 */
export function normalizeEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1) return null;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.split('+')[0]!.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** "  Ravi   Kumár " → "ravi kumar"; null when there is no name. */
export function normalizePersonName(first: string | null, last: string | null): string | null {
  const s = fold(`${first ?? ''} ${last ?? ''}`)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/** "https://www.Forace.example/about" → "forace.example". */
export function normalizeDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  let d = domain.trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '');
  d = d.split(/[/?#]/)[0]!;
  d = d.replace(/:\d+$/, '').replace(/\.$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  return d === '' || !d.includes('.') ? null : d;
}
