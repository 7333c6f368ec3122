/**
 * Independent re-derivations of each planted problem from the data. Each returns the set of object ids where the
 * problem really holds, so a test can assert plants == reality (every plant is true, and nothing else has it).
 */
import type { PortalDataset } from '../../src/dataset/index.js';
import { COMPETITOR_WORDS, DAY, EARLY_STAGES, type Facts, MAIN_ORDER, PROPOSAL_WORDS } from './facts.js';

const sorted = (ids: Iterable<string>) => [...ids].sort();

export function staleDeals(f: Facts): string[] {
  return sorted(
    f
      .openDeals()
      .filter((d) => f.lastActivity(d) < f.asOf - 21 * DAY)
      .map((d) => d.rec.id),
  );
}

export function missingNotes(f: Facts): string[] {
  return sorted(
    f
      .openMainDeals()
      .filter(
        (d) =>
          (d.stage === 'decisionmakerboughtin' || d.stage === 'contractsent') &&
          !d.engagements.some((e) => e.type === 'notes'),
      )
      .map((d) => d.rec.id),
  );
}

export function missingRequired(f: Facts): string[] {
  return sorted(
    f
      .openMainDeals()
      .filter((d) => f.stageIndex(d.stage) >= 3 && (!d.rec.properties['amount'] || !d.rec.properties['closedate']))
      .map((d) => d.rec.id),
  );
}

export function closeDatePast(f: Facts): string[] {
  return sorted(
    f
      .openDeals()
      .filter((d) => {
        const c = d.rec.properties['closedate'];
        return !!c && Date.parse(c) < f.asOf;
      })
      .map((d) => d.rec.id),
  );
}

function stagePairs(f: Facts, test: (a: number, b: number, from: string, to: string) => boolean): string[] {
  const out: string[] = [];
  for (const d of f.deals.values()) {
    const h = d.history['dealstage'] ?? [];
    for (let i = 1; i < h.length; i++) {
      const from = h[i - 1]!.value!;
      const to = h[i]!.value!;
      const a = MAIN_ORDER.indexOf(from);
      const b = to === 'closedwon' ? MAIN_ORDER.length : MAIN_ORDER.indexOf(to);
      if (a >= 0 && b >= 0 && test(a, b, from, to)) {
        out.push(d.rec.id);
        break;
      }
    }
  }
  return sorted(out);
}

export function stageSkipped(f: Facts): string[] {
  return stagePairs(f, (a, b) => b > a + 1);
}

export function stageRegression(f: Facts): string[] {
  return stagePairs(f, (a, b) => b < a);
}

export function closeDatePushed(f: Facts): string[] {
  const out: string[] = [];
  for (const d of f.deals.values()) {
    const values = (d.history['closedate'] ?? []).map((h) => h.value).filter((v): v is string => !!v);
    let pushes = 0;
    for (let i = 1; i < values.length; i++) if (Date.parse(values[i]!) > Date.parse(values[i - 1]!)) pushes++;
    if (pushes >= 2) out.push(d.rec.id);
  }
  return sorted(out);
}

export function amountDecreased(f: Facts): string[] {
  const out: string[] = [];
  for (const d of f.deals.values()) {
    const values = (d.history['amount'] ?? [])
      .map((h) => h.value)
      .filter((v): v is string => !!v)
      .map(Number);
    if (values.some((v, i) => i > 0 && v < values[i - 1]!)) out.push(d.rec.id);
  }
  return sorted(out);
}

export function stageMismatch(f: Facts): string[] {
  return sorted(
    f
      .openMainDeals()
      .filter((d) => EARLY_STAGES.includes(d.stage))
      .filter((d) => {
        const logged = d.engagements.some(
          (e) =>
            (e.type === 'emails' || e.type === 'meetings') &&
            PROPOSAL_WORDS.test(Object.values(e.rec.properties).join(' ')),
        );
        const replied = d.contacts.some((c) =>
          (f.smartleadByEmail.get(c.properties['email']!.toLowerCase()) ?? []).some(
            (m) => m.type === 'REPLY' && PROPOSAL_WORDS.test(m.body),
          ),
        );
        return logged || replied;
      })
      .map((d) => d.rec.id),
  );
}

