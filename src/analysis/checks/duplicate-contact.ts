/**
 * HC-6 duplicate_contact: contacts that look like the same person. Same normalised email (trimmed, lower-cased; Gmail
 * dots and +tags ignored) → high confidence; same normalised full name at the same company → medium. The newer
 * record is the one to merge into the older (objectId → evidence.duplicateOf). A suggestion for a person to review:
 * nothing is ever merged automatically.
 */
import type { Contact } from '../../crm/index.js';
import { derive } from '../derive.js';
import type { Finding } from '../finding.js';
import type { AnalysisContext } from '../input.js';
import { compareIds, dealsByContact, prop } from './common.js';
import { normalizeEmail, normalizePersonName } from '../../names/index.js';

export type Confidence = 'high' | 'medium' | 'low';
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
export const SEVERITY_BY_CONFIDENCE = { high: 'medium', medium: 'low', low: 'low' } as const;

/** Oldest first: createdAt, then id. */
export function olderFirst<T extends { id: string; createdAt: string }>(a: T, b: T): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : compareIds(a.id, b.id);
}

interface Match {
  other: Contact;
  confidence: Confidence;
  keys: string[];
}

export function duplicateContact(ctx: AnalysisContext): Finding[] {
  const d = derive(ctx);
  const groups = new Map<string, Contact[]>();
  const add = (key: string, c: Contact) => {
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  };
  for (const c of d.contacts.values()) {
    const email = normalizeEmail(c.email);
    if (email) add(`email\u0000${email}`, c);
    const name = normalizePersonName(c.firstName, c.lastName);
    if (name) for (const co of new Set(c.companyIds)) add(`name\u0000${co}\u0000${name}`, c);
  }
  // For each newer record of a group: its match to the group's oldest record.
  const best = new Map<string, Match>();
  const keysOf = new Map<string, Map<string, Set<string>>>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const kind = key.startsWith('email') ? 'email' : 'name';
    list.sort(olderFirst);
    const oldest = list[0]!;
    for (const c of list.slice(1)) {
      const pairKeys = keysOf.get(c.id) ?? new Map<string, Set<string>>();
      keysOf.set(c.id, pairKeys);
      const ks = pairKeys.get(oldest.id) ?? new Set<string>();
      pairKeys.set(oldest.id, ks);
      if (kind === 'email') ks.add('email');
      else {
        ks.add('name');
        ks.add('company');
      }
    }
  }
  for (const [id, byOther] of keysOf) {
    for (const [otherId, ks] of byOther) {
      const confidence: Confidence = ks.has('email') ? 'high' : 'medium';
      const cur = best.get(id);
      const other = d.contacts.get(otherId)!;
      if (
        !cur ||
        CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[cur.confidence] ||
        (confidence === cur.confidence && olderFirst(other, cur.other) < 0)
      ) {
        best.set(id, { other, confidence, keys: [...ks].sort() });
      }
    }
  }
  const byContact = dealsByContact(d);
  const ownerOf = (c: Contact): string | null =>
    prop(c.properties, 'hubspot_owner_id') ?? byContact.get(c.id)?.at(-1)?.ownerId ?? null;
  const out: Finding[] = [];
  for (const [id, m] of best) {
    const c = d.contacts.get(id)!;
    const o = m.other;
    const why = m.keys.includes('email')
      ? `same email${m.keys.includes('name') ? ' and same name at the same company' : ''}`
      : 'same name at the same company';
    out.push({
      check: 'duplicate_contact',
      objectType: 'contact',
      objectId: c.id,
      ownerId: ownerOf(c) ?? ownerOf(o),
      severity: SEVERITY_BY_CONFIDENCE[m.confidence],
      summary: `Possible duplicate of ${contactName(o)} (contact ${o.id}; ${why}; ${m.confidence} confidence): review, then merge this newer record into it in HubSpot`,
      evidence: {
        rule: 'same normalised email → high confidence; same normalised full name at the same company → medium; the newer record merges into the older',
        duplicateOf: o.id,
        confidence: m.confidence,
        matchedKeys: m.keys,
        record: {
          id: c.id,
          email: c.email,
          name: [c.firstName, c.lastName].filter(Boolean).join(' '),
          createdAt: c.createdAt,
          companyIds: c.companyIds,
          dealIds: (byContact.get(c.id) ?? []).map((x) => x.id),
        },
        duplicateOfRecord: {
          id: o.id,
          email: o.email,
          name: [o.firstName, o.lastName].filter(Boolean).join(' '),
          createdAt: o.createdAt,
          companyIds: o.companyIds,
          dealIds: (byContact.get(o.id) ?? []).map((x) => x.id),
        },
        normalizedEmail: normalizeEmail(c.email),
        automaticMerge: false,
      },
    });
  }
  return out;
}

/** "First Last", else the email, else "a contact". */
function contactName(c: Contact): string {
  const full = [c.firstName, c.lastName].filter(Boolean).join(' ').trim();
  return full || c.email || 'a contact';
}
