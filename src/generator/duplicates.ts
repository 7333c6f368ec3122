/**
 * Planted duplicates: companies entered twice (same domain with the legal form spelled differently, or the same
 * name with no domain) and contacts entered twice (email differing only in case or whitespace, or the same person
 * under another address). The later record is the one to merge into the earlier.
 */
import { newContact, uniqueEmail } from './contacts.js';
import type { CompanyPlan, ContactPlan, World } from './model.js';
import { plantCount, type PlantLog } from './plants.js';
import type { Rng } from './random.js';
import { DAY, HOUR } from './time.js';

interface Pair<T> {
  dup: T;
  orig: T;
  variant: string;
}

const COMPANY_VARIANTS = ['same_domain', 'name_only'] as const;
const CONTACT_VARIANTS = ['email_case', 'email_whitespace', 'same_person'] as const;

export function addDuplicateCompanies(world: World, rng: Rng): Array<Pair<CompanyPlan>> {
  const n = world.cfg.deals;
  if (n < 10) return [];
  const customers = world.companies.filter((c) => c.kind === 'customer');
  const byName = (prefix: string) => customers.find((c) => c.name.startsWith(prefix));
  const fixed = [byName('Shreeji Logistics'), byName('Vahan Freight')];
  const others = rng.shuffle(customers.filter((c) => !fixed.includes(c) && c.domain !== null));
  const pairs: Array<Pair<CompanyPlan>> = [];
  const count = plantCount(n);
  for (let i = 0; i < count; i++) {
    const variant = COMPANY_VARIANTS[i % COMPANY_VARIANTS.length]!;
    const orig = (i < fixed.length ? fixed[i] : undefined) ?? others.pop();
    if (!orig) break;
    const base = orig.name.replace(/ (Pvt Ltd|Private Limited|Ltd|Group|Industries|LLP|& Co)$/, '');
    const hadSuffix = base !== orig.name;
    const name =
      variant === 'same_domain'
        ? orig.name.endsWith(' Pvt Ltd')
          ? `${base} Private Limited`
          : `${base} Pvt. Ltd.`
        : hadSuffix
          ? base
          : `${base} Pvt Ltd`;
    const createdAt = Math.max(
      orig.createdAt + HOUR,
      Math.min(orig.createdAt + rng.float(20, 200) * DAY, world.cfg.asOf - 5 * DAY),
    );
    const dup: CompanyPlan = {
      ...orig,
      idx: world.companies.length,
      id: '',
      name,
      domain: variant === 'same_domain' ? orig.domain : null,
      employees: orig.employees,
      createdAt,
      kind: 'duplicate',
      duplicateOf: orig.idx,
      deals: [],
      contacts: [],
    };
    world.companies.push(dup);
    pairs.push({ dup, orig, variant });
  }
  return pairs;
}

export function addDuplicateContacts(world: World, rng: Rng): Array<Pair<ContactPlan>> {
  const n = world.cfg.deals;
  if (n < 10) return [];
  const candidates = rng.shuffle(
    world.contacts.filter((c) => c.companyIdx !== null && world.companies[c.companyIdx]!.kind === 'customer'),
  );
  const pairs: Array<Pair<ContactPlan>> = [];
  const count = plantCount(n);
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const orig = candidates.pop()!;
    const variant = CONTACT_VARIANTS[i % CONTACT_VARIANTS.length]!;
    const company = world.companies[orig.companyIdx!]!;
    const dup = newContact(world, rng, company, false, new Set([`${orig.firstName} ${orig.lastName}`]));
    world.takenEmails.delete(dup.email);
    dup.firstName = orig.firstName;
    dup.lastName = orig.lastName;
    dup.jobTitle = orig.jobTitle;
    dup.phone = orig.phone;
    dup.source = 'OFFLINE';
    if (variant === 'email_case') {
      const [local, domain] = orig.email.split('@') as [string, string];
      dup.email = `${local.replace(/(^|[._])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase())}@${domain}`;
    } else if (variant === 'email_whitespace') dup.email = `${orig.email.toUpperCase()} `;
    else dup.email = uniqueEmail(world, rng, orig.firstName, orig.lastName, company.domain!);
    dup.createdAt = Math.max(
      orig.createdAt + HOUR,
      Math.min(orig.createdAt + rng.float(15, 180) * DAY, world.cfg.asOf - 2 * DAY),
    );
    dup.lifecycle = [{ value: 'lead', at: dup.createdAt }];
    company.contacts.push(dup.idx);
    pairs.push({ dup, orig, variant });
  }
  return pairs;
}

export function logDuplicatePlants(
  plants: PlantLog,
  companies: Array<Pair<CompanyPlan>>,
  contacts: Array<Pair<ContactPlan>>,
): void {
  for (const { dup, orig, variant } of companies) {
    plants.add({
      kind: 'duplicate_company',
      objectType: 'company',
      objectId: dup.id,
      duplicateOf: orig.id,
      variant,
      name: dup.name,
      duplicateOfName: orig.name,
      domain: dup.domain,
      duplicateOfDomain: orig.domain,
    });
  }
  for (const { dup, orig, variant } of contacts) {
    plants.add({
      kind: 'duplicate_contact',
      objectType: 'contact',
      objectId: dup.id,
      duplicateOf: orig.id,
      variant,
      email: dup.email,
      duplicateOfEmail: orig.email,
      name: `${dup.firstName} ${dup.lastName}`,
    });
  }
}