export function competitorMentioned(f: Facts): string[] {
  return sorted(
    [...f.deals.values()]
      .filter((d) => d.engagements.some((e) => COMPETITOR_WORDS.test(Object.values(e.rec.properties).join(' '))))
      .map((d) => d.rec.id),
  );
}

export function singleThreaded(f: Facts): string[] {
  return sorted(
    f
      .openDeals()
      .filter((d) => Number(d.rec.properties['amount'] ?? 0) >= 3_000_000 && d.contacts.length === 1)
      .map((d) => d.rec.id),
  );
}

export function noNextActivity(f: Facts): string[] {
  return sorted(
    f
      .openDeals()
      .filter((d) => d.nextActivity === Infinity)
      .map((d) => d.rec.id),
  );
}

export function normalizeCompany(name: string): string {
  const legal = new Set([
    'pvt',
    'ltd',
    'private',
    'limited',
    'llp',
    'group',
    'grp',
    'industries',
    'co',
    '&',
    'and',
    'the',
  ]);
  return name
    .toLowerCase()
    .replace(/[^a-z0-9& ]/g, ' ')
    .split(/\s+/)
    .filter((t) => t && !legal.has(t))
    .join('');
}

/** Companies that share a domain or a normalised name with an older one (the newer id of each pair). */
export function duplicateCompanies(data: PortalDataset): string[] {
  const out = new Set<string>();
  const seen = new Map<string, string>();
  const byId = [...data.objects.companies].sort((a, b) => Number(a.id) - Number(b.id));
  for (const c of byId) {
    for (const key of [`d:${c.properties['domain'] ?? ''}`, `n:${normalizeCompany(c.properties['name']!)}`]) {
      if (key === 'd:') continue;
      if (seen.has(key)) out.add(c.id);
      else seen.set(key, c.id);
    }
  }
  return sorted(out);
}

/** Contacts whose email matches an older one ignoring case/whitespace, or same name at the same company. */
export function duplicateContacts(data: PortalDataset): string[] {
  const company = new Map<string, string>();
  for (const a of data.associations)
    if (a.from.type === 'contacts' && a.to.type === 'companies') company.set(a.from.id, a.to.id);
  const out = new Set<string>();
  const seen = new Set<string>();
  const byId = [...data.objects.contacts].sort((a, b) => Number(a.id) - Number(b.id));
  for (const c of byId) {
    const p = c.properties;
    const keys = [`e:${p['email']!.trim().toLowerCase()}`];
    if (company.has(c.id)) keys.push(`n:${p['firstname']}|${p['lastname']}|${company.get(c.id)}`);
    for (const key of keys) {
      if (seen.has(key)) out.add(c.id);
      else seen.add(key);
    }
  }
  return sorted(out);
}

/** Replies with no INCOMING_EMAIL on the matching HubSpot contact within an hour: contact id, or "email:<address>" when no contact has the address. */
export function unsyncedReplies(f: Facts): string[] {
  const byEmail = new Map<string, string>();
  for (const c of f.contacts.values()) byEmail.set(c.properties['email']!, c.id);
  const out: string[] = [];
  for (const [email, messages] of f.smartleadByEmail) {
    for (const m of messages) {
      if (m.type !== 'REPLY') continue;
      const contactId = byEmail.get(email);
      if (!contactId) {
        out.push(`email:${email}`);
        continue;
      }
      const synced = (f.engagementsByContact.get(contactId) ?? []).some(
        (e) =>
          e.type === 'emails' &&
          e.rec.properties['hs_email_direction'] === 'INCOMING_EMAIL' &&
          e.at >= m.time &&
          e.at - m.time <= 60 * 60_000,
      );
      if (!synced) out.push(contactId);
    }
  }
  return sorted(out);
}
